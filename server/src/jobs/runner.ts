import type { Logger } from 'pino';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { withoutQueryValues } from '../db/errors.ts';
import { claimDueJobs, endExpiredLeases, type JobClaim, markJobDone, markJobFailed, renewLease } from './claim.ts';
import { type JobKindRegistry, type JobKinds, jobKinds } from './kinds.ts';
import type { JobRow } from './schema.ts';

export interface JobContext {
  job: Pick<JobRow, 'id' | 'kind' | 'attempts' | 'maxAttempts' | 'dedupeKey'>;
  /** Bound to the job's id, kind and attempt. */
  log: Logger;
  now: () => Date;
}

/**
 * What a handler may say when it is done: `payloadAfterDone` replaces the stored payload once
 * the job is marked done (a sent mail keeps who and what, not the body with personal links).
 * Until then the whole payload stays, since the job may run again.
 */
export interface JobDone {
  payloadAfterDone?: unknown;
}

// biome-ignore lint/suspicious/noConfusingVoidType: most handlers return nothing, which `void` says and `undefined` would not accept.
export type JobHandler<P> = (payload: P, ctx: JobContext) => Promise<void | JobDone>;
export type JobHandlers<R extends JobKindRegistry> = { [K in keyof R]: JobHandler<z.output<R[K]>> };

/** Thrown by a handler when retrying cannot help (a mail server refusing the address for good). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export interface JobRunnerOptions<R extends JobKindRegistry> {
  db: Database;
  /** For tests; the application's registry when omitted. */
  kinds?: R;
  handlers: JobHandlers<NoInfer<R>>;
  log: Logger;
  now: () => Date;
  /** How often an idle runner looks for due jobs. */
  pollIntervalMs?: number;
  /** Jobs this runner works on at once. */
  concurrency?: number;
  /** How long a claim lasts without renewal; renewed every third of it while the handler runs. */
  leaseMs?: number;
  /** Delay before the next attempt, given the number of the attempt that failed (1 for the first). */
  retryDelayMs?: (failedAttempt: number) => number;
}

export interface JobRunner {
  /** Polls until stopped. */
  start(): void;
  /** Stops polling and waits for the jobs in flight to finish. */
  stop(): Promise<void>;
  /** One pass: claims due jobs up to the free concurrency, runs them, and says how many ran. */
  runDueJobs(): Promise<number>;
}

const RETRY_BASE_MS = 30_000;
/** The longest wait between polls while claiming keeps failing (the database is away). */
const FAILING_POLL_MAX_MS = 10_000;
const RETRY_MAX_MS = 60 * 60_000;
const LAST_ERROR_MAX_CHARS = 2_000;

/** 30 s, 1 min, 2 min, … doubling, at most an hour. */
export function exponentialBackoff(failedAttempt: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, failedAttempt - 1), RETRY_MAX_MS);
}

