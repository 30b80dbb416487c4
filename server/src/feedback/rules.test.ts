import { SESSION_STATUSES, type SessionStatus } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { authorizeInRoom, type RoomCaller } from '../room/rules.ts';
import { feedbackRules, isOpenTo, refuseCancelledRegistration, refuseClosedForm, takesAnswers } from './rules.ts';

const on = { enabled: true };
const off = { enabled: false };

function refusalOf(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
}

describe('who may give feedback from the room', () => {
  const inRoom = (role: RoomCaller['role'], admission: RoomCaller['admission']): RoomCaller => ({
    identity: `${role}-${admission}`,
    role,
    admission,
  });

  it('has the actions of the feedback form', () => {
    expect(Object.keys(feedbackRules).sort()).toEqual(['answer', 'read']);
  });

  it.each(Object.keys(feedbackRules) as (keyof typeof feedbackRules)[])(
    '%s: anyone let in, whatever their role; nobody waiting in the lobby or turned away',
    (action) => {
      for (const role of ['participant', 'speaker', 'moderator'] as const) {
        expect(refusalOf(() => authorizeInRoom(feedbackRules, action, inRoom(role, 'admitted')))).toBeNull();
      }
      for (const admission of ['pending', 'denied'] as const) {
        expect(refusalOf(() => authorizeInRoom(feedbackRules, action, inRoom('participant', admission)))).toBe(
          '403 room_not_admitted',
        );
      }
    },
  );
});

describe('when the form takes answers', () => {
  const table: [SessionStatus, boolean, string | null, string | null][] = [
    // status       takes answers  refusal with the form on   refusal with the form off
    ['draft', false, '409 feedback_not_open', '409 feedback_not_open'],
    ['scheduled', false, '409 feedback_not_open', '409 feedback_not_open'],
    ['live', true, null, '409 feedback_disabled'],
    ['ended', true, null, '409 feedback_disabled'],
    ['cancelled', false, '409 feedback_closed', '409 feedback_closed'],
  ];

  it('has a row for every session status', () => {
    expect(table.map(([status]) => status).sort()).toEqual([...SESSION_STATUSES].sort());
  });

  it.each(table)(
    'a %s session: takes answers %s; refused %s with the form on, %s with it off',
    (status, takes, whenOn, whenOff) => {
      expect(takesAnswers({ status })).toBe(takes);
      expect(refusalOf(() => refuseClosedForm({ status }, on))).toBe(whenOn);
      expect(refusalOf(() => refuseClosedForm({ status }, off))).toBe(whenOff);
    },
  );

  it('tells someone answering a cancelled session that it was cancelled, not that the form is off', () => {
    expect(refusalOf(() => refuseClosedForm({ status: 'cancelled' }, off))).toBe('409 feedback_closed');
  });
});

describe('whether the form shows as open to someone', () => {
  it('is open while it takes answers, the form is on, and nothing refuses them', () => {
    expect(isOpenTo(on, { status: 'live' })).toBe(true);
    expect(isOpenTo(on, { status: 'ended' }, false)).toBe(true);
  });

  it('is closed to someone refused (a cancelled registration), even while it takes answers', () => {
    expect(isOpenTo(on, { status: 'live' }, true)).toBe(false);
  });

  it('is closed when the organizer turned the form off', () => {
    expect(isOpenTo(off, { status: 'ended' })).toBe(false);
  });

  it('is closed before the session goes live and after it was cancelled', () => {
    expect(isOpenTo(on, { status: 'scheduled' })).toBe(false);
    expect(isOpenTo(on, { status: 'cancelled' })).toBe(false);
  });
});

describe('answering by personal link', () => {
  it('refuses the holder of a cancelled registration', () => {
    expect(refusalOf(() => refuseCancelledRegistration(true))).toBe('409 feedback_registration_cancelled');
  });

  it('lets the holder of a registration that stands answer', () => {
    expect(refusalOf(() => refuseCancelledRegistration(false))).toBeNull();
  });
});
