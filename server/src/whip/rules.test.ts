import { describe, expect, it } from 'vitest';
import { mayInRoom, type RoomCaller } from '../room/rules.ts';
import { keyExpiry, obsIdentityOf, obsOwnerOf } from './keys.ts';
import { whipRules } from './rules.ts';

describe('who may do what with OBS stream keys', () => {
  const people: Record<string, RoomCaller> = {
    moderator: { identity: 'u_m', role: 'moderator', admission: 'admitted' },
    speaker: { identity: 'u_s', role: 'speaker', admission: 'admitted' },
    participant: { identity: 'r_p', role: 'participant', admission: 'admitted' },
    waiting: { identity: 'u_w', role: 'participant', admission: 'pending' },
  };
  const table: Record<keyof typeof whipRules, string[]> = {
    readOwnKey: ['moderator', 'speaker'],
    issueOwnKey: ['moderator', 'speaker'],
    revokeOwnKey: ['moderator', 'speaker'],
    revokeKeyOf: ['moderator'],
  };
  it('has a row for every action', () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(whipRules).sort());
  });
  it.each(Object.entries(table))('%s is for %j', (action, allowed) => {
    const may = Object.entries(people)
      .filter(([, caller]) => mayInRoom(whipRules, action as keyof typeof whipRules, caller))
      .map(([name]) => name);
    expect(may).toEqual(allowed);
  });
});

describe('an OBS identity', () => {
  it('is the person’s identity and the key’s number, and reads back', () => {
    expect(obsIdentityOf('u_abc-1', 3)).toBe('u_abc-1#obs3');
    expect(obsOwnerOf('u_abc-1#obs3')).toEqual({ identity: 'u_abc-1', generation: 3 });
  });
  it('is nobody else’s', () => {
    for (const identity of ['u_abc', 'u_abc#obs', 'u_abc#obsx', 'recorder-1', '#obs1']) {
      expect(obsOwnerOf(identity), identity).toBeNull();
    }
  });
});

describe('how long a key lasts', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  const session = (startsInHours: number, durationMinutes = 90) => ({
    startsAt: new Date(now.getTime() + startsInHours * 3_600_000),
    durationMinutes,
  });
  it('until two hours after the planned end', () => {
    expect(keyExpiry(session(1), now).toISOString()).toBe('2026-12-07T14:30:00.000Z');
  });
  it('no more than a day for a session days away', () => {
    expect(keyExpiry(session(72), now).toISOString()).toBe('2026-12-08T10:00:00.000Z');
  });
  it('at least an hour for a session running long past its planned end', () => {
    expect(keyExpiry(session(-6), now).toISOString()).toBe('2026-12-07T11:00:00.000Z');
  });
});
