import { lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { AppError } from './errors.ts';
import { requestCounts } from './schema.ts';

/**
 * A token bucket per key, in this process's memory: `burst` actions at once, then one every
 * `everyMs`. With several instances each keeps its own buckets, so the effective limit is
 * per instance; that is enough to keep one person from flooding a room.
 */
export interface RateLimiter {
  /** Takes one token for `key`, or throws a 429 problem saying to wait. */
  take(key: string): void;
}

export function createRateLimiter(options: { burst: number; everyMs: number; now: () => Date }): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const at = options.now().getTime();
      const bucket = buckets.get(key) ?? { tokens: options.burst, at };
      const tokens = Math.min(options.burst, bucket.tokens + (at - bucket.at) / options.everyMs);
      if (tokens < 1) {
        buckets.set(key, { tokens, at });
        const seconds = Math.ceil(((1 - tokens) * options.everyMs) / 1000);
        throw new AppError(429, 'rate_limited', 'problems.rateLimited', { params: { seconds } });
      }
      buckets.set(key, { tokens: tokens - 1, at });
      // Full buckets hold no information: forget them so the map does not grow without end.
      if (buckets.size > 10_000) {
        for (const [k, b] of buckets) if (b.tokens + (at - b.at) / options.everyMs >= options.burst) buckets.delete(k);
      }
    },
  };
}

/**
 * A fixed-window counter per key kept in the database, so the limit holds across every
 * instance (a per-process bucket lets N instances take N times as much). For public endpoints
 * that send mail or create rows, where one extra query per request is cheap.
 */
export interface SharedRateLimiter {
  /** Counts one request for `key`, or throws a 429 problem saying how long to wait. */
  take(key: string): Promise<void>;
}

export function createSharedRateLimiter(
  db: Database,
  options: { max: number; windowSeconds: number; now: () => Date },
): SharedRateLimiter {
  const { now } = options;
  if (options.windowSeconds * 1000 > LONGEST_WINDOW_MS) throw new Error('a shared rate-limit window is at most a day');
  return {
    async take(key) {
      const at = now();
      const windowStart = new Date(at.getTime() - options.windowSeconds * 1000);
      const window = await countOne(db, key, at, windowStart);
      if (window.count === 1) await forgetOldWindows(db, at);
      if (window.count > options.max) {
        const endsAt = window.startedAt.getTime() + options.windowSeconds * 1000;
        const seconds = Math.max(1, Math.ceil((endsAt - at.getTime()) / 1000));
        throw new AppError(429, 'rate_limited', 'problems.rateLimited', { params: { seconds } });
      }
    },
  };
}

/** One atomic upsert: a window that has run out starts again at 1, otherwise the count goes up. */
async function countOne(db: Database, key: string, at: Date, windowStart: Date) {
  const expired = sql`${requestCounts.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(requestCounts)
    .values({ key, count: 1, windowStartedAt: at })
    .onConflictDoUpdate({
      target: requestCounts.key,
      set: {
        count: sql`case when ${expired} then 1 else ${requestCounts.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${at.toISOString()}::timestamptz else ${requestCounts.windowStartedAt} end`,
      },
    })
    .returning({ count: requestCounts.count, startedAt: requestCounts.windowStartedAt });
  if (!row) throw new Error(`no request count for ${key}`);
  return row;
}

/** The longest window any shared limiter may use: rows older than this are dropped. */
const LONGEST_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Rows of windows that ended hold no information; dropping them (when some key starts a new
 * window) keeps the table small. Limiters with different windows share the table, so only
 * rows older than the longest window go.
 */
async function forgetOldWindows(db: Database, at: Date) {
  await db.delete(requestCounts).where(lt(requestCounts.windowStartedAt, new Date(at.getTime() - LONGEST_WINDOW_MS)));
}
