import { bigint, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';

/**
 * better-auth's rate-limit model (`rateLimit`, plural `rateLimits`): one row per client and
 * auth path, so sign-up and sign-in limits hold across every instance, not per process.
 */
export const rateLimits = pgTable('rate_limits', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});

/**
 * Our own shared counters (registration per address and per email): one row per key and fixed
 * window, counted with one atomic upsert so concurrent instances never both let the last one in.
 * Separate from `rate_limits` because better-auth deletes rows older than its own (shorter) windows.
 */
export const requestCounts = pgTable('request_counts', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
});
