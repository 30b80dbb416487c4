import type { PollAction } from '@serambi/shared';
import { AppError } from '../http/errors.ts';
import { forEveryone, forModerators, isModerator, type RoomCaller } from '../room/rules.ts';
import type { PollOptionRow, PollRow, polls } from './schema.ts';

/**
 * Who may do what with polls (docs/conventions.md#rules-as-named-predicates): moderators
 * prepare, launch, close and show them; everyone let in votes, once.
 */
export const pollRules = {
  prepare: forModerators,
  act: forModerators,
  vote: forEveryone,
} as const;

/** Drafts are the moderators': to anyone else a draft does not exist (404). */
export const maySeePoll = (caller: Pick<RoomCaller, 'role'>, poll: Pick<PollRow, 'status'>) =>
  poll.status !== 'draft' || isModerator(caller);

/**
 * What a moderator's action changes in a poll at `at`, or nothing when it is done already
 * (doing it twice changes nothing). What the action cannot do in the poll's status is refused
 * (409). Launching also needs the session not over and no other poll running: the service
 * checks those, since they read beyond the poll.
 */
export function pollChange(
  poll: Pick<PollRow, 'status' | 'resultsVisible'>,
  action: PollAction,
  at: Date,
): Partial<typeof polls.$inferInsert> | null {
  if (action === 'launch') {
    if (poll.status === 'closed') throw new AppError(409, 'poll_not_draft', 'problems.pollNotDraft');
    return poll.status === 'draft' ? { status: 'open', openedAt: at } : null;
  }
  if (poll.status === 'draft') throw new AppError(409, 'poll_not_open', 'problems.pollNotOpen');
  if (action === 'close') return poll.status === 'open' ? { status: 'closed', closedAt: at } : null;
  const visible = action === 'show-results';
  return poll.resultsVisible !== visible ? { resultsVisible: visible } : null;
}

/**
 * The options a ballot chooses, each once, if it fits the poll: the poll is running, a
 * single-choice poll gets exactly one, and every option is one of its own.
 */
export function checkedBallot(
  poll: Pick<PollRow, 'status' | 'kind'>,
  options: Pick<PollOptionRow, 'id'>[],
  optionIds: string[],
): string[] {
  const chosen = [...new Set(optionIds)];
  if (poll.status !== 'open') throw new AppError(409, 'poll_not_open', 'problems.pollNotOpen');
  if (poll.kind === 'single' && chosen.length !== 1)
    throw new AppError(422, 'poll_one_choice', 'problems.pollOneChoice');
  const known = new Set(options.map((option) => option.id));
  if (!chosen.every((optionId) => known.has(optionId))) {
    throw new AppError(422, 'poll_unknown_option', 'problems.pollUnknownOption');
  }
  return chosen;
}
