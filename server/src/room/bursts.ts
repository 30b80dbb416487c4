import { audienceQuestionStatuses, type Reaction } from '@serambi/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';
import { pollCountsEvents } from '../polls/views.ts';
import { questions } from '../qa/schema.ts';
import { changeRoom, type EventDraft, type RoomBroadcaster } from './events.ts';
import { sessionRooms } from './schema.ts';

/** How often at most a session's votes and reactions are announced: four times a second. */
export const BURST_MS = 250;

/**
 * Coalesces high-rate changes per session (docs/architecture.md#coalesced-votes-and-reactions): a
 * vote is written at once, but only marked here; a quarter of a second after the first mark, one
 * change reads the current counts of everything marked and announces them in one event per kind.
 * Counts are absolute and read under the room's lock, so the last announcement is always the truth
 * (a vote committed during a flush marks again and is in the next one). Reactions are not stored
 * one by one: each flush adds them to the session's totals and announces the burst.
 */
export interface BurstCoalescer {
  questionVoted(sessionId: string, questionId: string): void;
  pollVoted(sessionId: string, pollId: string): void;
  reacted(sessionId: string, reaction: Reaction): void;
  /** Announces everything marked so far now (tests, stop). */
  flush(): Promise<void>;
  stop(): Promise<void>;
  /** Flushes that announced something, since start: what the benchmarks watch. */
  readonly flushes: number;
}

interface Pending {
  questions: Set<string>;
  polls: Set<string>;
  reactions: Map<Reaction, number>;
}

export function createBurstCoalescer(deps: {
  db: Database;
  broadcaster: RoomBroadcaster;
  log: Logger;
  now: () => Date;
}): BurstCoalescer {
  const pending = new Map<string, Pending>();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let flushes = 0;
  let stopped = false;

  const pendingOf = (sessionId: string) => {
    let entry = pending.get(sessionId);
    if (!entry) {
      entry = { questions: new Set(), polls: new Set(), reactions: new Map() };
      pending.set(sessionId, entry);
    }
    if (!timers.has(sessionId) && !stopped) {
      const timer = setTimeout(() => {
        timers.delete(sessionId);
        track(flushSession(sessionId));
      }, BURST_MS);
      timer.unref();
      timers.set(sessionId, timer);
    }
    return entry;
  };

  const track = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  async function flushSession(sessionId: string) {
    const taken = pending.get(sessionId);
    pending.delete(sessionId);
    if (!taken) return;
    try {
      const events = await changeRoom(deps, sessionId, (tx) => burstEvents(tx, sessionId, taken));
      if (events.length > 0) flushes++;
    } catch (err) {
      deps.log.warn({ err, sessionId }, 'votes and reactions not announced: trying again');
      // Put back what was taken, so the next flush announces it.
      const again = pendingOf(sessionId);
      for (const id of taken.questions) again.questions.add(id);
      for (const id of taken.polls) again.polls.add(id);
      for (const [reaction, n] of taken.reactions)
        again.reactions.set(reaction, (again.reactions.get(reaction) ?? 0) + n);
    }
  }

  async function burstEvents(tx: Parameters<Parameters<typeof changeRoom>[2]>[0], sessionId: string, taken: Pending) {
    const events: EventDraft[] = [];
    if (taken.questions.size > 0) {
      const rows = await tx
        .select({ id: questions.id, votes: questions.votes })
        .from(questions)
        .where(
          and(
            eq(questions.sessionId, sessionId),
            inArray(questions.id, [...taken.questions]),
            // A question that left the list since (dismissed, merged, withdrawn) is not the audience's to count.
            inArray(questions.status, [...audienceQuestionStatuses]),
          ),
        );
      if (rows.length > 0) events.push({ type: 'qa.votes', data: { votes: rows } });
    }
    if (taken.polls.size > 0) events.push(...(await pollCountsEvents(tx, sessionId, [...taken.polls])));
    if (taken.reactions.size > 0) {
      const counts = Object.fromEntries(taken.reactions) as Partial<Record<Reaction, number>>;
      const additions = Object.entries(counts).map(
        ([reaction, n]) =>
          sql`jsonb_build_object(${reaction}::text, coalesce((${sessionRooms.reactionTotals} ->> ${reaction}::text)::int, 0) + ${n}::int)`,
      );
      await tx
        .update(sessionRooms)
        .set({ reactionTotals: sql`${sessionRooms.reactionTotals} || ${sql.join(additions, sql` || `)}` })
        .where(eq(sessionRooms.sessionId, sessionId));
      events.push({ type: 'reaction.burst', data: { counts } });
    }
    return events;
  }

  return {
    questionVoted(sessionId, questionId) {
      pendingOf(sessionId).questions.add(questionId);
    },
    pollVoted(sessionId, pollId) {
      pendingOf(sessionId).polls.add(pollId);
    },
    reacted(sessionId, reaction) {
      const entry = pendingOf(sessionId);
      entry.reactions.set(reaction, (entry.reactions.get(reaction) ?? 0) + 1);
    },
    async flush() {
      for (const [sessionId, timer] of timers) {
        clearTimeout(timer);
        timers.delete(sessionId);
        track(flushSession(sessionId));
      }
      await Promise.all(running);
    },
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all(running);
    },
    get flushes() {
      return flushes;
    },
  };
}
