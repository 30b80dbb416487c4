import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';

export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

export interface FinishedMedia {
  durationMs: number;
  sizeBytes: number;
}

/** What the file holds, as ffprobe reads it; null when it is not a playable MP4 at all. */
export async function probeMedia(
  tools: MediaTools,
  file: string,
): Promise<{ durationMs: number; video: boolean; audio: boolean } | null> {
  const { code, stdout } = await run(tools.ffprobe, [
    '-v',
    'error',
    '-show_entries',
    'format=duration:stream=codec_type',
    '-of',
    'json',
    file,
  ]);
  if (code !== 0) return null;
  try {
    const parsed = JSON.parse(stdout) as { format?: { duration?: string }; streams?: { codec_type?: string }[] };
    const seconds = Number(parsed.format?.duration);
    const streams = parsed.streams ?? [];
    if (!Number.isFinite(seconds) || seconds <= 0 || streams.length === 0) return null;
    return {
      durationMs: Math.round(seconds * 1000),
      video: streams.some((s) => s.codec_type === 'video'),
      audio: streams.some((s) => s.codec_type === 'audio'),
    };
  } catch {
    return null;
  }
}

/**
 * The finishing steps after capture: the fragmented capture is copied (not re-encoded) into an
 * MP4 with its index at the front ("faststart", so a phone starts playing before the whole file
 * is there and seeks with one Range request), then a poster frame is taken from a third of the
 * way in. `onProgress` gets 0…1. Returns null when the capture holds nothing playable.
 */
export async function finishCapture(
  tools: MediaTools,
  files: { capture: string; media: string; poster: string },
  onProgress: (share: number) => void | Promise<void>,
): Promise<FinishedMedia | null> {
  const captured = await probeMedia(tools, files.capture);
  if (!captured) return finishedBefore(tools, files);
  const remux = await run(
    tools.ffmpeg,
    [
      '-y',
      '-v',
      'error',
      '-nostats',
      '-progress',
      'pipe:1',
      '-i',
      files.capture,
      '-c',
      'copy',
      '-movflags',
      '+faststart',
      files.media,
    ],
    (line) => {
      const match = /^out_time_us=(\d+)/.exec(line);
      if (match) void onProgress(Math.min(0.9, (Number(match[1]) / 1000 / captured.durationMs) * 0.9));
    },
  );
  if (remux.code !== 0) throw new Error(`ffmpeg could not finish the recording: ${remux.stderr.trim().slice(-500)}`);
  const finished = await probeMedia(tools, files.media);
  if (!finished) throw new Error('the finished recording is not readable by ffprobe');
  await onProgress(0.95);
  if (finished.video) {
    // A third of the way in, else the first frame: a seek near the end of a short or sparse
    // capture can land after its last picture, and ffmpeg then writes nothing yet exits 0.
    const third = Math.min(finished.durationMs / 3, 60_000) / 1000;
    for (const at of [third, 0]) {
      if (await takePoster(tools, files.media, files.poster, at)) break;
    }
  }
  const { size } = await stat(files.media);
  return { durationMs: finished.durationMs, sizeBytes: size };
}

/** One frame at `at` seconds as a 640-wide JPEG; false (and no file) when none came out. */
async function takePoster(tools: MediaTools, media: string, poster: string, at: number): Promise<boolean> {
  const taken = await run(tools.ffmpeg, [
    '-y',
    '-v',
    'error',
    '-ss',
    at.toFixed(3),
    '-i',
    media,
    '-frames:v',
    '1',
    '-vf',
    'scale=640:-2',
    '-q:v',
    '4',
    poster,
  ]);
  const written = taken.code === 0 && ((await stat(poster).catch(() => null))?.size ?? 0) > 0;
  // A missing poster is not worth failing the recording for: the player shows the first frame.
  if (!written) await rm(poster, { force: true });
  return written;
}

/**
 * The replay of a capture that is gone: an earlier run finished it, and the database has not
 * heard. That happens after a restore: a backup copies the database first and the files after
 * it, so a recording finished in between comes back "processing", its replay made and its
 * capture removed. Null when there is a capture (unplayable) or no playable replay.
 */
async function finishedBefore(
  tools: MediaTools,
  files: { capture: string; media: string },
): Promise<FinishedMedia | null> {
  if (existsSync(files.capture)) return null;
  const finished = await probeMedia(tools, files.media);
  if (!finished) return null;
  const { size } = await stat(files.media);
  return { durationMs: finished.durationMs, sizeBytes: size };
}

function run(
  command: string,
  args: string[],
  onLine?: (line: string) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!onLine) return;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8_000);
    });
    child.on('error', (error) => resolve({ code: null, stdout, stderr: String(error) }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
