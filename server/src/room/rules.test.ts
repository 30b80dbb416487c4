import { ADMISSIONS, type Admission, ROOM_ROLES, SESSION_STATUSES, type SessionStatus } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import {
  admitted,
  authorizeInRoom,
  forEveryone,
  forModerators,
  isOver,
  isTeam,
  mayInRoom,
  moderator,
  type RoomCaller,
  roomRules,
  unmetRequirement,
} from './rules.ts';

/** Everyone a room can have: each role, let in, waiting in the lobby, or turned away. */
const aCaller = (role: RoomCaller['role'], admission: Admission = 'admitted'): RoomCaller => ({
  identity: `${role}-${admission}`,
  role,
  admission,
});
const budi = aCaller('participant');
const rina = aCaller('speaker');
const ayu = aCaller('moderator');
const waiting = aCaller('participant', 'pending');
const turnedAway = aCaller('participant', 'denied');

/** What `authorizeInRoom` answers: let in, or the refusal's status and code. */
function answerOf(run: () => void): 'let in' | string {
  try {
    run();
    return 'let in';
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
}

describe('what the room asks of the caller', () => {
  it('lets in only someone admitted: the lobby and those turned away are refused with room_not_admitted', () => {
    expect(ADMISSIONS.map((admission) => admitted.holds(aCaller('participant', admission)))).toEqual([
      true,
      false,
      false,
    ]);
    expect(admitted.refusal()).toMatchObject({ status: 403, code: 'room_not_admitted' });
  });

  it('knows a moderator by their role alone, and refuses everyone else with room_moderators_only', () => {
    expect(ROOM_ROLES.map((role) => moderator.holds(aCaller(role)))).toEqual([false, false, true]);
    expect(moderator.refusal()).toMatchObject({ status: 403, code: 'room_moderators_only' });
  });

  it('counts speakers and moderators as the team that runs the room, not participants', () => {
    expect(ROOM_ROLES.map((role) => isTeam({ role }))).toEqual([false, true, true]);
  });

  it('gives each refusal as a new error, so one request’s problem never carries another’s', () => {
    expect(admitted.refusal()).not.toBe(admitted.refusal());
  });
});

describe('the first unmet requirement decides the refusal', () => {
  const rules = { speak: forEveryone, moderate: forModerators } as const;

  it('asks nothing more of a moderator let in', () => {
    expect(unmetRequirement(rules, 'moderate', ayu)).toBeNull();
    expect(mayInRoom(rules, 'moderate', ayu)).toBe(true);
  });

  it('tells a participant they are not a moderator', () => {
    expect(unmetRequirement(rules, 'moderate', budi)).toBe(moderator);
    expect(answerOf(() => authorizeInRoom(rules, 'moderate', budi))).toBe('403 room_moderators_only');
  });

  it('tells a moderator still in the lobby that they are not let in, before anything about their role', () => {
    const pendingModerator = aCaller('moderator', 'pending');
    expect(unmetRequirement(rules, 'moderate', pendingModerator)).toBe(admitted);
    expect(answerOf(() => authorizeInRoom(rules, 'speak', pendingModerator))).toBe('403 room_not_admitted');
  });

  it('tells a participant in the lobby they are not let in, even for what is the moderators’', () => {
    expect(answerOf(() => authorizeInRoom(rules, 'moderate', waiting))).toBe('403 room_not_admitted');
  });
});

describe('who may do what in the room', () => {
  type Row = [action: keyof typeof roomRules, everyone: boolean];
  const table: Row[] = [
    // action           for everyone let in (false: moderators only)
    ['enter', true],
    ['raiseHand', true],
    ['answerInvitation', true],
    ['leaveStage', true],
    ['goLive', false],
    ['end', false],
    ['changeSettings', false],
    ['listParticipants', false],
    ['readAudit', false],
    ['mute', false],
    ['inviteToStage', false],
    ['removeFromStage', false],
    ['lowerHandOf', false],
    ['remove', false],
    ['ban', false],
    ['unban', false],
    ['decideLobby', false],
  ];

  it('has a row for every action of the room', () => {
    expect(table.map(([action]) => action).sort()).toEqual(Object.keys(roomRules).sort());
  });

  it.each(table)('%s: everyone let in %s', (action, everyone) => {
    expect(answerOf(() => authorizeInRoom(roomRules, action, ayu))).toBe('let in');
    const forTheRest = everyone ? 'let in' : '403 room_moderators_only';
    expect(answerOf(() => authorizeInRoom(roomRules, action, budi))).toBe(forTheRest);
    expect(answerOf(() => authorizeInRoom(roomRules, action, rina))).toBe(forTheRest);
    expect(answerOf(() => authorizeInRoom(roomRules, action, waiting))).toBe('403 room_not_admitted');
    expect(answerOf(() => authorizeInRoom(roomRules, action, turnedAway))).toBe('403 room_not_admitted');
  });
});

describe('when a room takes no more contributions', () => {
  const table: [SessionStatus, boolean][] = [
    ['draft', false],
    ['scheduled', false],
    ['live', false],
    ['ended', true],
    ['cancelled', true],
  ];
  it('has a row for every session status', () => {
    expect(table.map(([status]) => status).sort()).toEqual([...SESSION_STATUSES].sort());
  });
  it.each(table)('a %s session is over: %s', (status, over) => {
    expect(isOver({ status })).toBe(over);
  });
});