export function createJobRunner<R extends JobKindRegistry = JobKinds>(options: JobRunnerOptions<R>): JobRunner {
  const { db, log, now } = options;
  const kinds: JobKindRegistry = options.kinds ?? jobKinds;
  const handlers = options.handlers as Record<string, JobHandler<unknown>>;
  const handledKinds = Object.keys(handlers);
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const retryDelayMs = options.retryDelayMs ?? exponentialBackoff;
  for (const kind of handledKinds) {
    if (!kinds[kind]) throw new Error(`A handler is given for "${kind}", which is not a job kind`);
  }

  const inFlight = new Set<Promise<void>>();
  let polling: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let wakeRequested = false;
  /** Polls failed in a row: each doubles the wait before the next, so an unreachable database is not asked several times a second. */
  let failedPolls = 0;

  async function claimAndStart(): Promise<Promise<void>[]> {
    const free = concurrency - inFlight.size;
    if (free <= 0) return [];
    const claimedAt = now();
    await endExpiredLeases(db, claimedAt, retryDelayMs);
    const claimed = await claimDueJobs(db, { kinds: handledKinds, limit: free, now: claimedAt, leaseMs });
    return claimed.map((job) => {
      const done = runJob(job).finally(() => {
        inFlight.delete(done);
        wake();
      });
      inFlight.add(done);
      return done;
    });
  }

  async function runJob(job: JobRow): Promise<void> {
    const claim: JobClaim = { id: job.id, attempts: job.attempts };
    const jobLog = log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    const heartbeat = setInterval(() => {
      renewLease(db, claim, new Date(now().getTime() + leaseMs)).catch((error) =>
        jobLog.warn({ err: error }, 'renewing the job lease failed'),
      );
    }, leaseMs / 3);
    heartbeat.unref();
    let outcome: Outcome = { failed: false };
    let done: JobDone | undefined;
    try {
      done = await runHandler(job, jobLog);
    } catch (error) {
      // Whatever was thrown, even undefined, is a failure.
      outcome = { failed: true, error };
    } finally {
      clearInterval(heartbeat);
    }
    // The outcome must not crash the runner: if it cannot be recorded (database down), the
    // lease runs out and the attempt counts as failed (`endExpiredLeases`), retried after its
    // backoff: the at-least-once we promise, never a tight loop.
    try {
      await recordOutcome(job, claim, outcome, jobLog, done);
    } catch (error) {
      jobLog.error({ err: error }, 'recording the job outcome failed; it is retried after its lease and backoff');
    }
  }

  async function runHandler(job: JobRow, jobLog: Logger): Promise<JobDone | undefined> {
    const schema = kinds[job.kind];
    const handler = handlers[job.kind];
    if (!schema || !handler) throw new PermanentJobError(`No handler for job kind "${job.kind}"`);
    const parsed = schema.safeParse(job.payload);
    if (!parsed.success) {
      throw new PermanentJobError(`The payload does not match "${job.kind}": ${z.prettifyError(parsed.error)}`);
    }
    const { id, kind, attempts, maxAttempts, dedupeKey } = job;
    const done = await handler(parsed.data, { job: { id, kind, attempts, maxAttempts, dedupeKey }, log: jobLog, now });
    return done || undefined;
  }

  async function recordOutcome(
    job: JobRow,
    claim: JobClaim,
    outcome: Outcome,
    jobLog: Logger,
    done: JobDone | undefined,
  ): Promise<void> {
    const finishedAt = now();
    if (!outcome.failed) {
      const owned = await markJobDone(db, claim, finishedAt, done?.payloadAfterDone);
      if (!owned) jobLog.warn('job finished after its lease had run out');
      return;
    }
    const failure = outcome.error;
    const final = failure instanceof PermanentJobError || job.attempts >= job.maxAttempts;
    const retryAt = final ? null : new Date(finishedAt.getTime() + retryDelayMs(job.attempts));
    const owned = await markJobFailed(db, claim, { error: describeError(failure), retryAt, now: finishedAt });
    if (!owned) jobLog.warn({ err: failure }, 'job failed after its lease had run out');
    else if (retryAt) jobLog.warn({ err: failure, retryAt }, 'job failed; it will be retried');
    else jobLog.error({ err: failure }, 'job failed for good');
  }

  function schedule(delayMs: number) {
    clearTimeout(timer);
    timer = setTimeout(poll, delayMs);
  }

  function poll() {
    timer = undefined;
    if (!running) return;
    if (polling) {
      wakeRequested = true;
      return;
    }
    wakeRequested = false;
    polling = claimAndStart()
      .then(
        () => {
          failedPolls = 0;
        },
        (error) => {
          failedPolls++;
          log.error({ err: error, nextPollMs: nextPollMs() }, 'claiming due jobs failed');
        },
      )
      .finally(() => {
        polling = undefined;
        if (running) schedule(wakeRequested && failedPolls === 0 ? 0 : nextPollMs());
      });
  }

  function nextPollMs(): number {
    if (failedPolls === 0) return pollIntervalMs;
    return Math.min(pollIntervalMs * 2 ** failedPolls, Math.max(pollIntervalMs, FAILING_POLL_MAX_MS));
  }

  /** A finished job frees a slot: look for more work now rather than at the next tick (unless polls are failing). */
  function wake() {
    if (!running || failedPolls > 0) return;
    if (polling) wakeRequested = true;
    else schedule(0);
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      timer = undefined;
      await polling;
      await Promise.all([...inFlight]);
    },
    async runDueJobs() {
      const started = await claimAndStart();
      await Promise.all(started);
      return started.length;
    },
  };
}

type Outcome = { failed: false } | { failed: true; error: unknown };

/**
 * The failure in words the jobs table can always store: recording it must not fail, or the
 * attempt would end only with its lease. PostgreSQL text cannot hold NUL, some values cannot
 * even be turned into a string, and the values a failed query was given are left out (they may
 * be secrets).
 */
function describeError(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    text = 'a failure that cannot be described';
  }
  return withoutQueryValues(text, error).replaceAll('\u0000', '\uFFFD').slice(0, LAST_ERROR_MAX_CHARS);
}
