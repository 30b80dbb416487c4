import type { Poll } from '@serambi/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { DirectEventDraft, EventDraft } from '../room/events.ts';
import { type PollOptionRow, type PollRow, pollOptions, polls } from './schema.ts';

/** A poll with its options, as stored. */
export interface StoredPoll {
  poll: PollRow;
  options: PollOptionRow[];
}

/** Moderators always see counts; everyone else once the moderator shows the results. */
export function pollView({ poll, options }: StoredPoll, seesResults: boolean): Poll {
  const shown = seesResults || poll.resultsVisible;
  return {
    id: poll.id,
    question: poll.question,
    kind: poll.kind,
    status: poll.status,
    resultsVisible: poll.resultsVisible,
    options: options.map((o) => ({ id: o.id, text: o.text, votes: shown ? o.votes : null })),
    voters: shown ? poll.voters : null,
    openedAt: poll.openedAt?.toISOString() ?? null,
    closedAt: poll.closedAt?.toISOString() ?? null,
    rev: poll.rev,
  };
}

/** What a changed poll announces: drafts to moderators alone, launched polls to everyone. */
export function pollEvents(stored: StoredPoll): EventDraft[] {
  const toModerators: DirectEventDraft = { type: 'poll.updated', data: pollView(stored, true), to: 'moderators' };
  if (stored.poll.status === 'draft') return [toModerators];
  const events: EventDraft[] = [{ type: 'poll.updated', data: pollView(stored, false) }];
  // The audience's view lacks the counts while results are hidden: moderators hear them directly.
  if (!stored.poll.resultsVisible) events.push(toModerators);
  return events;
}

export async function storedPolls(db: Pick<Tx, 'select'>, sessionId: string, ids?: string[]): Promise<StoredPoll[]> {
  const rows = await db
    .select()
    .from(polls)
    .where(and(eq(polls.sessionId, sessionId), ids ? inArray(polls.id, ids) : undefined))
    .orderBy(asc(polls.createdAt));
  if (rows.length === 0) return [];
  const options = await db
    .select()
    .from(pollOptions)
    .where(
      inArray(
        pollOptions.pollId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(pollOptions.position));
  return rows.map((poll) => ({ poll, options: options.filter((o) => o.pollId === poll.id) }));
}

/** The coalesced counts of polls that took votes: public when results are shown, to moderators otherwise. */
export async function pollCountsEvents(tx: Tx, sessionId: string, ids: string[]): Promise<EventDraft[]> {
  const stored = await storedPolls(tx, sessionId, ids);
  return stored.map(({ poll, options }): EventDraft => {
    const data = { id: poll.id, options: options.map((o) => ({ id: o.id, votes: o.votes })), voters: poll.voters };
    return poll.resultsVisible ? { type: 'poll.votes', data } : { type: 'poll.votes', data, to: 'moderators' };
  });
}

/** The session's polls with their results, drafts left out (the interaction report's). */
export async function pollResults(db: Pick<Tx, 'select'>, sessionId: string): Promise<Poll[]> {
  const stored = await storedPolls(db, sessionId);
  return stored.filter(({ poll }) => poll.status !== 'draft').map((poll) => pollView(poll, true));
}
