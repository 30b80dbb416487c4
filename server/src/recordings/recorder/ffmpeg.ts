import { type ExecFileException, execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { RecorderFailure } from './protocol.ts';

/**
 * The encoder: Debian's ffmpeg reading raw I420 frames on stdin and mono s16le audio on fd 3,
 * writing H.264/AAC as fragmented MP4. Each fragment (one per 2 s keyframe) is complete on disk
 * once written, so a recorder killed mid-way leaves a file that plays up to its last fragment.
 */

export interface EncodeSettings {
  /** The file to write, or (format `flv`) the rtmp(s):// address to publish to. */
  output: string;
  /** `mp4`: the recording's fragmented file; `flv`: a live stream to an RTMP server. */
  format?: OutputFormat;
  width: number;
  height: number;
  fps: number;
  sampleRate: number;
}

/** Seconds between keyframes, so also the longest stretch a killed recorder can lose. */
export const KEYFRAME_SECONDS = 2;

/**
 * ffmpeg's AAC encoder starts its output with this many samples of its own (priming), and a
 * fragmented MP4 has no edit list to hide them: a player would hear everything this much late.
 */
export const AAC_PRIMING_SAMPLES = 1_024;

export const OUTPUT_FORMATS = ['mp4', 'flv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** How long a live stream's connection may stay silent (connecting, or writing) before ffmpeg gives up. */
const STREAM_TIMEOUT_US = 10_000_000;

export function ffmpegArgs(settings: EncodeSettings): string[] {
  const gop = String(settings.fps * KEYFRAME_SECONDS);
  const stream = settings.format === 'flv';
  return [
    ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning'],
    // A stream reports sooner: its first progress says it is live.
    ...['-progress', 'pipe:1', '-stats_period', stream ? '1' : '2'],
    // Raw input has no timestamps: frame n is at n/fps and sample n at n/rate, which is what the
    // recorder's single clock counts out.
    ...['-thread_queue_size', '16', '-f', 'rawvideo', '-pix_fmt', 'yuv420p'],
    ...['-video_size', `${settings.width}x${settings.height}`, '-framerate', String(settings.fps), '-i', 'pipe:0'],
    ...['-thread_queue_size', '256', '-f', 's16le', '-ar', String(settings.sampleRate), '-ac', '1', '-i', 'pipe:3'],
    ...['-map', '0:v:0', '-map', '1:a:0'],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-crf', '23'],
    ...['-g', gop, '-keyint_min', gop, '-sc_threshold', '0'],
    // No B-frames: they would make the first picture start a few frames late in a fragmented MP4
    // (no edit list to shift it back), and hold each fragment back by as many frames.
    ...['-bf', '0'],
    ...(stream ? streamOutputArgs(settings.output) : fileOutputArgs(settings.output)),
  ];
}

function fileOutputArgs(output: string): string[] {
  return [
    ...['-c:a', 'aac', '-b:a', '96k'],
    // A fragment per keyframe, flushed as soon as it is written, so a kill loses at most the last one.
    ...['-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-flush_packets', '1'],
    ...['-f', 'mp4', '-y', output],
  ];
}

/**
 * The same picture as the file, capped for a live ingest (YouTube asks for a steady bitrate and
 * keyframes every 2 s), stereo AAC, and a timeout so a destination that stops answering ends
 * this ffmpeg (the streamer then retries) instead of holding it forever.
 */
function streamOutputArgs(output: string): string[] {
  return [
    ...['-maxrate', '3000k', '-bufsize', '6000k'],
    ...['-c:a', 'aac', '-b:a', '128k', '-ac', '2'],
    ...['-rw_timeout', String(STREAM_TIMEOUT_US)],
    ...['-f', 'flv', '-flvflags', 'no_duration_filesize', output],
  ];
}

export type FfmpegCheck = { ok: true; version: string } | { ok: false; message: string };

const CHECK_TIMEOUT_MS = 10_000;

/**
 * Whether `path` runs as an ffmpeg that can encode what the recorder writes: its version, or a
 * sentence an organizer can act on.
 */
export async function checkFfmpeg(path: string): Promise<FfmpegCheck> {
  const run = (args: string[]) =>
    new Promise<{ stdout: string; error: ExecFileException | null }>((resolve) => {
      execFile(path, args, { timeout: CHECK_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) =>
        resolve({ stdout, error }),
      );
    });
  const version = await run(['-hide_banner', '-version']);
  if (version.error) {
    if (version.error.code === 'ENOENT') return { ok: false, message: `ffmpeg was not found at "${path}".` };
    if (version.error.code === 'EACCES') return { ok: false, message: `ffmpeg at "${path}" may not be run (EACCES).` };
    return { ok: false, message: `ffmpeg at "${path}" did not run: ${version.error.message}` };
  }
  const named = /^ffmpeg version (\S+)/m.exec(version.stdout);
  if (!named?.[1]) return { ok: false, message: `"${path}" does not answer "-version" like ffmpeg does.` };
  const encoders = await run(['-hide_banner', '-encoders']);
  const missing = ['libx264', 'aac'].filter(
    (name) => !new RegExp(`^\\s*\\S+\\s+${name}\\s`, 'm').test(encoders.stdout),
  );
  if (encoders.error || missing.length > 0) {
    return { ok: false, message: `ffmpeg ${named[1]} at "${path}" lacks the ${missing.join(' and ')} encoder.` };
  }
  return { ok: true, version: named[1] };
}

export type FfmpegFailure = Extract<RecorderFailure, 'disk_full' | 'ffmpeg_failed'>;

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The end of what ffmpeg wrote to stderr (or why it could not start). */
  stderr: string;
}

const DISK_FULL = /No space left on device|ENOSPC|Disk quota exceeded|EDQUOT|File too large/i;

/** Why an ffmpeg run failed, or undefined when it finished cleanly. */
export function classifyFfmpegExit(exit: FfmpegExit): { failure: FfmpegFailure; detail: string } | undefined {
  if (exit.code === 0) return undefined;
  const lastLines = exit.stderr.trim().split('\n').slice(-3).join(' | ');
  const how = exit.signal ? `ffmpeg was killed by ${exit.signal}` : `ffmpeg exited with code ${exit.code}`;
  const detail = lastLines ? `${how}: ${lastLines}` : how;
  return { failure: DISK_FULL.test(exit.stderr) ? 'disk_full' : 'ffmpeg_failed', detail };
}

export interface FfmpegProgress {
  /** Bytes written to the output so far. */
  bytes: number | null;
  /** Media encoded so far, in seconds. */
  encodedSeconds: number | null;
  /** Encoding speed relative to real time. */
  speed: number | null;
}

export interface Encoder {
  readonly pid: number | undefined;
  /** Raw I420 canvas frames, in order. */
  readonly video: Writable;
  /** Mono s16le samples at the settings' rate. */
  readonly audio: Writable;
  readonly progress: FfmpegProgress;
  /** Resolves once ffmpeg has exited and its stderr is read, whoever ended it. */
  readonly exited: Promise<FfmpegExit>;
  /** Ends both inputs: ffmpeg encodes what it has, closes the file and exits. */
  finish(): Promise<FfmpegExit>;
  /** Ends ffmpeg at once (a stream that is still connecting reads no input to end). */
  kill(): void;
}

const STDERR_KEPT = 16 * 1024;

export function startEncoder(
  ffmpeg: string,
  settings: EncodeSettings,
  options: { onStderr?: (line: string) => void; onProgress?: (progress: FfmpegProgress) => void } = {},
): Encoder {
  const child = spawn(ffmpeg, ffmpegArgs(settings), { stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
  const video = child.stdin;
  const audio = child.stdio[3] as Writable;
  // Writes after ffmpeg died fail with EPIPE; `exited` reports why it died.
  video.on('error', () => {});
  audio.on('error', () => {});

  const progress: FfmpegProgress = { bytes: null, encodedSeconds: null, speed: null };
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [key, value = ''] = line.split('=', 2);
    if (key === 'total_size' && /^\d+$/.test(value)) progress.bytes = Number(value);
    else if (key === 'out_time_us' && /^\d+$/.test(value)) progress.encodedSeconds = Number(value) / 1e6;
    else if (key === 'speed' && value.endsWith('x')) progress.speed = Number.parseFloat(value) || null;
    // "progress=continue" (or "end") closes each report.
    else if (key === 'progress') options.onProgress?.(progress);
  });

  let stderr = '';
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr = `${stderr}${line}\n`.slice(-STDERR_KEPT);
    options.onStderr?.(line);
  });

  const exited = new Promise<FfmpegExit>((resolve) => {
    child.once('error', (error) => {
      // Not started at all (missing binary): there will be no "close" to wait for.
      if (child.pid === undefined)
        resolve({ code: null, signal: null, stderr: `could not start ffmpeg: ${error.message}` });
    });
    child.once('close', (code, signal) => resolve({ code, signal, stderr }));
  });

  return {
    pid: child.pid,
    video,
    audio,
    progress,
    exited,
    finish() {
      video.end();
      audio.end();
      return exited;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
