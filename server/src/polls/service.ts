import type { Poll, PollAction, PollDraft, PollsState } from '@serambi/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import type { RoomDeps } from '../room/deps.ts';
import { changeRoom } from '../room/events.ts';
import { authorizeInRoom, isModerator, isOver } from '../room/rules.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { checkedBallot, maySeePoll, pollChange, pollRules } from './rules.ts';
import { pollOptions, polls, pollVotes } from './schema.ts';
import { pollEvents, pollView, type StoredPoll, storedPolls } from './views.ts';

/** The kind poll votes are marked under for the coalescer (`pollVoteCounts` announces them). */
export const POLL_VOTES = 'poll.votes';

/**
 * Polls: moderators prepare drafts (before the session too), launch one at a time, close it,
 * and show or hide its results; everyone else votes once. Results stay with the session.
 */

type Caller = RoomParticipantRow;
type Draft = Required<PollDraft>;

const notFound = () => new AppError(404, 'poll_not_found', 'problems.pollNotFound');

/** A poll of the session the caller may see (drafts are the moderators'), its row locked. */
async function pollFor(tx: Tx, session: SessionRow, caller: Caller, id: string): Promise<StoredPoll> {
  const [poll] = await tx
    .select()
    .from(polls)
    .where(and(eq(polls.id, id), eq(polls.sessionId, session.id)))
    .for('update');
  if (!poll || !maySeePoll(caller, poll)) throw notFound();
  const options = await tx.select().from(pollOptions).where(eq(pollOptions.pollId, id)).orderBy(pollOptions.position);
  return { poll, options };
}

async function writeOptions(tx: Tx, pollId: string, options: string[]) {
  await tx.delete(pollOptions).where(eq(pollOptions.pollId, pollId));
  await tx.insert(pollOptions).values(options.map((text, position) => ({ pollId, position, text })));
}

async function reread(tx: Tx, session: SessionRow, caller: Caller, id: string) {
  return pollFor(tx, session, caller, id);
}

export async function createPoll(deps: RoomDeps, session: SessionRow, moderator: Caller, draft: Draft): Promise<Poll> {
  authorizeInRoom(pollRules, 'prepare', moderator);
  let created: StoredPoll | undefined;
  await changeRoom(deps, session.id, async (tx) => {
    const [poll] = await tx
      .insert(polls)
      .values({
        sessionId: session.id,
        question: draft.question,
        kind: draft.kind,
        createdBy: moderator.identity,
        createdAt: deps.now(),
      })
      .returning();
    if (!poll) throw new Error('poll not inserted');
    await writeOptions(tx, poll.id, draft.options);
    created = await reread(tx, session, moderator, poll.id);
    return pollEvents(created);
  });
  if (!created) throw new Error('poll not created');
  return pollView(created, true);
}

/** Changes a draft; a launched poll keeps the question people voted on. */
export async function updatePoll(
  deps: RoomDeps,
  session: SessionRow,
  moderator: Caller,
  id: string,
  draft: Draft,
): Promise<Poll> {
  authorizeInRoom(pollRules, 'prepare', moderator);
  let updated: StoredPoll | undefined;
  await changeRoom(deps, session.id, async (tx) => {
    const { poll } = await pollFor(tx, session, moderator, id);
    if (poll.status !== 'draft') throw new AppError(409, 'poll_not_draft', 'problems.pollNotDraft');
    await tx
      .update(polls)
      .set({ question: draft.question, kind: draft.kind, rev: sql`${polls.rev} + 1` })
      .where(eq(polls.id, id));
    await writeOptions(tx, id, draft.options);
    updated = await reread(tx, session, moderator, id);
    return pollEvents(updated);
  });
  if (!updated) throw new Error('poll not updated');
  return pollView(updated, true);
}

