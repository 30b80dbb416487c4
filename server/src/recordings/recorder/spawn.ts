import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { OutputFormat } from './ffmpeg.ts';
import {
  parseRecorderEvent,
  RECORDER_CONFIG_VARIABLE,
  type RecorderConfig,
  type RecorderEvent,
  type RecorderFailure,
} from './protocol.ts';

/**
 * Starts the recorder (main.ts) as a child process in its own process group, so that killing
 * the group takes its ffmpeg along, and turns its stdout into typed events and its exit into
 * one outcome.
 */

export type { RecorderEvent, RecorderFailure } from './protocol.ts';
export { recorderEventSchema } from './protocol.ts';

export const DEFAULT_RECORDING_SIZE = { width: 1280, height: 720, fps: 15 } as const;
const DEFAULT_STOP_TIMEOUT_MS = 15_000;

export interface RecorderOptions {
  url: string;
  token: string;
  output: string;
  /** `flv` streams to `output` (an rtmp(s):// address) and retries when it fails; `mp4` by default. */
  format?: OutputFormat;
  /** Secrets no event or log line of the recorder may carry. */
  redact?: string[];
  width?: number;
  height?: number;
  fps?: number;
  ffmpeg: string;
  log?: Pick<Logger, 'debug' | 'warn'>;
}

export interface RecorderExit {
  code: number | null;
  signal: string | null;
  /** Unset when the recorder stopped as asked (or was stopped by `stop()` or `kill()`). */
  failure?: RecorderFailure;
  detail?: string;
}

export interface RecorderProcess {
  pid: number;
  /** Calls `listener` with every event from now on; returns the unsubscribe. */
  onEvent(listener: (event: RecorderEvent) => void): () => void;
  /**
   * Asks the recorder to finish the file (SIGTERM) and waits; after `timeoutMs` the whole group
   * is killed (the file then ends at its last complete fragment).
   */
  stop(timeoutMs?: number): Promise<RecorderExit>;
  /** Kills the recorder and its ffmpeg at once. */
  kill(): void;
  exited: Promise<RecorderExit>;
}

const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));

export function spawnRecorder(options: RecorderOptions): RecorderProcess {
  const config: RecorderConfig = {
    url: options.url,
    token: options.token,
    output: options.output,
    format: options.format ?? 'mp4',
    redact: options.redact ?? [],
    width: options.width ?? DEFAULT_RECORDING_SIZE.width,
    height: options.height ?? DEFAULT_RECORDING_SIZE.height,
    fps: options.fps ?? DEFAULT_RECORDING_SIZE.fps,
    ffmpeg: options.ffmpeg,
  };
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), mainPath], {
    detached: true,
    // stdin stays open and unused: the recorder stops when it ends, i.e. when this process is gone.
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, [RECORDER_CONFIG_VARIABLE]: JSON.stringify(config) },
  });
  const { log } = options;
  // Without a listener, a failed spawn's "error" event would end the server.
  child.on('error', (error) => log?.warn({ err: error }, 'recorder process error'));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`The recorder could not be started with ${process.execPath}.`);
  const listeners = new Set<(event: RecorderEvent) => void>();
  let reportedFailure: { failure: RecorderFailure; detail: string } | undefined;
  /** What we did to it, so that its death by our hand is not a crash. */
  let ended: 'stopped' | 'killed' | undefined;
  let stopping: Promise<RecorderExit> | undefined;

  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = parseRecorderEvent(line);
    if (!event) {
      if (line.trim()) log?.debug({ recorderPid: pid }, line);
      return;
    }
    if (event.event === 'failed') reportedFailure = { failure: event.failure, detail: event.detail };
    for (const listener of listeners) listener(event);
  });
  createInterface({ input: child.stderr }).on('line', (line) => log?.debug({ recorderPid: pid }, line));

  const exited = new Promise<RecorderExit>((resolve) => {
    child.once('close', (code, signal) => {
      const exit: RecorderExit = { code, signal };
      if (reportedFailure) {
        Object.assign(exit, reportedFailure);
      } else if (signal && ended) {
        exit.detail = ended === 'killed' ? 'killed' : `did not stop in time: killed with ${signal}`;
      } else if (signal || code !== 0) {
        exit.failure = 'recorder_crashed';
        exit.detail = signal ? `the recorder was killed by ${signal}` : `the recorder exited with code ${code}`;
      }
      if (exit.failure) log?.warn({ recorderPid: pid, ...exit }, 'recorder failed');
      resolve(exit);
    });
  });

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch (error) {
      // The group is gone already: nothing left to end.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };

  return {
    pid,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop(timeoutMs = DEFAULT_STOP_TIMEOUT_MS) {
      if (hasExited(child)) return exited;
      // Asking again (a heartbeat that still sees "stopping") waits for the first request.
      stopping ??= (async () => {
        ended ??= 'stopped';
        // The recorder alone: it ends ffmpeg's input itself, so ffmpeg writes the file to the end.
        child.kill('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), timeoutMs);
        const exit = await exited;
        clearTimeout(timer);
        return exit;
      })();
      return stopping;
    },
    kill() {
      ended = 'killed';
      signalGroup('SIGKILL');
    },
    exited,
  };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}
