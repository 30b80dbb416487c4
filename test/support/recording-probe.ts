import { execFile } from 'node:child_process';
import { SAMPLE_RATE } from './recording-media.ts';
import type { Rgb } from './synthetic-media.ts';

/**
 * What a recorded MP4 holds, read back through ffprobe and ffmpeg: its streams, its sound and
 * the brightness of its frames, and the marks the publishers of `recording-media.ts` put there
 * (tone bursts, white flashes), found again.
 */

export const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
export const FFPROBE = process.env.FFPROBE_PATH || 'ffprobe';

function run(command: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.toString().trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

export interface ProbedStream {
  codecType: string;
  codecName: string;
  width?: number;
  height?: number;
  /** When the stream's first frame or sample is presented, in seconds. */
  startTime: number;
}

export interface ProbedRecording {
  durationSeconds: number;
  streams: ProbedStream[];
}

export async function probeRecording(file: string): Promise<ProbedRecording> {
  const output = await run(FFPROBE, [
    ...['-v', 'error', '-of', 'json'],
    ...['-show_entries', 'format=duration:stream=codec_type,codec_name,width,height,start_time'],
    file,
  ]);
  const parsed = JSON.parse(output.toString()) as {
    format: { duration?: string };
    streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number; start_time?: string }>;
  };
  return {
    durationSeconds: Number(parsed.format.duration ?? Number.NaN),
    streams: parsed.streams.map((stream) => ({
      codecType: stream.codec_type,
      codecName: stream.codec_name,
      width: stream.width,
      height: stream.height,
      startTime: Number(stream.start_time ?? 0),
    })),
  };
}

/** The recording's audio as 48 kHz mono samples, from its first sample on. */
export async function decodeAudio(file: string): Promise<Int16Array> {
  const raw = await run(FFMPEG, [
    '-v',
    'error',
    '-i',
    file,
    '-map',
    '0:a:0',
    '-f',
    's16le',
    '-ac',
    '1',
    '-ar',
    '48000',
    '-',
  ]);
  return new Int16Array(raw.buffer, raw.byteOffset, Math.floor(raw.length / 2));
}

/** The mean brightness (0–255) of every frame of the recording's video, in order. */
export async function decodeBrightness(file: string): Promise<number[]> {
  const side = { width: 32, height: 18 };
  const raw = await run(FFMPEG, [
    ...['-v', 'error', '-i', file, '-map', '0:v:0'],
    ...['-vf', `scale=${side.width}:${side.height},format=gray`, '-f', 'rawvideo', '-'],
  ]);
  const frameBytes = side.width * side.height;
  const means: number[] = [];
  for (let at = 0; at + frameBytes <= raw.length; at += frameBytes) {
    let sum = 0;
    for (let i = at; i < at + frameBytes; i++) sum += raw[i] as number;
    means.push(sum / frameBytes);
  }
  return means;
}

/** One frame of the recording at `atSeconds`, scaled to `width`×`height`, as a colour lookup. */
export async function decodeFrame(
  file: string,
  atSeconds: number,
  size: { width: number; height: number },
): Promise<{ colourAt(x: number, y: number): Rgb }> {
  const raw = await run(FFMPEG, [
    ...['-v', 'error', '-ss', atSeconds.toFixed(3), '-i', file, '-map', '0:v:0', '-frames:v', '1'],
    ...['-vf', `scale=${size.width}:${size.height}:flags=area`, '-pix_fmt', 'rgb24', '-f', 'rawvideo', '-'],
  ]);
  return {
    colourAt(x, y) {
      const at = (Math.floor(y) * size.width + Math.floor(x)) * 3;
      return { red: raw[at] ?? Number.NaN, green: raw[at + 1] ?? Number.NaN, blue: raw[at + 2] ?? Number.NaN };
    },
  };
}

/**
 * When each tone burst starts, in seconds from the first sample: the first 5 ms window louder
 * than `threshold` RMS after at least `quietMs` of windows below it.
 */
export function burstOnsets(samples: Int16Array, options: { threshold?: number; quietMs?: number } = {}): number[] {
  const { threshold = 0.1 * 32_767, quietMs = 300 } = options;
  const window = SAMPLE_RATE / 200;
  const onsets: number[] = [];
  let quietWindows = Number.POSITIVE_INFINITY;
  for (let at = 0; at + window <= samples.length; at += window) {
    let squares = 0;
    for (let i = at; i < at + window; i++) squares += (samples[i] as number) ** 2;
    const loud = Math.sqrt(squares / window) > threshold;
    if (loud && quietWindows * 5 >= quietMs) {
      // Within the window: the first sample above the threshold's peak equivalent.
      let first = at;
      while (first < at + window && Math.abs(samples[first] as number) < threshold) first++;
      onsets.push(first / SAMPLE_RATE);
    }
    quietWindows = loud ? 0 : quietWindows + 1;
  }
  return onsets;
}

/** When each flash starts, in seconds from the first frame: a frame brighter than `threshold` after a darker one. */
export function flashOnsets(brightness: number[], fps: number, threshold = 140): number[] {
  const onsets: number[] = [];
  brightness.forEach((level, frame) => {
    if (level > threshold && frame > 0 && (brightness[frame - 1] as number) <= threshold) onsets.push(frame / fps);
  });
  return onsets;
}

/** For each flash, how much later than the nearest burst onset it starts (negative: earlier); unmatched flashes are left out. */
export function flashOffsets(flashes: number[], bursts: number[], maxDistance = 0.5): number[] {
  const offsets: number[] = [];
  for (const flash of flashes) {
    const nearest = bursts.reduce<number | undefined>(
      (best, burst) => (best === undefined || Math.abs(burst - flash) < Math.abs(best - flash) ? burst : best),
      undefined,
    );
    if (nearest !== undefined && Math.abs(nearest - flash) <= maxDistance) offsets.push(flash - nearest);
  }
  return offsets;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
