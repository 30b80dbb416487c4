import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/support/postgres.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { LEASE_RAN_OUT } from './claim.ts';
import { createJobRunner, type JobRunner } from './runner.ts';
import { enqueueJob, findJob } from './service.ts';

/** `flaky` always fails, in one of the ways a handler can; `chore` always succeeds, and keeps the runners busy. */
const kinds = {
  flaky: z.object({ how: z.enum(['error', 'nul', 'undescribable']) }),
  chore: z.object({ n: z.number() }),
};
type Failure = z.output<(typeof kinds)['flaky']>['how'];
const FAILURES: Failure[] = ['error', 'nul', 'undescribable'];
const silent = pino({ level: 'silent' });

/** Short, so a test sees several attempts; the lease shorter still, so a lease running out cannot hide among them. */
const BACKOFF_MS = 1_500;
const LEASE_MS = 400;
const ATTEMPTS_WATCHED = 3;

function throwAs(how: Failure): never {
  // PostgreSQL text cannot hold NUL, which some mail servers' and libraries' messages do.
  if (how === 'nul') throw new Error('550 mailbox \u0000 unavailable');
  // No prototype, so not even String() can describe it.
  if (how === 'undescribable') throw Object.create(null);
  throw new Error('mail server down');
}

/**
 * Runners on a machine's clock, several per database (instances, and polls racing each other),
 * polling every few milliseconds with chores to do, as under load; every attempt of a failing
 * job is noted with the time its handler started.
 */
function busyRunners(handles: DatabaseHandle[], perHandle: number) {
  const attempts = new Map<string, Array<{ attempt: number; at: number }>>();
  let watched: () => void = () => {};
  const enoughSeen = new Promise<void>((resolve) => {
    watched = resolve;
  });
  const runners: JobRunner[] = handles.flatMap((handle) =>
    Array.from({ length: perHandle }, () =>
      createJobRunner({
        db: handle.db,
        kinds,
        handlers: {
          flaky: async ({ how }, ctx) => {
            const seen = attempts.get(ctx.job.id) ?? [];
            seen.push({ attempt: ctx.job.attempts, at: Date.now() });
            attempts.set(ctx.job.id, seen);
            if (
              attempts.size === FAILURES.length &&
              [...attempts.values()].every((a) => a.length >= ATTEMPTS_WATCHED)
            ) {
              watched();
            }
            throwAs(how);
          },
          chore: async () => {
            await new Promise((resolve) => setTimeout(resolve, 2));
          },
        },
        log: silent,
        now: () => new Date(),
        pollIntervalMs: 5,
        concurrency: 2,
        leaseMs: LEASE_MS,
        retryDelayMs: () => BACKOFF_MS,
      }),
    ),
  );
  return { runners, attempts, enoughSeen };
}

describe.each([
  ['PGlite, three runners racing on one database', 'pglite', 1, 3],
  ['PostgreSQL, two instances of two runners each', 'postgres', 2, 2],
] as const)('a job that always fails, on %s', (_name, engine, instances, perInstance) => {
  const handles: DatabaseHandle[] = [];
  beforeAll(async () => {
    if (engine === 'pglite') {
      handles.push(await openDatabase({ kind: 'pglite', dir: 'memory://' }));
      return;
    }
    const url = await createTestDatabase();
    for (let i = 0; i < instances; i++) handles.push(await openDatabase({ kind: 'postgres', url }));
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
  });

  it('is tried again only after its backoff each time, whatever it throws, while the runners are busy', async () => {
    const [first] = handles;
    if (!first) throw new Error('no database');
    const { runners, attempts, enoughSeen } = busyRunners(handles, perInstance);
    const failing = new Map<string, Failure>();
    for (const how of FAILURES) {
      const job = await enqueueJob(
        first.db,
        { kind: 'flaky', payload: { how }, maxAttempts: 100, runAt: new Date() },
        kinds,
      );
      failing.set(job.id, how);
    }
    for (let n = 0; n < 200; n++)
      await enqueueJob(first.db, { kind: 'chore', payload: { n }, runAt: new Date() }, kinds);

    for (const runner of runners) runner.start();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        enoughSeen,
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`fewer than ${ATTEMPTS_WATCHED} attempts each in 30 s`)), 30_000);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      await Promise.all(runners.map((runner) => runner.stop()));
    }

    for (const [id, how] of failing) {
      const seen = attempts.get(id) ?? [];
      // Every attempt is counted: the backoff grows from a counter that never stands still.
      expect(
        seen.map((a) => a.attempt),
        how,
      ).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
      const gaps = seen.slice(1).map((a, i) => a.at - (seen[i]?.at ?? 0));
      expect(Math.min(...gaps), `${how}: gaps between attempts ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(
        BACKOFF_MS,
      );
      // What went wrong is on the row, in words PostgreSQL can store (or, had a runner stalled past
      // its lease while recording it, that the lease ran out).
      const { lastError } = (await findJob(first.db, id)) ?? {};
      const described = {
        error: 'Error: mail server down',
        nul: 'Error: 550 mailbox \uFFFD unavailable',
        undescribable: 'a failure that cannot be described',
      }[how];
      expect([described, LEASE_RAN_OUT], how).toContain(lastError);
    }
  }, 60_000);
});
