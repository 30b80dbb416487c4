import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { verifications } from '../accounts/schema.ts';
import type { Database } from '../db/client.ts';
import { rateLimits, requestCounts } from '../http/schema.ts';
import { liveKitWebhookDeliveries } from '../livekit/schema.ts';
import { devOutbox } from '../notifications/schema.ts';
import { jobKinds } from './kinds.ts';
import type { JobHandler } from './runner.ts';
import { jobs } from './schema.ts';
import { enqueueJob } from './service.ts';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * How long rows that only record what happened are kept (SECURITY.md, "Retention"). Nothing
 * here is what the product shows: registrations, recordings and certificates have their own
 * lives (recordings their community's retention).
 */
export const RETENTION = {
  /** Finished jobs (done, failed, cancelled), counted from when they finished: long enough to answer "did my reminder go out?". Queued and running jobs are never old. */
  finishedJobsDays: 30,
  /** The dev outbox (no SMTP_URL): whole mails, join links included. */
  devOutboxDays: 7,
  /** LiveKit webhook delivery ids, kept to skip a replay: a delivery's signature expires within minutes. */
  webhookDeliveriesHours: 24,
  /** Rate-limit counters (ours and better-auth's): no window is longer than a day. */
  requestCountsHours: 24,
  /** better-auth's verification rows (reset tokens) after they expired: they cannot be used any more. */
  expiredVerificationsHours: 24,
} as const;

/** Rows deleted per statement: a first sweep of a large table runs in several small deletes, never one long lock. */
const BATCH = 5_000;

/** The payload of a `retention-sweep` job: the hour it sweeps for (its dedupe key). */
export const retentionSweepSchema = jobKinds['retention-sweep'];

/** The start of the hour `at` is in: one sweep per hour, whichever instance plans it. */
function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * Plans the sweep of the hour `now` is in (due at once) unless it is planned already. Every
 * instance calls it at start; the dedupe key makes it one job per hour across all of them, and
 * each sweep plans the next, so the chain goes on while any instance runs.
 */
export function scheduleRetentionSweep(db: Database, now: Date) {
  return planSweep(db, hourOf(now), now);
}

function planSweep(db: Database, slot: Date, runAt: Date) {
  return enqueueJob(db, {
    kind: 'retention-sweep',
    payload: { slot: slot.toISOString() },
    runAt,
    dedupeKey: `retention-sweep:${slot.toISOString()}`,
    maxAttempts: 3,
  });
}

/** The `retention-sweep` handler: plans the next hour first (a failing sweep must not end the chain), then deletes. */
export function retentionSweepHandler(deps: { db: Database; now: () => Date }): JobHandler<{ slot: string }> {
  return async ({ slot }, ctx) => {
    const next = new Date(hourOf(new Date(slot)).getTime() + HOUR_MS);
    await planSweep(deps.db, next, next);
    const deleted = await sweepOldRows(deps.db, deps.now());
    const total = Object.values(deleted).reduce((sum, count) => sum + count, 0);
    if (total > 0) ctx.log.info({ deleted }, 'old rows deleted');
  };
}

/**
 * Deletes what is past its retention in each table, and the bodies of finished mail jobs that
 * still hold one (failed for good, or sent before sent mails dropped theirs); says how many rows
 * went from each.
 */
export async function sweepOldRows(db: Database, now: Date): Promise<Record<string, number>> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  return {
    mailBodies: await dropFinishedMailBodies(db),
    jobs: await deleteInBatches(
      db,
      jobs,
      jobs.id,
      and(
        inArray(jobs.status, ['done', 'failed', 'cancelled']),
        isNotNull(jobs.finishedAt),
        lt(jobs.finishedAt, before(RETENTION.finishedJobsDays * DAY_MS)),
      ),
    ),
    devOutbox: await deleteInBatches(
      db,
      devOutbox,
      devOutbox.id,
      lt(devOutbox.createdAt, before(RETENTION.devOutboxDays * DAY_MS)),
    ),
    webhookDeliveries: await deleteInBatches(
      db,
      liveKitWebhookDeliveries,
      liveKitWebhookDeliveries.id,
      lt(liveKitWebhookDeliveries.receivedAt, before(RETENTION.webhookDeliveriesHours * HOUR_MS)),
    ),
    requestCounts: await deleteInBatches(
      db,
      requestCounts,
      requestCounts.key,
      lt(requestCounts.windowStartedAt, before(RETENTION.requestCountsHours * HOUR_MS)),
    ),
    authRateLimits: await deleteInBatches(
      db,
      rateLimits,
      rateLimits.id,
      lt(rateLimits.lastRequest, before(RETENTION.requestCountsHours * HOUR_MS).getTime()),
    ),
    expiredVerifications: await deleteInBatches(
      db,
      verifications,
      verifications.id,
      lt(verifications.expiresAt, before(RETENTION.expiredVerificationsHours * HOUR_MS)),
    ),
  };
}

/**
 * A finished `send-mail` job will not run again: its body (join links, invitation secrets,
 * reset tokens) goes, as a sent mail's does at once (notifications/mail-job.ts `sentMail`).
 */
async function dropFinishedMailBodies(db: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = db
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          eq(jobs.kind, 'send-mail'),
          inArray(jobs.status, ['done', 'failed', 'cancelled']),
          sql`${jobs.payload} ? 'text'`,
        ),
      )
      .limit(BATCH);
    const changed = await db
      .update(jobs)
      .set({
        payload: sql`jsonb_build_object('to', ${jobs.payload}->'to', 'subject', ${jobs.payload}->'subject', 'body', 'removed once finished')`,
      })
      .where(sql`${jobs.id} = any(array(${batch}))`)
      .returning({ id: jobs.id });
    total += changed.length;
    if (changed.length < BATCH) return total;
  }
}

/** Deletes the rows `where` picks, at most BATCH per statement, until none is left. */
async function deleteInBatches(
  db: Database,
  table: PgTable,
  key: PgColumn,
  where: ReturnType<typeof lt> | undefined,
): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = db.select({ key }).from(table).where(where).limit(BATCH);
    const gone = await db.delete(table).where(sql`${key} = any(array(${batch}))`).returning({ key });
    total += gone.length;
    if (gone.length < BATCH) return total;
  }
}