export async function deletePoll(deps: RoomDeps, session: SessionRow, moderator: Caller, id: string) {
  authorizeInRoom(pollRules, 'prepare', moderator);
  await changeRoom(deps, session.id, async (tx) => {
    const { poll } = await pollFor(tx, session, moderator, id);
    if (poll.status !== 'draft') throw new AppError(409, 'poll_not_draft', 'problems.pollNotDraft');
    await tx.delete(polls).where(eq(polls.id, id));
    return [{ type: 'poll.removed', data: { id }, to: 'moderators' }];
  });
}

/** Launch (one poll runs at a time), close, show or hide the results. Doing it twice changes nothing. */
export async function actOnPoll(
  deps: RoomDeps,
  session: SessionRow,
  moderator: Caller,
  id: string,
  action: PollAction,
): Promise<Poll> {
  authorizeInRoom(pollRules, 'act', moderator);
  let acted: StoredPoll | undefined;
  await changeRoom(deps, session.id, async (tx) => {
    const stored = await pollFor(tx, session, moderator, id);
    const { poll } = stored;
    if (action === 'launch') {
      if (isOver(session)) throw new AppError(409, 'qa_closed', 'problems.qaClosed');
      if (poll.status === 'draft') {
        const [running] = await tx
          .select({ id: polls.id })
          .from(polls)
          .where(and(eq(polls.sessionId, session.id), eq(polls.status, 'open')));
        if (running) throw new AppError(409, 'poll_already_open', 'problems.pollAlreadyOpen');
      }
    }
    const changes = pollChange(poll, action, deps.now());
    if (!changes) {
      acted = stored;
      return [];
    }
    await tx
      .update(polls)
      .set({ ...changes, rev: sql`${polls.rev} + 1` })
      .where(eq(polls.id, id));
    acted = await reread(tx, session, moderator, id);
    return pollEvents(acted);
  });
  if (!acted) throw new Error('poll not changed');
  return pollView(acted, true);
}

/**
 * One ballot per person: the primary key of `poll_votes` is the rule. The counts are kept in
 * the same transaction, under the poll's row lock (so no vote lands after a close), and
 * announced with the next burst.
 */
export async function votePoll(
  deps: RoomDeps,
  session: SessionRow,
  caller: Caller,
  id: string,
  optionIds: string[],
): Promise<Poll> {
  authorizeInRoom(pollRules, 'vote', caller);
  const stored = await deps.db.transaction(async (tx) => {
    const { poll, options } = await pollFor(tx, session, caller, id);
    const chosen = checkedBallot(poll, options, optionIds);
    const cast = await tx
      .insert(pollVotes)
      .values({ pollId: id, identity: caller.identity, sessionId: session.id, optionIds: chosen, at: deps.now() })
      .onConflictDoNothing()
      .returning({ id: pollVotes.pollId });
    if (cast.length === 0) throw new AppError(409, 'poll_already_voted', 'problems.pollAlreadyVoted');
    await tx
      .update(pollOptions)
      .set({ votes: sql`${pollOptions.votes} + 1` })
      .where(inArray(pollOptions.id, chosen));
    await tx
      .update(polls)
      .set({ voters: sql`${polls.voters} + 1` })
      .where(eq(polls.id, id));
    return pollFor(tx, session, caller, id);
  });
  deps.bursts.mark(session.id, POLL_VOTES, id);
  return pollView(stored, isModerator(caller));
}

/** The polls part of `viewer`'s snapshot. */
export async function pollsStateFor(db: Database, sessionId: string, viewer: Caller): Promise<PollsState> {
  const [all, ballots] = await Promise.all([
    storedPolls(db, sessionId),
    db
      .select({ pollId: pollVotes.pollId, optionIds: pollVotes.optionIds })
      .from(pollVotes)
      .where(and(eq(pollVotes.sessionId, sessionId), eq(pollVotes.identity, viewer.identity))),
  ]);
  const moderator = isModerator(viewer);
  return {
    polls: all.filter((s) => moderator || s.poll.status !== 'draft').map((s) => pollView(s, moderator)),
    myVotes: Object.fromEntries(ballots.map((b) => [b.pollId, b.optionIds])),
  };
}
