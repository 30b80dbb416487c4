import { index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';

export const jobStatus = pgEnum('job_status', ['queued', 'running', 'done', 'failed', 'cancelled']);

/**
 * Everything that must happen later (docs/architecture.md#jobs). Runners on any instance claim
 * due rows with `FOR UPDATE SKIP LOCKED`, so a restart loses nothing and no job runs twice at once.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    /** A key of the job kind registry (jobs/kinds.ts). */
    kind: text('kind').notNull(),
    /** Validated against the kind's zod schema when enqueued and again when run. */
    payload: jsonb('payload').$type<unknown>().notNull(),
    /** Always written by enqueueJob from the caller's clock: the column's default is the machine's clock, which runners on an injected clock do not keep. */
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    /** Claims so far, the current one included: (id, attempts) names one claim. */
    attempts: integer('attempts').notNull().default(0),
    /** 8 attempts with the runner's default backoff (30 s doubling) span about an hour. */
    maxAttempts: integer('max_attempts').notNull().default(8),
    lastError: text('last_error'),
    status: jobStatus('status').notNull().default('queued'),
    /**
     * The lease of a running job: past it, the runner is presumed dead (or unable to record the
     * outcome), the attempt counts as failed and the job is queued again after its backoff.
     */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Names a job that must exist once, e.g. "reminder:<session>:<registration>:24h". */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    // PostgreSQL treats NULLs as distinct, so only jobs that carry a key are deduplicated.
    uniqueIndex('jobs_dedupe_key_unique').on(t.dedupeKey),
    index('jobs_claim_idx').on(t.status, t.runAt),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
export type JobStatus = JobRow['status'];
