import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDatabase, ENGINES } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/postgres.ts';
import { verifications } from '../accounts/schema.ts';
import { type Database, type DatabaseHandle, openDatabase } from '../db/client.ts';
import { rateLimits, requestCounts } from '../http/schema.ts';
import { liveKitWebhookDeliveries } from '../livekit/schema.ts';
import { devOutbox } from '../notifications/schema.ts';
import { RETENTION, retentionSweepHandler, retentionSweepSchema, scheduleRetentionSweep } from './retention.ts';
import { createJobRunner } from './runner.ts';
import { jobs } from './schema.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const silent = pino({ level: 'silent' });

describe.each(ENGINES)('the retention sweep on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await aDatabase(engine);
  });
  afterAll(() => handle?.close());

  const now = new Date('2026-05-10T08:30:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const mail = { to: 'ayu@example.id', subject: 'Pengingat', text: 'https://serambi.example/j/abc', html: '' };

  /** One row per table just past its retention and one just inside it; returns the ids that must stay. */
  async function oldAndRecentRows(db: Database) {
    const id = () => randomUUID();
    const keep = { jobs: [id(), id(), id()], outbox: id(), webhook: `EV_${id()}`, count: `k:${id()}` };
    const drop = { jobs: [id(), id(), id()], outbox: id(), webhook: `EV_${id()}`, count: `k:${id()}` };
    const job = (jobId: string, status: 'done' | 'failed' | 'cancelled' | 'queued', finishedAt: Date | null) => ({
      id: jobId,
      kind: 'send-mail',
      payload: mail,
      status,
      runAt: ago(60 * DAY),
      createdAt: ago(60 * DAY),
      finishedAt,
    });
    const jobsDays = RETENTION.finishedJobsDays * DAY;
    await db.insert(jobs).values([
      job(drop.jobs[0] as string, 'done', ago(jobsDays + HOUR)),
      job(drop.jobs[1] as string, 'failed', ago(jobsDays + HOUR)),
      job(drop.jobs[2] as string, 'cancelled', ago(jobsDays + HOUR)),
      job(keep.jobs[0] as string, 'done', ago(jobsDays - HOUR)),
      job(keep.jobs[1] as string, 'failed', ago(jobsDays - HOUR)),
      // Waiting jobs are never old: a reminder may be planned months ahead.
      job(keep.jobs[2] as string, 'queued', null),
    ]);
    const outbox = (rowId: string, createdAt: Date) => ({ id: rowId, from: 'a@b.id', ...mail, createdAt });
    await db
      .insert(devOutbox)
      .values([
        outbox(drop.outbox, ago(RETENTION.devOutboxDays * DAY + HOUR)),
        outbox(keep.outbox, ago(RETENTION.devOutboxDays * DAY - HOUR)),
      ]);
    await db.insert(liveKitWebhookDeliveries).values([
      { id: drop.webhook, receivedAt: ago(RETENTION.webhookDeliveriesHours * HOUR + HOUR) },
      { id: keep.webhook, receivedAt: ago(RETENTION.webhookDeliveriesHours * HOUR - HOUR) },
    ]);
    await db.insert(requestCounts).values([
      { key: drop.count, count: 3, windowStartedAt: ago(RETENTION.requestCountsHours * HOUR + HOUR) },
      { key: keep.count, count: 3, windowStartedAt: ago(RETENTION.requestCountsHours * HOUR - HOUR) },
    ]);
    await db.insert(rateLimits).values([
      {
        id: drop.count,
        key: drop.count,
        count: 1,
        lastRequest: ago(RETENTION.requestCountsHours * HOUR + HOUR).getTime(),
      },
      { id: keep.count, key: keep.count, count: 1, lastRequest: ago(HOUR).getTime() },
    ]);
    await db.insert(verifications).values([
      { id: drop.outbox, identifier: `reset-password:${drop.outbox}`, value: 'u', expiresAt: ago(DAY + HOUR) },
      { id: keep.outbox, identifier: `reset-password:${keep.outbox}`, value: 'u', expiresAt: ago(-HOUR) },
    ]);
    // A mail that failed for good, and one sent before sent mails dropped their bodies; one still to go.
    const failedMail = id();
    const oldSentMail = id();
    const waitingMail = id();
    await db
      .insert(jobs)
      .values([
        job(failedMail, 'failed', ago(HOUR)),
        job(oldSentMail, 'done', ago(2 * DAY)),
        job(waitingMail, 'queued', null),
      ]);
    return { keep, drop, mails: { failedMail, oldSentMail, waitingMail } };
  }

  it('deletes what is past its retention in each table and keeps the rest', async () => {
    const { keep, drop, mails } = await oldAndRecentRows(handle.db);
    await retentionSweepHandler({ db: handle.db, now: () => now })(
      { slot: now.toISOString() },
      {
        job: { id: 'sweep', kind: 'retention-sweep', attempts: 1, maxAttempts: 8, dedupeKey: null },
        log: silent,
        now: () => now,
      },
    );
    const ids = async <T extends { id: string }>(rows: Promise<T[]>) => new Set((await rows).map((row) => row.id));
    const jobIds = await ids(handle.db.select({ id: jobs.id }).from(jobs));
    for (const kept of keep.jobs) expect(jobIds.has(kept), `job ${kept}`).toBe(true);
    for (const dropped of drop.jobs) expect(jobIds.has(dropped), `job ${dropped}`).toBe(false);
    const outboxIds = await ids(handle.db.select({ id: devOutbox.id }).from(devOutbox));
    expect([outboxIds.has(keep.outbox), outboxIds.has(drop.outbox)]).toEqual([true, false]);
    const webhookIds = await ids(handle.db.select({ id: liveKitWebhookDeliveries.id }).from(liveKitWebhookDeliveries));
    expect([webhookIds.has(keep.webhook), webhookIds.has(drop.webhook)]).toEqual([true, false]);
    const countKeys = new Set(
      (await handle.db.select({ key: requestCounts.key }).from(requestCounts)).map((r) => r.key),
    );
    expect([countKeys.has(keep.count), countKeys.has(drop.count)]).toEqual([true, false]);
    const limitIds = await ids(handle.db.select({ id: rateLimits.id }).from(rateLimits));
    expect([limitIds.has(keep.count), limitIds.has(drop.count)]).toEqual([true, false]);
    const tokenIds = await ids(handle.db.select({ id: verifications.id }).from(verifications));
    expect([tokenIds.has(keep.outbox), tokenIds.has(drop.outbox)]).toEqual([true, false]);

    const payloads = new Map(
      (await handle.db.select({ id: jobs.id, payload: jobs.payload }).from(jobs)).map((row) => [row.id, row.payload]),
    );
    for (const finished of [mails.failedMail, mails.oldSentMail]) {
      expect(payloads.get(finished)).toEqual({ to: mail.to, subject: mail.subject, body: 'removed once finished' });
    }
    expect(payloads.get(mails.waitingMail)).toEqual(mail);
  });
});

