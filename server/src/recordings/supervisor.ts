import type { RecordingFailure } from '@serambi/shared';
import { eq, inArray } from 'drizzle-orm';
import { LIVEKIT_TOKEN_TTL_SECONDS } from '../room/deps.ts';
import { stageRoomName } from '../room/events.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { sessionById } from '../sessions/service.ts';
import type { RecordingDeps } from './deps.ts';
import { createHeartbeat } from './heartbeat.ts';
import { type RecorderProcess, spawnRecorder } from './recorder/spawn.ts';
import { type RecordingRow, recordings } from './schema.ts';
import { recordingKeys } from './store.ts';

/**
 * The built-in recorders this instance runs, one child process per recording (a crash of one
 * takes neither the server nor the live session with it). Every couple of seconds it tells the
 * database its recorders are alive and picks up stop requests made through other instances.
 */
export interface RecorderSupervisor {
  /** Spawns the recorder of a new recording; resolves once the process runs. */
  launch(row: RecordingRow): Promise<void>;
  isRunning(recordingId: string): boolean;
  /** Asks a recorder to finish its file and exit. */
  stop(recordingId: string): void;
  /** The recorder's process id (its ffmpeg runs in the same process group), for tests and benches. */
  pidOf(recordingId: string): number | undefined;
  /** Starts the heartbeat and housekeeping timer. */
  start(): void;
  /** Stops every recorder gracefully (their files are finished) and the timer. */
  stopAll(): Promise<void>;
}

/** What the recorders' lives change in the recordings (the service's functions, given when the supervisor is built). */
export interface RecorderReports {
  /** A recorder's first media arrived, stamped by our clock. */
  mediaStarted(recordingId: string, at: Date): Promise<void>;
  /** A recorder exited: its capture ended, and how. */
  ended(recordingId: string, outcome: { failure?: RecordingFailure; detail?: string }): Promise<void>;
  /** Housekeeping: stale recorders, retention. */
  maintain(): Promise<void>;
  /** Starts the next part of a live session's recording (after a part ended with the media server). */
  startNextPart(session: SessionRow): Promise<{ id: string }>;
}

type SupervisorDeps = Pick<RecordingDeps, 'db' | 'livekit' | 'store' | 'config' | 'log' | 'now'>;

const HEARTBEAT_MS = 2_000;
/** Housekeeping (stale recorders, retention) every this many heartbeats. */
const MAINTENANCE_EVERY = 15;
const STOP_TIMEOUT_MS = 20_000;
/** After a recorder lost the media server: how often, and how many times, to try starting the next part. */
const NEXT_PART_RETRY_MS = 2_000;
const NEXT_PART_ATTEMPTS = 30;

export function createRecorderSupervisor(deps: SupervisorDeps, reports: RecorderReports): RecorderSupervisor {
  const running = new Map<string, RecorderProcess>();
  /** Each recorder's exit handling (closing its recording), awaited at shutdown. */
  const closing = new Set<Promise<void>>();
  let beats = 0;
  let stopping = false;

  /**
   * A recorder lost the media server (its LiveKit node died): its part ended as it was. While the
   * session is live, the next part starts once the stage room is back, on a node that answers
   * (LiveKit places it again a few seconds after the node stops reporting).
   */
  const nextPartAfterInterruption = async (sessionId: string) => {
    for (let attempt = 1; attempt <= NEXT_PART_ATTEMPTS && !stopping; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, NEXT_PART_RETRY_MS).unref());
      if (stopping) return;
      const session = await sessionById(deps.db, sessionId);
      if (session?.status !== 'live') return;
      try {
        await deps.livekit.ensureRoom(stageRoomName(sessionId));
        const next = await reports.startNextPart(session);
        deps.log.info({ recording: next.id, attempt }, 'next recording part started');
        return;
      } catch (error) {
        deps.log.warn({ err: error, sessionId, attempt }, 'next recording part not started yet');
      }
    }
  };

  const heartbeat = async () => {
    const ids = [...running.keys()];
    if (ids.length > 0) {
      const rows = await deps.db
        .update(recordings)
        .set({ heartbeatAt: deps.now() })
        .where(inArray(recordings.id, ids))
        .returning({ id: recordings.id, status: recordings.status });
      for (const row of rows) if (row.status === 'stopping') running.get(row.id)?.stop(STOP_TIMEOUT_MS);
    }
    beats += 1;
    if (beats % MAINTENANCE_EVERY === 0) await reports.maintain();
  };

  const beating = createHeartbeat(heartbeat, HEARTBEAT_MS, (error) =>
    deps.log.error({ err: error }, 'recording heartbeat failed'),
  );

  return {
    async launch(row) {
      const keys = recordingKeys(row.sessionId, row.id);
      const output = await deps.store.scratchPath(keys.raw);
      await deps.db.update(recordings).set({ rawKey: keys.raw }).where(eq(recordings.id, row.id));
      const token = await deps.livekit.mintRecorderToken(
        stageRoomName(row.sessionId),
        `recorder-${row.id}`,
        LIVEKIT_TOKEN_TTL_SECONDS,
      );
      const log = deps.log.child({ recording: row.id });
      const recorder = spawnRecorder({ url: deps.livekit.url, token, output, ffmpeg: deps.config.ffmpeg, log });
      running.set(row.id, recorder);
      recorder.onEvent((event) => {
        if (event.event === 'media') {
          // Stamped by our clock as it arrives (milliseconds after the recorder's own, which is
          // the machine's), as egress's start is: the chapters it lines up with are on our clock.
          reports
            .mediaStarted(row.id, deps.now())
            .catch((error) => log.error({ err: error }, 'could not mark the recording as running'));
        }
      });
      const closed = recorder.exited
        .then(async (exit) => {
          running.delete(row.id);
          log.info({ exit }, 'recorder exited');
          await reports.ended(row.id, exit.failure ? { failure: exit.failure, detail: exit.detail } : {});
          if (exit.failure === 'interrupted') void nextPartAfterInterruption(row.sessionId);
        })
        // The heartbeat has stopped, so housekeeping closes it as interrupted later.
        .catch((error) => log.error({ err: error }, 'could not close the recording after its recorder exited'))
        .finally(() => closing.delete(closed));
      closing.add(closed);
    },
    isRunning: (recordingId) => running.has(recordingId),
    stop(recordingId) {
      running.get(recordingId)?.stop(STOP_TIMEOUT_MS);
    },
    pidOf: (recordingId) => running.get(recordingId)?.pid,
    start: beating.start,
    async stopAll() {
      stopping = true;
      await beating.stop();
      for (const recorder of running.values()) void recorder.stop(STOP_TIMEOUT_MS);
      await Promise.allSettled([...closing]);
    },
  };
}
