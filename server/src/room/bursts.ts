import type { Logger } from 'pino';
import type { Database, Tx } from '../db/client.ts';
import { changeRoom, type EventDraft, type RoomBroadcaster } from './events.ts';
import type { BurstCount } from './parts.ts';

/** How often at most a session's votes and reactions are announced: four times a second. */
export const BURST_MS = 250;

/**
 * Coalesces high-rate changes per session (docs/architecture.md#coalesced-votes-and-reactions): a
 * vote is written at once, but only marked here; a quarter of a second after the first mark, one
 * change asks each registered count (`RoomParts.counts`: question votes, poll votes, reactions)
 * for the events that announce what was marked, in one event per kind. Counts are absolute and
 * read under the room's lock, so the last announcement is always the truth (a vote committed
 * during a flush marks again and is in the next one). A mark may carry an amount: reactions are
 * not stored one by one, each flush adds them to the session's totals and announces the burst.
 */
export interface BurstCoalescer {
  /** Marks `key` (a question, a poll, a reaction) of a count's `kind` as changed, `amount` times. */
  mark(sessionId: string, kind: string, key: string, amount?: number): void;
  /** Announces everything marked so far now (tests, stop). */
  flush(): Promise<void>;
  stop(): Promise<void>;
  /** Flushes that announced something, since start: what the benchmarks watch. */
  readonly flushes: number;
}

/** What is marked of one session: per kind, each key and how often. */
type Pending = Map<string, Map<string, number>>;

export function createBurstCoalescer(deps: {
  db: Database;
  broadcaster: RoomBroadcaster;
  log: Logger;
  now: () => Date;
  counts: BurstCount[];
}): BurstCoalescer {
  const pending = new Map<string, Pending>();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let flushes = 0;
  let stopped = false;

  const pendingOf = (sessionId: string) => {
    let entry = pending.get(sessionId);
    if (!entry) {
      entry = new Map();
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
      for (const [kind, keys] of taken) for (const [key, n] of keys) add(again, kind, key, n);
    }
  }

  async function burstEvents(tx: Tx, sessionId: string, taken: Pending) {
    const events: EventDraft[] = [];
    for (const count of deps.counts) {
      const marked = taken.get(count.kind);
      if (marked && marked.size > 0) events.push(...(await count.announce(tx, sessionId, marked)));
    }
    return events;
  }

  return {
    mark(sessionId, kind, key, amount = 1) {
      if (!deps.counts.some((count) => count.kind === kind)) throw new Error(`no burst count registered for ${kind}`);
      add(pendingOf(sessionId), kind, key, amount);
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

function add(pending: Pending, kind: string, key: string, amount: number) {
  const keys = pending.get(kind) ?? new Map<string, number>();
  pending.set(kind, keys);
  keys.set(key, (keys.get(key) ?? 0) + amount);
}
