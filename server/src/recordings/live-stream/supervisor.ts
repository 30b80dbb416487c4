import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { LIVEKIT_TOKEN_TTL_SECONDS } from '../../room/deps.ts';
import { stageRoomName } from '../../room/events.ts';
import type { RecordingDeps } from '../deps.ts';
import { createHeartbeat } from '../heartbeat.ts';
import type { StreamerState } from '../recorder/protocol.ts';
import { type RecorderExit, type RecorderProcess, spawnRecorder } from '../recorder/spawn.ts';
import { type LiveStreamRow, liveStreams } from '../schema.ts';
import { publishUrl } from './destination.ts';
import type { StreamKeyCipher } from './key-cipher.ts';

/**
 * The live streams this instance runs: one streamer per session, a recorder child process in
 * its `flv` mode (the same room subscription, director layout and encoder settings as a
 * recording, published to the RTMP destination). It is a process of its own, beside the
 * recording's: a destination that refuses or goes away makes the streamer retry, never touches
 * the recording, and a crash of it takes neither the server nor the room along.
 */
export interface StreamerSupervisor {
  /** Starts the session's streamer (a running one is kept). */
  launch(row: LiveStreamRow): Promise<void>;
  /** Stops the session's streamer, if this instance runs it. */
  stop(sessionId: string): void;
  /** The streamer's process id (its ffmpeg is in the same group), for tests and benches. */
  pidOf(sessionId: string): number | undefined;
  /** Starts the heartbeat: stops asked for through another instance, streamers to start again. */
  start(): void;
  stopAll(): Promise<void>;
}

/** What the streamers' lives change (the service's functions, given when the supervisor is built). */
export interface StreamerReports {
  state(
    sessionId: string,
    report: { state: StreamerState; detail: string | null; retryInSeconds: number | null },
  ): Promise<void>;
  /** The streamer exited while its stream was still wanted (it crashed, or lost the room). */
  exited(sessionId: string, exit: RecorderExit): Promise<void>;
  /** Whether the session is still live (a streamer outlives no session). */
  isLive(sessionId: string): Promise<boolean>;
}

type SupervisorDeps = Pick<RecordingDeps, 'db' | 'livekit' | 'config' | 'log' | 'now' | 'instance'> & {
  keys: () => Promise<StreamKeyCipher>;
};

const HEARTBEAT_MS = 2_000;
const STOP_TIMEOUT_MS = 10_000;

export function createStreamerSupervisor(deps: SupervisorDeps, reports: StreamerReports): StreamerSupervisor {
  const running = new Map<string, RecorderProcess>();
  const closing = new Set<Promise<void>>();
  let stopping = false;

  const launch = async (row: LiveStreamRow) => {
    if (running.has(row.sessionId) || stopping) return;
    const cipher = await deps.keys();
    const key = row.keyCiphertext ? cipher.open(row.keyCiphertext, row.sessionId) : undefined;
    if (!row.address || key === undefined) {
      await reports.state(row.sessionId, {
        state: 'failed',
        detail: 'the stream key could not be read: save the destination again',
        retryInSeconds: null,
      });
      return;
    }
    const identity = `streamer-${randomUUID()}`;
    const token = await deps.livekit.mintRecorderToken(
      stageRoomName(row.sessionId),
      identity,
      LIVEKIT_TOKEN_TTL_SECONDS,
    );
    const log = deps.log.child({ stream: row.sessionId });
    const streamer = spawnRecorder({
      url: deps.livekit.url,
      token,
      output: publishUrl(row.address, key),
      format: 'flv',
      redact: [key],
      ffmpeg: deps.config.ffmpeg,
      log,
    });
    running.set(row.sessionId, streamer);
    streamer.onEvent((event) => {
      if (event.event !== 'stream') return;
      log.info({ state: event.state, detail: event.detail }, 'live stream state');
      reports
        .state(row.sessionId, { state: event.state, detail: event.detail, retryInSeconds: event.retryInSeconds })
        .catch((error) => log.error({ err: error }, 'could not record the live stream’s state'));
    });
    const closed = streamer.exited
      .then(async (exit) => {
        if (running.get(row.sessionId) === streamer) running.delete(row.sessionId);
        log.info({ exit }, 'streamer exited');
        if (!stopping) await reports.exited(row.sessionId, exit);
      })
      .catch((error) => log.error({ err: error }, 'could not close the live stream after its streamer exited'))
      .finally(() => closing.delete(closed));
    closing.add(closed);
  };

  /** Streams this instance owns: stops asked for elsewhere end here; a wanted one that is not running starts again. */
  const heartbeat = async () => {
    const rows = await deps.db
      .update(liveStreams)
      .set({ heartbeatAt: deps.now() })
      .where(and(eq(liveStreams.owner, deps.instance), eq(liveStreams.wanted, true)))
      .returning();
    const wanted = new Set(rows.map((row) => row.sessionId));
    for (const [sessionId, streamer] of running) if (!wanted.has(sessionId)) void streamer.stop(STOP_TIMEOUT_MS);
    for (const row of rows) {
      if (running.has(row.sessionId) || stopping) continue;
      if (await reports.isLive(row.sessionId)) await launch(row);
    }
  };

  const beating = createHeartbeat(heartbeat, HEARTBEAT_MS, (error) =>
    deps.log.error({ err: error }, 'live stream heartbeat failed'),
  );

  return {
    launch,
    stop(sessionId) {
      void running.get(sessionId)?.stop(STOP_TIMEOUT_MS);
    },
    pidOf: (sessionId) => running.get(sessionId)?.pid,
    start: beating.start,
    async stopAll() {
      stopping = true;
      await beating.stop();
      for (const streamer of running.values()) void streamer.stop(STOP_TIMEOUT_MS);
      await Promise.allSettled([...closing]);
      // This instance's streams end with it: nobody would be left to say so.
      await deps.db
        .update(liveStreams)
        .set({ wanted: false, state: 'stopped', reason: null, retryInSeconds: null, stateAt: deps.now(), owner: null })
        .where(eq(liveStreams.owner, deps.instance));
    },
  };
}
