import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../db/client.ts';
import { type JobKindRegistry, type JobKinds, jobKinds } from './kinds.ts';
import { type JobRow, jobs } from './schema.ts';

export interface EnqueueJobRequest<R extends JobKindRegistry, K extends keyof R & string> {
  kind: K;
  payload: z.input<R[K]>;
  /**
   * When it is due: the caller's `now` for at once. Always the caller's clock, never the
   * database's default (the machine's clock), which a runner on an injected clock would reach
   * late or early.
   */
  runAt: Date;
  /** Makes the job exist once: enqueuing the same key again returns the job already there. */
  dedupeKey?: string;
  /** Attempts before it is marked failed; the table's default (8, about an hour of backoff) when omitted. */
  maxAttempts?: number;
}

/**
 * Queues a job of a known kind after validating its payload with the kind's schema (a wrong
 * payload throws a ZodError). Idempotent on `dedupeKey`: the existing job is returned as it
 * is, except a cancelled one, which is queued again with the new payload and time, because
 * it never ran (a session cancelled, then rescheduled, gets its reminders back).
 * `kinds` is for tests; the application's registry is the default.
 */
export async function enqueueJob<R extends JobKindRegistry = JobKinds, K extends keyof R & string = keyof R & string>(
  db: Database,
  request: EnqueueJobRequest<R, K>,
  kinds: R = jobKinds as unknown as R,
): Promise<JobRow> {
  const schema = kinds[request.kind];
  if (!schema) throw new Error(`Unknown job kind "${request.kind}": add it to jobs/kinds.ts`);
  if (!(request.runAt instanceof Date)) throw new Error(`A "${request.kind}" job needs a runAt: the caller's now`);
  const values = {
    kind: request.kind,
    payload: schema.parse(request.payload),
    runAt: request.runAt,
    maxAttempts: request.maxAttempts,
    dedupeKey: request.dedupeKey,
  };
  if (request.dedupeKey === undefined) {
    const [row] = await db.insert(jobs).values(values).returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  }
  const [inserted] = await db
    .insert(jobs)
    .values(values)
    .onConflictDoUpdate({
      target: jobs.dedupeKey,
      // `excluded` is the row this call tried to insert, with the column defaults filled in.
      set: {
        kind: sql`excluded.kind`,
        payload: sql`excluded.payload`,
        runAt: sql`excluded.run_at`,
        maxAttempts: sql`excluded.max_attempts`,
        status: 'queued',
        attempts: 0,
        lastError: null,
        lockedUntil: null,
        finishedAt: null,
      },
      setWhere: eq(jobs.status, 'cancelled'),
    })
    .returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(jobs).where(eq(jobs.dedupeKey, request.dedupeKey));
  // Only a concurrent delete of the row could get here: the retention sweep deletes jobs only
  // long after they finished (jobs/retention.ts).
  if (!existing) throw new Error(`job with dedupe key "${request.dedupeKey}" vanished`);
  return existing;
}

/**
 * Cancels queued jobs of a kind and/or whose dedupe key starts with a prefix (e.g. every
 * reminder of one session), as finished at `now`. Running jobs finish; done and failed jobs
 * stay as they are. Returns how many were cancelled.
 */
export async function cancelJobs(
  db: Database,
  filter: { kind?: string; dedupeKeyPrefix?: string },
  now: Date,
): Promise<number> {
  const conditions: SQL[] = [eq(jobs.status, 'queued')];
  if (filter.kind !== undefined) conditions.push(eq(jobs.kind, filter.kind));
  // starts_with, unlike LIKE, gives no meaning to % and _ inside the prefix.
  if (filter.dedupeKeyPrefix !== undefined)
    conditions.push(sql`starts_with(${jobs.dedupeKey}, ${filter.dedupeKeyPrefix})`);
  if (conditions.length === 1)
    throw new Error('cancelJobs needs a kind or a dedupeKeyPrefix: it never cancels everything');
  const cancelled = await db
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: now })
    .where(and(...conditions))
    .returning({ id: jobs.id });
  return cancelled.length;
}

export async function findJob(db: Database, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}
