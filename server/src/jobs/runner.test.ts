import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/support/postgres.ts';
import { type Database, type DatabaseHandle, openDatabase } from '../db/client.ts';
import { LEASE_RAN_OUT } from './claim.ts';
import { createJobRunner, exponentialBackoff, type JobHandler, PermanentJobError } from './runner.ts';
import { jobs } from './schema.ts';
import { enqueueJob, findJob } from './service.ts';

const testKinds = { 'count-visit': z.object({ visitor: z.string() }) };
type Visit = z.output<(typeof testKinds)['count-visit']>;
const silent = pino({ level: 'silent' });
const start = new Date('2026-03-01T02:00:00Z');
const plus = (ms: number) => new Date(start.getTime() + ms);

/** A promise the test settles by hand (Promise.withResolvers is ES2024, beyond our lib). */
function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** A clock the test moves by hand. */
function testClock() {
  let current = start;
  return {
    now: () => current,
    set: (to: Date) => {
      current = to;
    },
  };
}

function visitRunner(db: Database, handler: JobHandler<Visit>, now: () => Date, extra: { leaseMs?: number } = {}) {
  return createJobRunner({ db, kinds: testKinds, handlers: { 'count-visit': handler }, log: silent, now, ...extra });
}

const enqueueVisit = (db: Database, visitor: string, options: { runAt?: Date; maxAttempts?: number } = {}) =>
  enqueueJob(db, { kind: 'count-visit', payload: { visitor }, runAt: options.runAt ?? start, ...options }, testKinds);

async function openEngine(engine: 'pglite' | 'postgres'): Promise<DatabaseHandle> {
  return openDatabase(
    engine === 'pglite' ? { kind: 'pglite', dir: 'memory://' } : { kind: 'postgres', url: await createTestDatabase() },
  );
}

