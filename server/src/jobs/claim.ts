import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type JobRow, jobs } from './schema.ts';

/** One claim of a job: `attempts` grows with every claim, so a runner whose lease was taken over no longer matches. */
export type JobClaim = Pick<JobRow, 'id' | 'attempts'>;

/**
 * Claims up to `limit` due jobs of the given kinds for `leaseMs`: queued jobs whose time has
 * come (a running job whose lease ran out is queued again by `endExpiredLeases` first, after its
 * backoff). Rows another runner is claiming right now are skipped, never waited for, so
 * concurrent runners each get their own.
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
        eq(jobs.status, 'queued'),
        lte(jobs.runAt, options.now),
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

export const LEASE_RAN_OUT =
  'The lease ran out: its runner stopped, or could not record the outcome, before finishing.';

/**
 * Ends the attempts whose lease ran out: their runner died mid-job, or could not record how the
 * attempt went (the database was away). Each counts as a failed attempt, like a handler's
 * error: queued again `retryDelayMs(attempt)` after the lease ended, or failed for good on the
 * last attempt (the job itself may be what kills its runner, so it must not be claimed forever).
 * A lease is never simply taken over: a job that keeps losing its runner keeps its backoff.
 */
export async function endExpiredLeases(
  db: Database,
  now: Date,
  retryDelayMs: (failedAttempt: number) => number,
): Promise<number> {
  const expired = await db
    .select({ id: jobs.id, attempts: jobs.attempts, maxAttempts: jobs.maxAttempts, lockedUntil: jobs.lockedUntil })
    .from(jobs)
    .where(and(eq(jobs.status, 'running'), lte(jobs.lockedUntil, now)))
    .limit(100);
  let ended = 0;
  for (const job of expired) {
    const endedAt = job.lockedUntil ?? now;
    const retryAt = job.attempts >= job.maxAttempts ? null : new Date(endedAt.getTime() + retryDelayMs(job.attempts));
    const updated = await db
      .update(jobs)
      .set(
        retryAt
          ? { status: 'queued', runAt: retryAt, lockedUntil: null, lastError: LEASE_RAN_OUT }
          : { status: 'failed', finishedAt: now, lockedUntil: null, lastError: LEASE_RAN_OUT },
      )
      // Still this attempt, and still expired: its runner may have renewed the lease meanwhile.
      .where(and(ownedBy(job), lte(jobs.lockedUntil, now)))
      .returning({ id: jobs.id });
    ended += updated.length;
  }
  return ended;
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
