import { and, eq, gt, lt, sql } from 'drizzle-orm';
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
  /** Keys remembered now (at most `maxKeys`). */
  readonly size: number;
}

/** Keys a limiter remembers unless told otherwise: a busy room's people, many times over. */
const DEFAULT_MAX_KEYS = 10_000;

/**
 * Memory stays bounded whatever comes: the Map keeps keys in the order they were last used, so
 * the one used longest ago is its first, and going over `maxKeys` forgets exactly that one. Each
 * request does a constant amount of work; nothing scans all keys. A forgotten key starts again
 * with a full bucket, which only a flood of other keys (other people) can cause.
 */
export function createRateLimiter(options: {
  burst: number;
  everyMs: number;
  now: () => Date;
  maxKeys?: number;
}): RateLimiter {
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const remember = (key: string, bucket: { tokens: number; at: number }) => {
    buckets.delete(key);
    buckets.set(key, bucket);
    if (buckets.size > maxKeys) {
      const oldest = buckets.keys().next();
      if (!oldest.done) buckets.delete(oldest.value);
    }
  };
  return {
    take(key) {
      const at = options.now().getTime();
      const bucket = buckets.get(key) ?? { tokens: options.burst, at };
      const tokens = Math.min(options.burst, bucket.tokens + (at - bucket.at) / options.everyMs);
      if (tokens < 1) {
        remember(key, { tokens, at });
        throw tooManyRequests(Math.ceil(((1 - tokens) * options.everyMs) / 1000));
      }
      remember(key, { tokens: tokens - 1, at });
    },
    get size() {
      return buckets.size;
    },
  };
}

/**
 * The 429 of every limit: `seconds` also goes into the Retry-After header (see problem.ts);
 * waits longer than two minutes are said in minutes.
 */
export function tooManyRequests(
  seconds: number,
  messageKey: 'problems.rateLimited' | 'problems.mailJustSent' | 'problems.mailsToRecipient' = 'problems.rateLimited',
): AppError {
  const wait = Math.max(1, Math.ceil(seconds));
  const minutes = Math.ceil(wait / 60);
  const key = messageKey === 'problems.rateLimited' && wait > 120 ? 'problems.rateLimitedMinutes' : messageKey;
  return new AppError(429, 'rate_limited', key, { params: { seconds: wait, minutes } });
}

/**
 * A fixed-window counter per key kept in the database, so the limit holds across every
 * instance (a per-process bucket lets N instances take N times as much). For public endpoints
 * that send mail or create rows, where one extra query per request is cheap.
 */
export interface SharedRateLimiter {
  /**
   * Counts one request for `key`, or throws a 429 problem saying how long to wait (made by
   * `refuse`, the general "too many" one unless given). What it returns gives the count back.
   */
  take(key: string, refuse?: (seconds: number) => AppError): Promise<Counted>;
}

/** One counted request, which can be given back when it turned out to do nothing. */
export interface Counted {
  /** Uncounts it, if its window is still the current one. */
  giveBack(): Promise<void>;
}

export function createSharedRateLimiter(
  db: Database,
  options: { max: number; windowSeconds: number; now: () => Date },
): SharedRateLimiter {
  const { now } = options;
  if (options.windowSeconds * 1000 > LONGEST_WINDOW_MS) throw new Error('a shared rate-limit window is at most a day');
  return {
    async take(key, refuse = tooManyRequests) {
      const at = now();
      const windowStart = new Date(at.getTime() - options.windowSeconds * 1000);
      const window = await countOne(db, key, at, windowStart);
      if (window.count === 1) await forgetOldWindows(db, at);
      if (window.count > options.max) {
        const endsAt = window.startedAt.getTime() + options.windowSeconds * 1000;
        throw refuse((endsAt - at.getTime()) / 1000);
      }
      return { giveBack: () => uncountOne(db, key, window.startedAt) };
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

/** Takes one back from the window it was counted in; a window that has since started again is left alone. */
async function uncountOne(db: Database, key: string, windowStartedAt: Date) {
  await db
    .update(requestCounts)
    .set({ count: sql`${requestCounts.count} - 1` })
    .where(
      and(eq(requestCounts.key, key), eq(requestCounts.windowStartedAt, windowStartedAt), gt(requestCounts.count, 0)),
    );
}

/** The longest window any shared limiter may use: rows older than this are dropped. */
const LONGEST_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Rows of windows that ended hold no information; dropping them (when some key starts a new
 * window) keeps the table small. Limiters with different windows share the table, so only
 * rows older than the longest window go. The hourly retention sweep (jobs/retention.ts) drops
 * them too, so the table stays bounded also when no new key comes.
 */
async function forgetOldWindows(db: Database, at: Date) {
  await db.delete(requestCounts).where(lt(requestCounts.windowStartedAt, new Date(at.getTime() - LONGEST_WINDOW_MS)));
}
