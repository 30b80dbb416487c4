import { POLL_ACTIONS, type PollAction } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { authorizeInRoom, type RoomCaller } from '../room/rules.ts';
import { checkedBallot, maySeePoll, pollChange, pollRules } from './rules.ts';
import type { PollRow } from './schema.ts';

const budi: RoomCaller = { identity: 'r_budi', role: 'participant', admission: 'admitted' };
const rina: RoomCaller = { identity: 'u_rina', role: 'speaker', admission: 'admitted' };
const ayu: RoomCaller = { identity: 'u_ayu', role: 'moderator', admission: 'admitted' };
const sari: RoomCaller = { identity: 'r_sari', role: 'participant', admission: 'denied' };

const STATUSES: PollRow['status'][] = ['draft', 'open', 'closed'];
const at = new Date('2025-03-01T10:15:00Z');

/** What a call answers: its result, or the refusal's status and code. */
function outcomeOf<T>(run: () => T): T | string {
  try {
    return run();
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
}

describe('who may do what with polls', () => {
  const table: [keyof typeof pollRules, string, string, string, string][] = [
    // action    Budi (audience)                Rina (speaker)                 Ayu (moderator)  Sari (turned away)
    ['prepare', '403 room_moderators_only', '403 room_moderators_only', 'let in', '403 room_not_admitted'],
    ['act', '403 room_moderators_only', '403 room_moderators_only', 'let in', '403 room_not_admitted'],
    ['vote', 'let in', 'let in', 'let in', '403 room_not_admitted'],
  ];

  it('has a row for every action of polls', () => {
    expect(table.map(([action]) => action).sort()).toEqual(Object.keys(pollRules).sort());
  });

  it.each(table)('%s: the audience %s, a speaker %s, a moderator %s, someone turned away %s', (action, ...expected) => {
    const answers = [budi, rina, ayu, sari].map((caller) =>
      outcomeOf(() => {
        authorizeInRoom(pollRules, action, caller);
        return 'let in';
      }),
    );
    expect(answers).toEqual(expected);
  });
});

describe('who sees a poll (one they may not see answers 404)', () => {
  const table: [PollRow['status'], boolean, boolean, boolean][] = [
    // status   audience  speaker  moderator
    ['draft', false, false, true],
    ['open', true, true, true],
    ['closed', true, true, true],
  ];
  it('has a row for every status', () => expect(table.map((r) => r[0])).toEqual(STATUSES));
  it.each(table)('a %s poll: the audience %s, a speaker %s, a moderator %s', (status, ...expected) => {
    expect([budi, rina, ayu].map((caller) => maySeePoll(caller, { status }))).toEqual(expected);
  });
});

describe('what a moderator’s action changes in a poll', () => {
  type Expected = Record<PollAction, ReturnType<typeof pollChange> | string>;
  const table: [PollRow['status'], boolean, Expected][] = [
    [
      'draft',
      false,
      {
        launch: { status: 'open', openedAt: at },
        close: '409 poll_not_open',
        'show-results': '409 poll_not_open',
        'hide-results': '409 poll_not_open',
      },
    ],
    [
      'open',
      false,
      {
        launch: null,
        close: { status: 'closed', closedAt: at },
        'show-results': { resultsVisible: true },
        'hide-results': null,
      },
    ],
    [
      'open',
      true,
      {
        launch: null,
        close: { status: 'closed', closedAt: at },
        'show-results': null,
        'hide-results': { resultsVisible: false },
      },
    ],
    [
      'closed',
      false,
      {
        launch: '409 poll_not_draft',
        close: null,
        'show-results': { resultsVisible: true },
        'hide-results': null,
      },
    ],
    [
      'closed',
      true,
      {
        launch: '409 poll_not_draft',
        close: null,
        'show-results': null,
        'hide-results': { resultsVisible: false },
      },
    ],
  ];

  it('has a row for every status', () => expect([...new Set(table.map((r) => r[0]))]).toEqual(STATUSES));
  it('has a column for every action', () => {
    for (const [, , expected] of table) expect(Object.keys(expected).sort()).toEqual([...POLL_ACTIONS].sort());
  });

  it.each(table)('a %s poll (results shown: %s): %o', (status, resultsVisible, expected) => {
    const changes = Object.fromEntries(
      POLL_ACTIONS.map((action) => [action, outcomeOf(() => pollChange({ status, resultsVisible }, action, at))]),
    );
    expect(changes).toEqual(expected);
  });

  it('stamps a launch and a close with the moment given, not another', () => {
    const later = new Date(at.getTime() + 60_000);
    expect(pollChange({ status: 'draft', resultsVisible: false }, 'launch', later)).toEqual({
      status: 'open',
      openedAt: later,
    });
    expect(pollChange({ status: 'open', resultsVisible: false }, 'close', later)).toEqual({
      status: 'closed',
      closedAt: later,
    });
  });
});

describe('what a ballot may choose', () => {
  const options = [{ id: 'ya' }, { id: 'tidak' }, { id: 'mungkin' }];
  const single = { status: 'open', kind: 'single' } as const;
  const multiple = { status: 'open', kind: 'multiple' } as const;

  it('takes one option of a running single-choice poll', () => {
    expect(checkedBallot(single, options, ['ya'])).toEqual(['ya']);
  });

  it('takes several options of a running multiple-choice poll, in the order chosen', () => {
    expect(checkedBallot(multiple, options, ['mungkin', 'ya'])).toEqual(['mungkin', 'ya']);
  });

  it('counts an option chosen twice once', () => {
    expect(checkedBallot(multiple, options, ['ya', 'tidak', 'ya'])).toEqual(['ya', 'tidak']);
    expect(checkedBallot(single, options, ['ya', 'ya'])).toEqual(['ya']);
  });

  it('refuses several options in a single-choice poll, and none at all', () => {
    expect(outcomeOf(() => checkedBallot(single, options, ['ya', 'tidak']))).toBe('422 poll_one_choice');
    expect(outcomeOf(() => checkedBallot(single, options, []))).toBe('422 poll_one_choice');
  });

  it('refuses an option that is not one of the poll’s own', () => {
    expect(outcomeOf(() => checkedBallot(single, options, ['other-poll-option']))).toBe('422 poll_unknown_option');
    expect(outcomeOf(() => checkedBallot(multiple, options, ['ya', 'other-poll-option']))).toBe(
      '422 poll_unknown_option',
    );
  });

  it('refuses any ballot in a poll that is not running, before looking at what it chose', () => {
    for (const status of ['draft', 'closed'] as const) {
      expect(outcomeOf(() => checkedBallot({ status, kind: 'single' }, options, ['ya']))).toBe('409 poll_not_open');
      expect(outcomeOf(() => checkedBallot({ status, kind: 'single' }, options, ['ya', 'tidak']))).toBe(
        '409 poll_not_open',
      );
    }
  });
});