describe.each(['pglite', 'postgres'] as const)('the job runner on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openEngine(engine);
  });
  afterAll(() => handle?.close());
  // Each test queues at its own point in time far from the others, so their jobs never mix.
  let epoch = 0;
  const freshClock = () => {
    const clock = testClock();
    clock.set(plus(++epoch * 365 * 24 * 3600_000));
    return clock;
  };

  it('runs a due job once, and a later job only when its time has come', async () => {
    const clock = freshClock();
    const seen: string[] = [];
    const runner = visitRunner(handle.db, async ({ visitor }) => void seen.push(visitor), clock.now);
    const due = await enqueueVisit(handle.db, 'due', { runAt: clock.now() });
    const later = await enqueueVisit(handle.db, 'later', { runAt: new Date(clock.now().getTime() + 60_000) });

    expect(await runner.runDueJobs()).toBe(1);
    expect(await runner.runDueJobs()).toBe(0);
    expect(seen).toEqual(['due']);
    expect(await findJob(handle.db, due.id)).toMatchObject({
      status: 'done',
      attempts: 1,
      finishedAt: clock.now(),
      lockedUntil: null,
    });
    expect((await findJob(handle.db, later.id))?.status).toBe('queued');

    clock.set(new Date(clock.now().getTime() + 60_000));
    expect(await runner.runDueJobs()).toBe(1);
    expect(seen).toEqual(['due', 'later']);
  });

  it('retries a failing job with exponential backoff, then marks it failed with the last error', async () => {
    const clock = freshClock();
    let calls = 0;
    const runner = visitRunner(
      handle.db,
      async () => {
        calls++;
        throw new Error(`mail server down (${calls})`);
      },
      clock.now,
    );
    const job = await enqueueVisit(handle.db, 'unlucky', { runAt: clock.now(), maxAttempts: 3 });

    await runner.runDueJobs();
    const afterFirst = await findJob(handle.db, job.id);
    expect(afterFirst).toMatchObject({ status: 'queued', attempts: 1, lastError: 'Error: mail server down (1)' });
    expect(afterFirst?.runAt).toEqual(new Date(clock.now().getTime() + exponentialBackoff(1)));

    clock.set(new Date(clock.now().getTime() + exponentialBackoff(1) - 1));
    expect(await runner.runDueJobs()).toBe(0);
    clock.set(new Date(clock.now().getTime() + 1));
    expect(await runner.runDueJobs()).toBe(1);
    expect((await findJob(handle.db, job.id))?.runAt).toEqual(new Date(clock.now().getTime() + exponentialBackoff(2)));
    expect(exponentialBackoff(2)).toBe(2 * exponentialBackoff(1));

    clock.set(new Date(clock.now().getTime() + exponentialBackoff(2)));
    expect(await runner.runDueJobs()).toBe(1);
    expect(await findJob(handle.db, job.id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'Error: mail server down (3)',
      finishedAt: clock.now(),
    });
    clock.set(new Date(clock.now().getTime() + 24 * 3600_000));
    expect(await runner.runDueJobs()).toBe(0);
    expect(calls).toBe(3);
  });

  it('counts a handler that rejects with nothing at all as failed, not done', async () => {
    const clock = freshClock();
    const runner = visitRunner(handle.db, () => Promise.reject(undefined), clock.now);
    const job = await enqueueVisit(handle.db, 'silent failure', { runAt: clock.now() });
    await runner.runDueJobs();
    expect(await findJob(handle.db, job.id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'undefined',
      runAt: new Date(clock.now().getTime() + exponentialBackoff(1)),
    });
  });

  it('fails a job at once when its handler says retrying cannot help', async () => {
    const clock = freshClock();
    const runner = visitRunner(
      handle.db,
      async () => {
        throw new PermanentJobError('550 no such mailbox');
      },
      clock.now,
    );
    const job = await enqueueVisit(handle.db, 'nobody', { runAt: clock.now() });
    await runner.runDueJobs();
    expect(await findJob(handle.db, job.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'PermanentJobError: 550 no such mailbox',
    });
  });

  it('tries a job again after its backoff when its runner died mid-job, and ignores the dead runner if it comes back', async () => {
    const clock = freshClock();
    const leaseMs = 60_000;
    const stuckStarted = deferred();
    const releaseStuck = deferred();
    const stuckRunner = visitRunner(
      handle.db,
      () => {
        stuckStarted.resolve();
        return releaseStuck.promise;
      },
      clock.now,
      { leaseMs },
    );
    const runs: number[] = [];
    const rescuer = visitRunner(handle.db, async (_visit, ctx) => void runs.push(ctx.job.attempts), clock.now, {
      leaseMs,
    });
    const job = await enqueueVisit(handle.db, 'stuck', { runAt: clock.now() });

    const stuckPass = stuckRunner.runDueJobs();
    await stuckStarted.promise;
    expect(await rescuer.runDueJobs()).toBe(0);

    // The lease runs out: the attempt counts as failed, and the next waits for its backoff from then.
    const leaseEnd = new Date(clock.now().getTime() + leaseMs);
    clock.set(leaseEnd);
    expect(await rescuer.runDueJobs()).toBe(0);
    expect(await findJob(handle.db, job.id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      runAt: new Date(leaseEnd.getTime() + exponentialBackoff(1)),
      lastError: LEASE_RAN_OUT,
    });
    clock.set(new Date(leaseEnd.getTime() + exponentialBackoff(1)));
    expect(await rescuer.runDueJobs()).toBe(1);
    expect(runs).toEqual([2]);
    expect(await findJob(handle.db, job.id)).toMatchObject({ status: 'done', attempts: 2 });

    releaseStuck.resolve();
    await stuckPass;
    expect(await findJob(handle.db, job.id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('marks a job failed when the lease of its last attempt ran out, rather than claiming it forever', async () => {
    const clock = freshClock();
    const job = await enqueueVisit(handle.db, 'poison', { runAt: clock.now(), maxAttempts: 1 });
    // What a runner that crashed on this job's only attempt leaves behind.
    await handle.db
      .update(jobs)
      .set({ status: 'running', attempts: 1, lockedUntil: clock.now() })
      .where(eq(jobs.id, job.id));
    let calls = 0;
    const runner = visitRunner(handle.db, async () => void calls++, clock.now);
    await runner.runDueJobs();
    expect(calls).toBe(0);
    expect(await findJob(handle.db, job.id)).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/lease/),
    });
  });

  it('keeps only what the handler leaves of a payload once the job is done, and all of it while it may run again', async () => {
    const clock = freshClock();
    let fail = true;
    const runner = visitRunner(
      handle.db,
      async () => {
        if (fail) throw new Error('not yet');
        return { payloadAfterDone: { visitor: '(gone)' } };
      },
      clock.now,
    );
    const job = await enqueueVisit(handle.db, 'budi-with-a-secret', { runAt: clock.now() });
    await runner.runDueJobs();
    expect((await findJob(handle.db, job.id))?.payload).toEqual({ visitor: 'budi-with-a-secret' });
    fail = false;
    clock.set(new Date(clock.now().getTime() + exponentialBackoff(1)));
    await runner.runDueJobs();
    expect(await findJob(handle.db, job.id)).toMatchObject({ status: 'done', payload: { visitor: '(gone)' } });
  });

  it('records a failed query of a handler by its statement, not by the values it was given', async () => {
    const clock = freshClock();
    const secret = randomBytes(32).toString('base64url');
    const runner = visitRunner(
      handle.db,
      async () => {
        await handle.db.execute(sql`select ${secret} from no_such_table`);
      },
      clock.now,
    );
    const job = await enqueueVisit(handle.db, 'query', { runAt: clock.now(), maxAttempts: 1 });
    await runner.runDueJobs();
    const failed = await findJob(handle.db, job.id);
    expect(failed?.lastError).toMatch(/no_such_table/);
    expect(failed?.lastError).not.toContain(secret);
  });

  it('fails a stored payload its schema no longer accepts without calling the handler', async () => {
    const clock = freshClock();
    const job = await enqueueVisit(handle.db, 'ok', { runAt: clock.now() });
    await handle.db
      .update(jobs)
      .set({ payload: { visitor: 42 } })
      .where(eq(jobs.id, job.id));
    let calls = 0;
    await visitRunner(handle.db, async () => void calls++, clock.now).runDueJobs();
    expect(calls).toBe(0);
    expect(await findJob(handle.db, job.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringMatching(/visitor/),
    });
  });

  it('takes handlers only for kinds of its registry, and needs one for each of them', () => {
    const options = { db: handle.db, log: silent, now: () => start };
    expect(() =>
      createJobRunner({
        ...options,
        kinds: testKinds,
        // @ts-expect-error: "send-fax" is not a kind of testKinds
        handlers: { 'count-visit': async () => {}, 'send-fax': async () => {} },
      }),
    ).toThrow(/"send-fax", which is not a job kind/);
    // @ts-expect-error: the application's registry has "send-mail", which needs a handler
    createJobRunner({ ...options, handlers: {} });
  });

  it('polls once started, and stop() waits for the job in flight', async () => {
    const clock = freshClock();
    let finishJob: () => void = () => {};
    const started = deferred();
    const runner = createJobRunner({
      db: handle.db,
      kinds: testKinds,
      handlers: {
        'count-visit': () => {
          started.resolve();
          return new Promise<void>((resolve) => (finishJob = resolve));
        },
      },
      log: silent,
      now: clock.now,
      pollIntervalMs: 10,
    });
    runner.start();
    const job = await enqueueVisit(handle.db, 'polled', { runAt: clock.now() });
    await started.promise;
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    finishJob();
    await stopping;
    expect((await findJob(handle.db, job.id))?.status).toBe('done');
  });
});

