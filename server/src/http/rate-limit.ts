import { AppError } from './errors.ts';

/**
 * A token bucket per key, in this process's memory: `burst` actions at once, then one every
 * `everyMs`. With several instances each keeps its own buckets, so the effective limit is
 * per instance; that is enough to keep one person from flooding a room.
 */
export interface RateLimiter {
  /** Takes one token for `key`, or throws a 429 problem saying to wait. */
  take(key: string): void;
}

export function createRateLimiter(options: { burst: number; everyMs: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const at = now();
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
