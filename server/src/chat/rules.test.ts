import { ROOM_ROLES } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { authorizeInRoom, type RoomCaller } from '../room/rules.ts';
import { authorizeSending, chatRules, heldByChatLimits, slowModeWait } from './rules.ts';

/** Budi is in the audience, Rina speaks, Ayu moderates; Sari still waits in the lobby. */
const budi: RoomCaller = { identity: 'r_budi', role: 'participant', admission: 'admitted' };
const rina: RoomCaller = { identity: 'u_rina', role: 'speaker', admission: 'admitted' };
const ayu: RoomCaller = { identity: 'u_ayu', role: 'moderator', admission: 'admitted' };
const sari: RoomCaller = { identity: 'r_sari', role: 'participant', admission: 'pending' };

function answerOf(run: () => void): string {
  try {
    run();
    return 'let in';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('who may do what in the chat', () => {
  const table: [keyof typeof chatRules, string, string, string, string][] = [
    // action         Budi (audience)            Rina (speaker)             Ayu (moderator)  Sari (lobby)
    ['send', 'let in', 'let in', 'let in', 'room_not_admitted'],
    ['announce', 'room_moderators_only', 'room_moderators_only', 'let in', 'room_not_admitted'],
    ['delete', 'room_moderators_only', 'room_moderators_only', 'let in', 'room_not_admitted'],
    ['makeQuestion', 'room_moderators_only', 'room_moderators_only', 'let in', 'room_not_admitted'],
  ];

  it('has a row for every action of the chat', () => {
    expect(table.map(([action]) => action).sort()).toEqual(Object.keys(chatRules).sort());
  });

  it.each(table)('%s: the audience %s, a speaker %s, a moderator %s, the lobby %s', (action, ...expected) => {
    expect([budi, rina, ayu, sari].map((caller) => answerOf(() => authorizeInRoom(chatRules, action, caller)))).toEqual(
      expected,
    );
  });

  it('lets a participant send a message but not an announcement', () => {
    expect(answerOf(() => authorizeSending(budi, false))).toBe('let in');
    expect(answerOf(() => authorizeSending(budi, true))).toBe('room_moderators_only');
  });

  it('lets a moderator send an announcement', () => {
    expect(answerOf(() => authorizeSending(ayu, true))).toBe('let in');
  });

  it('tells someone in the lobby they are not let in, whether or not they ask for an announcement', () => {
    expect(answerOf(() => authorizeSending(sari, false))).toBe('room_not_admitted');
    expect(answerOf(() => authorizeSending(sari, true))).toBe('room_not_admitted');
  });
});

describe('whom a closed or slowed chat holds', () => {
  it('holds the audience and lets the team that runs the room keep talking', () => {
    expect(ROOM_ROLES.map((role) => [role, heldByChatLimits({ role })])).toEqual([
      ['participant', true],
      ['speaker', false],
      ['moderator', false],
    ]);
  });
});

describe('how long slow mode makes someone wait', () => {
  const at = new Date('2025-03-01T10:00:30Z');
  const secondsAgo = (seconds: number) => new Date(at.getTime() - seconds * 1000);

  it('lets someone who never wrote send at once', () => {
    expect(slowModeWait(null, 30, at)).toBe(0);
  });

  it('lets anyone send when slow mode is off, however recent their last message', () => {
    expect(slowModeWait(at, 0, at)).toBe(0);
  });

  it('makes someone who just wrote wait the whole interval', () => {
    expect(slowModeWait(at, 30, at)).toBe(30);
  });

  it('makes someone wait what is left of the interval since their last message', () => {
    expect(slowModeWait(secondsAgo(12), 30, at)).toBe(18);
  });

  it('rounds what is left up to a whole second, so waiting that long is always enough', () => {
    expect(slowModeWait(new Date(at.getTime() - 29_600), 30, at)).toBe(1);
    expect(slowModeWait(new Date(at.getTime() - 12_700), 30, at)).toBe(18);
  });

  it('lets someone send exactly when the interval is over, and after', () => {
    expect(slowModeWait(secondsAgo(30), 30, at)).toBe(0);
    expect(slowModeWait(secondsAgo(300), 30, at)).toBe(0);
  });

  it('counts a last message stamped after now (another instance’s clock) as the whole wait and more', () => {
    expect(slowModeWait(new Date(at.getTime() + 2_000), 30, at)).toBe(32);
  });
});
