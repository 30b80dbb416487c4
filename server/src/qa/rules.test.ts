import { QUESTION_STATUSES, type QuestionStatus } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { authorizeInRoom, type RoomCaller } from '../room/rules.ts';
import {
  isAsker,
  MODERATOR_TRANSITIONS,
  mayChangeAsAsker,
  mayEditAsModerator,
  mayMerge,
  maySee,
  qaRules,
} from './rules.ts';
import type { QuestionRow } from './schema.ts';

/** Budi asked; Sari is another participant; Rina speaks; Ayu moderates. */
const asker = { identity: 'r_budi', role: 'participant' } as const;
const other = { identity: 'r_sari', role: 'participant' } as const;
const speaker = { identity: 'u_rina', role: 'speaker' } as const;
const moderator = { identity: 'u_ayu', role: 'moderator' } as const;
const everyone = [asker, other, speaker, moderator];

const aQuestion = (status: QuestionStatus, id = 'q1') =>
  ({ id, authorIdentity: asker.identity, status }) as QuestionRow;

type Row = [QuestionStatus, boolean, boolean, boolean, boolean];
/** Every status has its row: a new status cannot slip past the rules unconsidered. */
const coversEveryStatus = (rows: Row[]) => expect(rows.map((r) => r[0]).sort()).toEqual([...QUESTION_STATUSES].sort());

describe('who may see a question (a question one may not see answers 404)', () => {
  const table: Row[] = [
    // status        asker  other  speaker moderator
    ['pending', true, false, false, true],
    ['open', true, true, true, true],
    ['answered', true, true, true, true],
    ['dismissed', true, false, false, true],
    ['merged', true, false, false, true],
    ['withdrawn', false, false, false, false],
  ];
  it('has a row for every status', () => coversEveryStatus(table));
  it.each(table)('%s: asker %s, another participant %s, a speaker %s, a moderator %s', (status, ...expected) => {
    expect(everyone.map((caller) => maySee(caller, aQuestion(status)))).toEqual(expected);
  });
});

describe('who may change a question', () => {
  const table: Row[] = [
    // status        asker rewrites/withdraws   moderator corrects   (other, speaker: never)
    ['pending', true, false, false, true],
    ['open', true, false, false, true],
    ['answered', false, false, false, true],
    ['dismissed', false, false, false, true],
    ['merged', false, false, false, false],
    ['withdrawn', false, false, false, false],
  ];
  it('has a row for every status', () => coversEveryStatus(table));
  it.each(table)('%s: asker %s, another participant %s, a speaker %s, a moderator %s', (status, ...expected) => {
    const question = aQuestion(status);
    expect(
      everyone.map((caller) => mayChangeAsAsker(caller, question) || mayEditAsModerator(caller, question)),
    ).toEqual(expected);
  });

  it('treats a moderator who asked as the asker, so their own rewrite is not marked as a moderator’s', () => {
    const ownQuestion = { ...aQuestion('open'), authorIdentity: moderator.identity };
    expect(isAsker(moderator, ownQuestion)).toBe(true);
    expect(mayChangeAsAsker(moderator, ownQuestion)).toBe(true);
    expect(mayChangeAsAsker(moderator, aQuestion('open'))).toBe(false);
  });
});

describe('what a moderator may do with a question in each status', () => {
  const actions = ['approve', 'dismiss', 'answer', 'reopen'] as const;
  const table: [QuestionStatus, Record<(typeof actions)[number], QuestionStatus | null>][] = [
    ['pending', { approve: 'open', dismiss: 'dismissed', answer: null, reopen: null }],
    ['open', { approve: null, dismiss: 'dismissed', answer: 'answered', reopen: null }],
    ['answered', { approve: null, dismiss: null, answer: null, reopen: 'open' }],
    ['dismissed', { approve: 'open', dismiss: null, answer: null, reopen: null }],
    ['merged', { approve: null, dismiss: null, answer: null, reopen: null }],
    ['withdrawn', { approve: null, dismiss: null, answer: null, reopen: null }],
  ];
  it('has a row for every status', () => expect(table.map((r) => r[0]).sort()).toEqual([...QUESTION_STATUSES].sort()));
  it.each(table)('from %s: %o', (status, expected) => {
    const allowed = Object.fromEntries(
      actions.map((action) => {
        const { from, to } = MODERATOR_TRANSITIONS[action];
        return [action, (from as readonly QuestionStatus[]).includes(status) ? to : null];
      }),
    );
    expect(allowed).toEqual(expected);
  });
});

describe('what may be merged into what', () => {
  const sources: Row[] = [
    // source status  into: pending  open  answered  dismissed (merged, withdrawn: never)
    ['pending', false, true, true, false],
    ['open', false, true, true, false],
    ['answered', false, false, false, false],
    ['dismissed', false, false, false, false],
    ['merged', false, false, false, false],
    ['withdrawn', false, false, false, false],
  ];
  const targets: QuestionStatus[] = ['pending', 'open', 'answered', 'dismissed'];
  it('has a row for every status', () => coversEveryStatus(sources));
  it.each(sources)('a %s question into pending %s, open %s, answered %s, dismissed %s', (status, ...expected) => {
    expect(targets.map((target) => mayMerge(aQuestion(status, 'q1'), aQuestion(target, 'q2')))).toEqual(expected);
  });

  it('never merges a question into itself', () => {
    expect(mayMerge(aQuestion('open', 'q1'), aQuestion('open', 'q1'))).toBe(false);
  });
});

describe('who may act on questions at all (before looking at the question)', () => {
  const caller = (role: RoomCaller['role'], admission: RoomCaller['admission'] = 'admitted'): RoomCaller => ({
    identity: `${role}-${admission}`,
    role,
    admission,
  });
  const answerOf = (action: keyof typeof qaRules, who: RoomCaller) => {
    try {
      authorizeInRoom(qaRules, action, who);
      return 'let in';
    } catch (error) {
      if (error instanceof AppError) return error.code;
      throw error;
    }
  };
  const table: [keyof typeof qaRules, string, string, string, string][] = [
    // action     participant               speaker                   moderator  in the lobby
    ['ask', 'let in', 'let in', 'let in', 'room_not_admitted'],
    ['edit', 'let in', 'let in', 'let in', 'room_not_admitted'],
    ['withdraw', 'let in', 'let in', 'let in', 'room_not_admitted'],
    ['vote', 'let in', 'let in', 'let in', 'room_not_admitted'],
    ['moderate', 'room_moderators_only', 'room_moderators_only', 'let in', 'room_not_admitted'],
    ['merge', 'room_moderators_only', 'room_moderators_only', 'let in', 'room_not_admitted'],
  ];

  it('has a row for every action of Q&A', () => {
    expect(table.map(([action]) => action).sort()).toEqual(Object.keys(qaRules).sort());
  });

  it.each(table)(
    '%s: a participant %s, a speaker %s, a moderator %s, someone in the lobby %s',
    (action, ...expected) => {
      const people = [caller('participant'), caller('speaker'), caller('moderator'), caller('participant', 'pending')];
      expect(people.map((who) => answerOf(action, who))).toEqual(expected);
    },
  );
});
