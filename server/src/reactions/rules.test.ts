import { REACTIONS, SESSION_STATUSES, type SessionStatus } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { createRateLimiter } from '../http/rate-limit.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { REACTIONS as REACTION_KIND } from './counts.ts';
import { reactionRules, takesReactions } from './rules.ts';
import { sendReaction } from './service.ts';

describe('when reactions are taken', () => {
  const table: [SessionStatus, boolean][] = [
    ['draft', false],
    ['scheduled', false],
    ['live', true],
    ['ended', false],
    ['cancelled', false],
  ];
  it('has a row for every session status', () => {
    expect(table.map(([status]) => status).sort()).toEqual([...SESSION_STATUSES].sort());
  });
  it.each(table)('a %s session takes reactions: %s', (status, takes) => {
    expect(takesReactions({ status })).toBe(takes);
  });
});

describe('sending a reaction', () => {
  const session = { id: 's1', status: 'live' } as SessionRow;
  const budi = { identity: 'r_budi', role: 'participant', admission: 'admitted' } as RoomParticipantRow;
  const sari = { identity: 'r_sari', role: 'participant', admission: 'pending' } as RoomParticipantRow;
  const now = () => new Date('2025-03-01T10:30:00Z');

  /** The coalescer's marks, as `room/bursts.ts` would receive them. */
  function aRoom() {
    const marks: [string, string, string][] = [];
    const bursts = { mark: (sessionId: string, kind: string, key: string) => void marks.push([sessionId, kind, key]) };
    const reacting = createRateLimiter({ burst: 3, everyMs: 1_000, now });
    return {
      marks,
      send: (caller: RoomParticipantRow, reaction: (typeof REACTIONS)[number], to = session) =>
        sendReaction({ bursts } as never, to, caller, reaction, reacting),
    };
  }

  function refusalOf(run: () => void): string | null {
    try {
      run();
      return null;
    } catch (error) {
      if (error instanceof AppError) return `${error.status} ${error.code}`;
      throw error;
    }
  }

  it('is for everyone let in', () => {
    expect(reactionRules).toEqual({ react: reactionRules.react });
    expect(reactionRules.react.map((requirement) => requirement.holds(budi))).toEqual([true]);
  });

  it('marks each reaction of a live session for the next burst, under its kind', () => {
    const room = aRoom();
    room.send(budi, 'clap');
    room.send(budi, 'heart');
    expect(room.marks).toEqual([
      ['s1', REACTION_KIND, 'clap'],
      ['s1', REACTION_KIND, 'heart'],
    ]);
  });

  it('refuses someone in the lobby, marking nothing', () => {
    const room = aRoom();
    expect(refusalOf(() => room.send(sari, 'clap'))).toBe('403 room_not_admitted');
    expect(room.marks).toEqual([]);
  });

  it('refuses a reaction when the session is not live, marking nothing', () => {
    const room = aRoom();
    expect(refusalOf(() => room.send(budi, 'party', { ...session, status: 'ended' }))).toBe('409 room_not_live');
    expect(room.marks).toEqual([]);
  });

  it('holds back someone reacting too fast, and only them', () => {
    const room = aRoom();
    for (const reaction of REACTIONS.slice(0, 3)) room.send(budi, reaction);
    expect(refusalOf(() => room.send(budi, 'wow'))).toBe('429 rate_limited');
    const rudi = { ...budi, identity: 'r_rudi' };
    expect(refusalOf(() => room.send(rudi, 'wow'))).toBeNull();
    expect(room.marks).toHaveLength(4);
  });

  it('does not count a refused reaction against the sender’s allowance', () => {
    const room = aRoom();
    const closed = { ...session, status: 'scheduled' } as SessionRow;
    for (let i = 0; i < 5; i++) refusalOf(() => room.send(budi, 'clap', closed));
    expect(refusalOf(() => room.send(budi, 'clap'))).toBeNull();
  });
});
