import { fstatSync } from 'node:fs';
import { DisconnectReason, dispose, Room, RoomEvent } from '@livekit/rtc-node';
import { AAC_PRIMING_SAMPLES, classifyFfmpegExit, type Encoder, startEncoder } from './ffmpeg.ts';
import {
  RECORDER_CONFIG_VARIABLE,
  type RecorderConfig,
  type RecorderEvent,
  type RecorderFailure,
  recorderConfigSchema,
} from './protocol.ts';
import { createRecording, SAMPLE_RATE, TICK_MS } from './recording.ts';
import { followRoomTracks } from './room-tracks.ts';
import { redactor, streamRetryDelaySeconds } from './stream-retry.ts';

/**
 * The recorder child process (started by spawn.ts): joins one room as a hidden participant,
 * records it into a fragmented MP4 through ffmpeg, and reports on stdout as JSON lines
 * (protocol.ts). It stops cleanly, finishing the file, on SIGTERM or SIGINT, when the room goes
 * away (the session ended), or when the server that started it is gone; it exits 1 after a
 * `failed` event. Its own process group holds ffmpeg too, so killing the group leaves nothing.
 *
 * It reads its configuration from the environment itself: it is a process of its own, with no
 * server config.ts to ask.
 */

const STATS_EVERY_MS = 5_000;

/** Why a recorder may be disconnected without anything having gone wrong. */
const ENDED_BY_THE_ROOM: ReadonlySet<DisconnectReason> = new Set([
  DisconnectReason.CLIENT_INITIATED,
  DisconnectReason.ROOM_DELETED,
  DisconnectReason.ROOM_CLOSED,
  DisconnectReason.PARTICIPANT_REMOVED,
  DisconnectReason.DUPLICATE_IDENTITY,
]);
/** Leaving the room and releasing rtc-node get this long; the file is complete before either. */
const CLEANUP_TIMEOUT_MS = 5_000;

function emit(event: RecorderEvent): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function readConfig(): RecorderConfig | undefined {
  const raw = process.env[RECORDER_CONFIG_VARIABLE];
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    return undefined;
  }
  const parsed = recorderConfigSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

async function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** spawn.ts gives the recorder a pipe as stdin; it ends when the server's process does. */
function stdinIsParentPipe(): boolean {
  const stat = fstatSync(0);
  return stat.isFIFO() || stat.isSocket();
}

