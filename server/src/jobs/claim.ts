import { and, asc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type JobRow, jobs } from './schema.ts';

/** One claim of a job: `attempts` grows with every claim, so a runner whose lease was taken over no longer matches. */
export type JobClaim = Pick<JobRow, 'id' | 'attempts'>;

/**
 * Claims up to `limit` due jobs of the given kinds for `leaseMs`: queued jobs whose time has
 * come, and running jobs whose lease ran out (their runner died mid-job). Rows another runner
 * is claiming right now are skipped, never waited for, so concurrent runners each get their own.
 */
export async function claimDueJobs(
  db: Database,
  options: { kinds: string[]; limit: number; now: Date; leaseMs: number },
): Promise<JobRow[]> {
  if (options.kinds.length === 0 || options.limit <= 0) return [];
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        inArray(jobs.kind, options.kinds),
        lt(jobs.attempts, jobs.maxAttempts),
        or(
          and(eq(jobs.status, 'queued'), lte(jobs.runAt, options.now)),
          and(eq(jobs.status, 'running'), lte(jobs.lockedUntil, options.now)),
        ),
      ),
    )
    .orderBy(asc(jobs.runAt))
    .limit(options.limit)
    .for('update', { skipLocked: true });
  return (
    db
      .update(jobs)
      .set({
        status: 'running',
        attempts: sql`${jobs.attempts} + 1`,
        lockedUntil: new Date(options.now.getTime() + options.leaseMs),
      })
      // `= any(array(subquery))` runs the locking subquery exactly once; an `in (subquery)`
      // join may rescan it and, with LIMIT and SKIP LOCKED, claim more rows than asked for.
      .where(sql`${jobs.id} = any(array(${due}))`)
      .returning()
  );
}

/**
 * Fails running jobs whose lease ran out on their last allowed attempt: the job itself may be
 * what kills its runner, so it must not be claimed forever.
 */
export async function failJobsWithExhaustedLeases(db: Database, now: Date): Promise<number> {
  const failed = await db
    .update(jobs)
    .set({
      status: 'failed',
      finishedAt: now,
      lockedUntil: null,
      lastError: 'The lease of the last attempt ran out: its runner stopped before finishing.',
    })
    .where(and(eq(jobs.status, 'running'), lte(jobs.lockedUntil, now), gte(jobs.attempts, jobs.maxAttempts)))
    .returning({ id: jobs.id });
  return failed.length;
}

/** Extends the lease of a job still being worked on; false when the claim is no longer ours. */
export async function renewLease(db: Database, claim: JobClaim, lockedUntil: Date): Promise<boolean> {
  const renewed = await db.update(jobs).set({ lockedUntil }).where(ownedBy(claim)).returning({ id: jobs.id });
  return renewed.length > 0;
}

/** Marks the claimed job done, replacing its payload with `payloadAfterDone` when given. */
export async function markJobDone(
  db: Database,
  claim: JobClaim,
  now: Date,
  payloadAfterDone?: unknown,
): Promise<boolean> {
  const updated = await db
    .update(jobs)
    .set({
      status: 'done',
      finishedAt: now,
      lockedUntil: null,
      ...(payloadAfterDone === undefined ? {} : { payload: payloadAfterDone }),
    })
    .where(ownedBy(claim))
    .returning({ id: jobs.id });
  return updated.length > 0;
}

/** Records a failed attempt: queued again at `retryAt`, or failed for good when `retryAt` is null. */
export async function markJobFailed(
  db: Database,
  claim: JobClaim,
  outcome: { error: string; retryAt: Date | null; now: Date },
): Promise<boolean> {
  const updated = await db
    .update(jobs)
    .set(
      outcome.retryAt
        ? { status: 'queued', runAt: outcome.retryAt, lockedUntil: null, lastError: outcome.error }
        : { status: 'failed', finishedAt: outcome.now, lockedUntil: null, lastError: outcome.error },
    )
    .where(ownedBy(claim))
    .returning({ id: jobs.id });
  return updated.length > 0;
}

function ownedBy(claim: JobClaim) {
  return and(eq(jobs.id, claim.id), eq(jobs.attempts, claim.attempts), eq(jobs.status, 'running'));
}
