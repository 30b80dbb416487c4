import type { PollsState } from '@serambi/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import type { BurstCount, SnapshotPart } from '../room/parts.ts';
import { createVersionedViews } from '../room/versioned-views.ts';
import { pollVotes } from './schema.ts';
import { POLL_VOTES, pollsStateFor } from './service.ts';
import { pollCountsEvents, pollView, storedPolls } from './views.ts';

/**
 * Polls' part of room snapshots: the polls the audience sees (no drafts, counts where results are
 * shown) are read once per session version and shared; the caller's ballots come with the other
 * parts' fresh rows. Moderators, who see drafts and every count, read everything themselves.
 */
export function pollsSnapshotPart(db: Database): SnapshotPart<{ polls: PollsState }> {
  const audienceView = createVersionedViews(async (room) => {
    const stored = await storedPolls(db, room.sessionId);
    return {
      version: room.version,
      polls: stored.filter(({ poll }) => poll.status !== 'draft').map((poll) => pollView(poll, false)),
    };
  });
  return {
    async forModerator(room, caller) {
      return { polls: await pollsStateFor(db, room.sessionId, caller) };
    },
    async forAudience(room, _caller, _session, fresh) {
      const [view, ballots] = await Promise.all([audienceView(room), fresh]);
      return {
        polls: {
          polls: view.polls,
          myVotes: Object.fromEntries(ballots.map((ballot) => [ballot.id, (ballot.data as string[] | null) ?? []])),
        },
      };
    },
    freshRows: ({ sessionId, identity }) => ({
      ballots: {
        from: pollVotes,
        id: sql<string>`${pollVotes.pollId}`,
        data: sql`${pollVotes.optionIds}`,
        where: and(eq(pollVotes.sessionId, sessionId), eq(pollVotes.identity, identity)),
      },
    }),
  };
}

/** Announces the counts of the polls voted on since the last burst. */
export const pollVoteCounts: BurstCount = {
  kind: POLL_VOTES,
  announce: (tx, sessionId, marked) => pollCountsEvents(tx, sessionId, [...marked.keys()]),
};