describe('a runner whose database cannot be reached', () => {
  it('looks for work less and less often, rather than failing several times a second', async () => {
    const gone = await openDatabase({ kind: 'pglite', dir: 'memory://' });
    await gone.close();
    const failures: number[] = [];
    const log = pino({ level: 'error' }, { write: () => void failures.push(Date.now()) });
    const pollIntervalMs = 20;
    const runner = createJobRunner({
      db: gone.db,
      kinds: testKinds,
      handlers: { 'count-visit': async () => {} },
      log,
      now: () => new Date(),
      pollIntervalMs,
    });
    runner.start();
    const watchedMs = 1_500;
    await new Promise((resolve) => setTimeout(resolve, watchedMs));
    await runner.stop();
    // Every 20 ms would be 75 failed polls; doubling waits (20, 40, 80 … ms) make at most 7.
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.length, `failed polls in ${watchedMs} ms`).toBeLessThanOrEqual(
      Math.log2(watchedMs / pollIntervalMs) + 1,
    );
  });
});

describe('two runners against one PostgreSQL database', () => {
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

  it('run each of 200 jobs exactly once between them', async () => {
    const runsPerJob = new Map<string, number>();
    const jobsPerRunner = [0, 0];
    const allDone = deferred();
    const countingRunner = (handle: DatabaseHandle, index: number) =>
      createJobRunner({
        db: handle.db,
        kinds: testKinds,
        handlers: {
          'count-visit': async (_visit, ctx) => {
            runsPerJob.set(ctx.job.id, (runsPerJob.get(ctx.job.id) ?? 0) + 1);
            jobsPerRunner[index] = (jobsPerRunner[index] ?? 0) + 1;
            // Yield so the two runners' claims interleave instead of one draining the queue.
            await new Promise((resolve) => setTimeout(resolve, 1));
            if ([...runsPerJob.values()].reduce((a, b) => a + b, 0) >= 200) allDone.resolve();
          },
        },
        log: silent,
        now: () => new Date(),
        pollIntervalMs: 5,
        concurrency: 4,
      });
    const runners = [countingRunner(first, 0), countingRunner(second, 1)];
    const queued = [];
    for (let i = 0; i < 200; i++) queued.push(await enqueueVisit(first.db, `visitor-${i}`, { runAt: new Date() }));
    for (const runner of runners) runner.start();
    await allDone.promise;
    await Promise.all(runners.map((runner) => runner.stop()));

    expect(runsPerJob.size).toBe(200);
    expect([...runsPerJob.values()].every((runs) => runs === 1)).toBe(true);
    expect(new Set(queued.map((job) => job.id))).toEqual(new Set(runsPerJob.keys()));
    expect(jobsPerRunner.every((count) => count > 0)).toBe(true);
    const done = await first.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.status, 'done'));
    expect(done).toHaveLength(200);
  });
});
