import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { authorizeInRoom, type RoomCaller } from '../room/rules.ts';
import { breakoutRules, checkRoomAt, spreadEvenly } from './rules.ts';

const budi: RoomCaller = { identity: 'r_budi', role: 'participant', admission: 'admitted' };
const rina: RoomCaller = { identity: 'u_rina', role: 'speaker', admission: 'admitted' };
const ayu: RoomCaller = { identity: 'u_ayu', role: 'moderator', admission: 'admitted' };
const sari: RoomCaller = { identity: 'r_sari', role: 'participant', admission: 'pending' };

/** What a call answers: 'let in', or the refusal's status and code. */
function outcomeOf(run: () => void): string {
  try {
    run();
    return 'let in';
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
}

describe('who may do what with breakout tables', () => {
  const moderators = '403 room_moderators_only';
  const waiting = '403 room_not_admitted';
  const visits = '403 breakout_team_visits';
  const table: [keyof typeof breakoutRules, string, string, string, string][] = [
    // action      Budi (audience)  Rina (speaker)  Ayu (moderator)  Sari (in the lobby)
    ['open', moderators, moderators, 'let in', waiting],
    ['place', moderators, moderators, 'let in', waiting],
    ['extend', moderators, moderators, 'let in', waiting],
    ['broadcast', moderators, moderators, 'let in', waiting],
    ['end', moderators, moderators, 'let in', waiting],
    ['choose', 'let in', visits, visits, waiting],
    ['askForHelp', 'let in', visits, visits, waiting],
    ['connect', 'let in', 'let in', 'let in', waiting],
  ];

  it('has a row for every action of breakout tables', () => {
    expect(table.map(([action]) => action).sort()).toEqual(Object.keys(breakoutRules).sort());
  });

  it.each(table)(
    '%s: the audience %s, a speaker %s, a moderator %s, someone in the lobby %s',
    (action, ...expected) => {
      const answers = [budi, rina, ayu, sari].map((caller) =>
        outcomeOf(() => authorizeInRoom(breakoutRules, action, caller)),
      );
      expect(answers).toEqual(expected);
    },
  );
});

describe('spreading people at random', () => {
  const people = (n: number) => Array.from({ length: n }, (_, i) => `r_${i}`);
  const sizes = (placed: Map<string, number>, tables: number) =>
    Array.from({ length: tables }, (_, t) => [...placed.values()].filter((v) => v === t).length);

  it('gives no two tables sizes more than one apart, whatever the draw', () => {
    for (const seed of [0, 0.3, 0.99]) {
      expect(
        sizes(
          spreadEvenly(people(60), 10, 6, () => seed),
          10,
        ),
      ).toEqual(Array(10).fill(6));
      expect(
        sizes(
          spreadEvenly(people(23), 5, 12, () => seed),
          5,
        ).sort(),
      ).toEqual([4, 4, 5, 5, 5]);
    }
  });

  it('places nobody beyond the tables’ room: the rest stay in the main room', () => {
    const placed = spreadEvenly(people(30), 4, 6);
    expect(placed.size).toBe(24);
    expect(sizes(placed, 4)).toEqual([6, 6, 6, 6]);
  });

  it('draws: two draws seat people differently', () => {
    let state = 1;
    const seeded = () => {
      state = (state * 16807) % 2147483647;
      return state / 2147483647;
    };
    const first = spreadEvenly(people(12), 3, 4, seeded);
    const second = spreadEvenly(people(12), 3, 4, seeded);
    expect([...first.entries()]).not.toEqual([...second.entries()]);
  });

  it('refuses a seat at a full table with its number and limit', () => {
    expect(() => checkRoomAt(5, 6, 2)).not.toThrow();
    expect(() => checkRoomAt(6, 6, 2)).toThrow(expect.objectContaining({ code: 'breakout_table_full' }));
  });
});