async function record(config: RecorderConfig): Promise<never> {
  const room = new Room();
  let encoder: Encoder | undefined;
  const streaming = config.format === 'flv';
  const redact = redactor(config.redact);
  const recording = createRecording({
    width: config.width,
    height: config.height,
    fps: config.fps,
    now: () => performance.now(),
    encoderDelaySamples: AAC_PRIMING_SAMPLES,
    sinks: {
      writeVideo: (frame, written) => {
        // Between a stream's attempts there is no ffmpeg: the frame is let go at once, so the
        // frame buffers stay free and the next attempt starts with a fresh picture.
        if (!encoder) written();
        else encoder.video.write(frame, written);
      },
      writeAudio: (samples) => encoder?.audio.write(samples),
    },
  });
  const tracks = followRoomTracks(room, recording);
  const timers: NodeJS.Timeout[] = [];
  let ending = false;
  /** A stream's failed attempts since it was last live. */
  let failures = 0;

  /** Leaves the room and releases rtc-node, then exits; the outcome was reported before. */
  const leave = async (code: number): Promise<never> => {
    for (const timer of timers) clearInterval(timer);
    await withTimeout(
      (async () => {
        await tracks.stop();
        if (room.isConnected) await room.disconnect();
        await dispose();
      })(),
      CLEANUP_TIMEOUT_MS,
    );
    process.exit(code);
  };

  const fail = (failure: RecorderFailure, detail: string): Promise<never> => {
    ending = true;
    emit({ event: 'failed', failure, detail });
    return leave(1);
  };

  /** Finishes the file up to now; `lost` says the media server went away under it (a partial part). */
  const stop = async (lost?: string): Promise<void> => {
    if (ending) return;
    ending = true;
    for (const timer of timers) clearInterval(timer);
    if (streaming) {
      // A stream has no file to finish: how its ffmpeg ends says nothing about the room.
      recording.finish();
      await withTimeout(encoder?.finish() ?? Promise.resolve(), CLEANUP_TIMEOUT_MS);
      // Still connecting (ffmpeg reads nothing until the destination answers): not left behind.
      encoder?.kill();
      emit({ event: 'stopped', mediaSeconds: recording.stats().mediaSeconds });
      return leave(0);
    }
    if (encoder) {
      // Catch up to now, so the file ends when the stop came.
      recording.finish();
      const problem = classifyFfmpegExit(await encoder.finish());
      if (problem) {
        emit({ event: 'failed', ...problem });
        await leave(1);
      }
    }
    if (lost) {
      emit({ event: 'failed', failure: 'interrupted', detail: lost });
      await leave(1);
    }
    emit({ event: 'stopped', mediaSeconds: recording.stats().mediaSeconds });
    await leave(0);
  };

  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // The room closed (the session ended) or we were let go: a stop. Anything else is the media
  // server lost under us (its node died, and rtc-node could not resume): the part ends here, and
  // the server starts the next one once the room is back on a node that answers.
  room.on(
    RoomEvent.Disconnected,
    (reason) =>
      void stop(ENDED_BY_THE_ROOM.has(reason) ? undefined : `lost the media server (${DisconnectReason[reason]})`),
  );
  if (stdinIsParentPipe()) {
    process.stdin.on('end', () => void stop());
    process.stdin.resume();
    // With the server gone, nobody reads the events: the file is what is left to finish.
    process.stdout.on('error', () => {});
  }

  try {
    await room.connect(config.url, config.token, { autoSubscribe: true, dynacast: false });
  } catch (error) {
    return fail('recorder_crashed', `could not join the room: ${(error as Error).message}`);
  }
  // Stopped while joining: stop() is already on its way out.
  if (ending) return new Promise<never>(() => {});
  emit({ event: 'connected' });

  const settings = {
    output: config.output,
    format: config.format,
    width: config.width,
    height: config.height,
    fps: config.fps,
    sampleRate: SAMPLE_RATE,
  };
  const onStderr = (line: string) => process.stderr.write(`ffmpeg: ${redact(line)}\n`);
  if (streaming) {
    startStreamAttempt();
  } else {
    encoder = startEncoder(config.ffmpeg, settings, { onStderr });
    void encoder.exited.then((exit) => {
      if (ending) return;
      const problem = classifyFfmpegExit(exit) ?? {
        failure: 'ffmpeg_failed',
        detail: 'ffmpeg ended before its input did',
      };
      void fail(problem.failure, problem.detail);
    });
  }
  const mediaAt = recording.start();
  emit({ event: 'media', at: mediaAt.toISOString() });
  timers.push(setInterval(recording.tick, TICK_MS));
  timers.push(
    setInterval(() => {
      const progress = encoder?.progress;
      emit({
        event: 'stats',
        ...recording.stats(),
        bytes: progress?.bytes ?? null,
        encodedSeconds: progress?.encodedSeconds ?? null,
        speed: progress?.speed ?? null,
      });
    }, STATS_EVERY_MS),
  );
  // Nothing left to await: the process ends in stop() or fail().
  return new Promise<never>(() => {});

  /**
   * One attempt at the stream: connecting until ffmpeg's first progress report (it has opened
   * the destination and written to it), then live. When ffmpeg ends (refused, the server went
   * away, no answer within its timeout) the stream has failed with ffmpeg's last words, and the
   * next attempt starts after a backoff; the room, and whatever else records it, go on.
   */
  function startStreamAttempt(): void {
    const attempt = startEncoder(config.ffmpeg, settings, {
      onStderr,
      onProgress: (progress) => {
        if (live || ending || !progress.encodedSeconds) return;
        live = true;
        failures = 0;
        emit({ event: 'stream', state: 'live', detail: null, retryInSeconds: null });
      },
    });
    encoder = attempt;
    let live = false;
    emit({ event: 'stream', state: 'connecting', detail: null, retryInSeconds: null });
    void attempt.exited.then((exit) => {
      if (ending) return;
      encoder = undefined;
      failures += 1;
      const lastWords = exit.stderr.trim().split('\n').slice(-1)[0]?.trim();
      const detail = redact(
        lastWords || (exit.code === 0 ? 'the stream ended' : `ffmpeg exited with code ${exit.code}`),
      );
      emit({ event: 'stream', state: 'failed', detail, retryInSeconds: null });
      const delay = streamRetryDelaySeconds(failures);
      emit({ event: 'stream', state: 'retrying', detail, retryInSeconds: delay });
      const timer = setTimeout(() => {
        if (!ending) startStreamAttempt();
      }, delay * 1_000);
      timers.push(timer);
    });
  }
}

let crashed = false;
const crash = (error: unknown) => {
  if (crashed) return;
  crashed = true;
  emit({
    event: 'failed',
    failure: 'recorder_crashed',
    detail: error instanceof Error ? error.message : String(error),
  });
  // ffmpeg is in our process group and would be left reading nothing; closing our end of its
  // pipes (by exiting) lets it finish the file by itself.
  process.exit(1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

const config = readConfig();
if (!config) {
  emit({
    event: 'failed',
    failure: 'recorder_crashed',
    detail: `${RECORDER_CONFIG_VARIABLE} is missing or not a valid recorder configuration`,
  });
  process.exit(1);
}
await record(config);
