import { isEditableByAsker, isVisibleToAudience, type QuestionStatus } from '@serambi/shared';
import { forEveryone, forModerators, isModerator } from '../room/rules.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import type { QuestionRow } from './schema.ts';

export { isModerator };

/**
 * Who may do what with a question (docs/conventions.md#rules-as-named-predicates): the actions
 * and what each asks of the caller, then what each asks of the question. A question the caller
 * may not see answers 404, as if it did not exist.
 */
export const qaRules = {
  ask: forEveryone,
  edit: forEveryone,
  withdraw: forEveryone,
  vote: forEveryone,
  moderate: forModerators,
  merge: forModerators,
} as const;

type Caller = Pick<RoomParticipantRow, 'identity' | 'role'>;
export const isAsker = (caller: Caller, question: QuestionRow) => question.authorIdentity === caller.identity;

export const maySee = (caller: Caller, question: QuestionRow) =>
  question.status !== 'withdrawn' &&
  (isVisibleToAudience(question.status) || isAsker(caller, question) || isModerator(caller));

/** The asker changes or withdraws their question until it is answered or taken off the list. */
export const mayChangeAsAsker = (caller: Caller, question: QuestionRow) =>
  isAsker(caller, question) && isEditableByAsker(question.status);

/** Moderators correct typos in anything still in play. */
export const mayEditAsModerator = (caller: Caller, question: QuestionRow) =>
  isModerator(caller) && (['pending', 'open', 'answered', 'dismissed'] as QuestionStatus[]).includes(question.status);

/** From → to of each moderator action; anything else is "not possible now". */
export const MODERATOR_TRANSITIONS = {
  approve: { from: ['pending', 'dismissed'], to: 'open' },
  dismiss: { from: ['pending', 'open'], to: 'dismissed' },
  answer: { from: ['open'], to: 'answered' },
  reopen: { from: ['answered'], to: 'open' },
} as const satisfies Record<string, { from: readonly QuestionStatus[]; to: QuestionStatus }>;

/** A question can be merged away while in play, into one the audience sees. */
export const mayMerge = (source: QuestionRow, target: QuestionRow) =>
  source.id !== target.id &&
  (['pending', 'open'] as QuestionStatus[]).includes(source.status) &&
  isVisibleToAudience(target.status);
