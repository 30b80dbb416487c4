import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/support/postgres.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { createJobRunner } from './runner.ts';
import { jobs } from './schema.ts';
import { cancelJobs, enqueueJob, findJob } from './service.ts';

const testKinds = { 'greet-member': z.object({ name: z.string().min(1) }) };
const at = (iso: string) => new Date(iso);
const mail = { to: 'ayu@example.id', subject: 'Pengingat', text: 'Besok', html: '<p>Besok</p>' };

describe.each(['pglite', 'postgres'] as const)('the job queue on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase(
      engine === 'pglite'
        ? { kind: 'pglite', dir: 'memory://' }
        : { kind: 'postgres', url: await createTestDatabase() },
    );
  });
  afterAll(() => handle?.close());

  it('queues a job of a known kind with its parsed payload, due when the caller says', async () => {
    const job = await enqueueJob(handle.db, { kind: 'send-mail', payload: mail, runAt: at('2020-05-05T05:05:05Z') });
    expect(job).toMatchObject({ kind: 'send-mail', payload: mail, status: 'queued', attempts: 0, maxAttempts: 8 });
    expect(job.runAt).toEqual(at('2020-05-05T05:05:05Z'));
    // The database's default would be the machine's clock, which a runner on an injected clock does not keep.
    // @ts-expect-error: a job without a time is not queued
    await expect(enqueueJob(handle.db, { kind: 'send-mail', payload: mail })).rejects.toThrow(/needs a runAt/);
    const later = await enqueueJob(handle.db, {
      kind: 'send-mail',
      payload: mail,
      runAt: at('2030-01-01T00:00:00Z'),
      maxAttempts: 2,
    });
    expect(later).toMatchObject({ runAt: at('2030-01-01T00:00:00Z'), maxAttempts: 2 });
  });

  it('refuses an unknown kind and a wrong payload, at compile time and at run time', async () => {
    const runAt = at('2026-01-01T00:00:00Z');
    // @ts-expect-error: not a job kind
    await expect(enqueueJob(handle.db, { kind: 'send-fax', payload: {}, runAt })).rejects.toThrow(
      /Unknown job kind "send-fax"/,
    );
    // @ts-expect-error: a mail needs a subject
    const noSubject = enqueueJob(handle.db, { kind: 'send-mail', payload: { ...mail, subject: undefined }, runAt });
    await expect(noSubject).rejects.toBeInstanceOf(z.ZodError);
    await expect(
      enqueueJob(handle.db, { kind: 'greet-member', payload: { name: '' }, runAt }, testKinds),
    ).rejects.toBeInstanceOf(z.ZodError);
  });

  it('queues a job with a dedupe key once, however often and however concurrently it is asked', async () => {
    const request = {
      kind: 'greet-member',
      payload: { name: 'Budi' },
      dedupeKey: 'greet:budi',
      runAt: at('2030-01-01T00:00:00Z'),
    } as const;
    const first = await enqueueJob(handle.db, request, testKinds);
    const again = await Promise.all(Array.from({ length: 8 }, () => enqueueJob(handle.db, request, testKinds)));
    expect(again.map((job) => job.id)).toEqual(Array(8).fill(first.id));
    expect(await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, 'greet:budi'))).toHaveLength(1);
  });

  it('returns a finished job for its dedupe key instead of running it again', async () => {
    const request = {
      kind: 'greet-member',
      payload: { name: 'Citra' },
      dedupeKey: 'greet:citra',
      runAt: at('2026-01-01T00:00:00Z'),
    } as const;
    const job = await enqueueJob(handle.db, request, testKinds);
    const runner = createJobRunner({
      db: handle.db,
      kinds: testKinds,
      handlers: { 'greet-member': async () => {} },
      log: pino({ level: 'silent' }),
      now: () => at('2026-01-01T00:00:01Z'),
    });
    await runner.runDueJobs();
    const again = await enqueueJob(handle.db, { ...request, runAt: at('2026-02-01T00:00:00Z') }, testKinds);
    expect(again).toMatchObject({ id: job.id, status: 'done', runAt: at('2026-01-01T00:00:00Z') });
  });

  it('cancels queued jobs by dedupe key prefix, taking % and _ literally, and queues a cancelled one again', async () => {
    const reminder = (key: string) =>
      enqueueJob(
        handle.db,
        { kind: 'greet-member', payload: { name: key }, dedupeKey: key, runAt: at('2030-01-01T00:00:00Z') },
        testKinds,
      );
    const [a, b, other, lookalike] = await Promise.all([
      reminder('reminder:s_1:a'),
      reminder('reminder:s_1:b'),
      reminder('reminder:s_2:a'),
      reminder('reminder:sx1:a'),
    ]);
    const cancelledAt = at('2029-06-01T00:00:00Z');
    expect(await cancelJobs(handle.db, { dedupeKeyPrefix: 'reminder:s_1:' }, cancelledAt)).toBe(2);
    expect((await findJob(handle.db, a.id))?.status).toBe('cancelled');
    expect((await findJob(handle.db, b.id))?.finishedAt).toEqual(cancelledAt);
    expect((await findJob(handle.db, other.id))?.status).toBe('queued');
    expect((await findJob(handle.db, lookalike.id))?.status).toBe('queued');

    const requeued = await enqueueJob(
      handle.db,
      {
        kind: 'greet-member',
        payload: { name: 'rescheduled' },
        dedupeKey: 'reminder:s_1:a',
        runAt: at('2030-02-01T00:00:00Z'),
      },
      testKinds,
    );
    expect(requeued).toMatchObject({
      id: a.id,
      status: 'queued',
      payload: { name: 'rescheduled' },
      runAt: at('2030-02-01T00:00:00Z'),
      finishedAt: null,
    });
  });

  it('cancels by kind, and refuses to cancel with no filter at all', async () => {
    await enqueueJob(handle.db, { kind: 'send-mail', payload: mail, runAt: at('2031-01-01T00:00:00Z') });
    const now = at('2030-01-01T00:00:00Z');
    expect(await cancelJobs(handle.db, { kind: 'send-mail' }, now)).toBeGreaterThanOrEqual(1);
    const [queuedMail] = await handle.db.select().from(jobs).where(eq(jobs.status, 'queued'));
    expect(queuedMail?.kind).not.toBe('send-mail');
    await expect(cancelJobs(handle.db, {}, now)).rejects.toThrow(/never cancels everything/);
  });
});