describe('the retention sweep with two instances on one PostgreSQL database', () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  beforeAll(async () => {
    const url = await createTestDatabase();
    first = await openDatabase({ kind: 'postgres', url });
    second = await openDatabase({ kind: 'postgres', url });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('runs once an hour between them, whoever starts and however often, and keeps the next hour planned', async () => {
    let clock = new Date('2026-05-10T08:30:00Z');
    const now = () => clock;
    const sweeps: string[] = [];
    const runnerOn = (handle: DatabaseHandle) => {
      const sweep = retentionSweepHandler({ db: handle.db, now });
      return createJobRunner({
        db: handle.db,
        kinds: { 'retention-sweep': retentionSweepSchema },
        handlers: {
          'retention-sweep': async (payload, ctx) => {
            sweeps.push(payload.slot);
            await sweep(payload, ctx);
          },
        },
        log: silent,
        now,
      });
    };
    const runners = [runnerOn(first), runnerOn(second)];
    // Both instances start (one of them twice) and plan the sweep of this hour.
    await scheduleRetentionSweep(first.db, now());
    await scheduleRetentionSweep(second.db, now());
    await scheduleRetentionSweep(first.db, now());
    await Promise.all(runners.map((runner) => runner.runDueJobs()));
    await Promise.all(runners.map((runner) => runner.runDueJobs()));
    expect(sweeps).toEqual(['2026-05-10T08:00:00.000Z']);

    // The next one waits for the next hour, then runs once, and plans the one after.
    clock = new Date('2026-05-10T08:59:59Z');
    await Promise.all(runners.map((runner) => runner.runDueJobs()));
    expect(sweeps).toHaveLength(1);
    clock = new Date('2026-05-10T09:00:00Z');
    await scheduleRetentionSweep(second.db, now());
    await Promise.all(runners.map((runner) => runner.runDueJobs()));
    await Promise.all(runners.map((runner) => runner.runDueJobs()));
    expect(sweeps).toEqual(['2026-05-10T08:00:00.000Z', '2026-05-10T09:00:00.000Z']);
    const planned = (await first.db.select().from(jobs)).filter(
      (job) => job.kind === 'retention-sweep' && job.status === 'queued',
    );
    expect(planned).toHaveLength(1);
    expect(planned[0]?.runAt).toEqual(new Date('2026-05-10T10:00:00Z'));
  });
});
