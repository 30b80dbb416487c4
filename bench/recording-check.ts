/**
 * What the recorder benchmark (bench/recorder.bench.ts) demands of the file it measured the
 * making of, read back with ffprobe and ffmpeg: H.264 video at the canvas size and AAC audio,
 * as long as the time recorded, with the speaker's tone audible and the screen share's picture
 * filling the canvas. A recording that fails any of these was not the work the figures claim.
 */
import { decodeAudio, decodeBrightness, probeRecording } from '../test/support/recording-probe.ts';
import { TONE_AMPLITUDE } from '../test/support/synthetic-media.ts';
import { check } from './results.ts';

/** How far the file's duration may be from the wall time between "media" and the stop (as in test/integration/recorder.test.ts). */
export const DURATION_TOLERANCE_S = 0.5;

export interface ExpectedRecording {
  width: number;
  height: number;
  /** Wall seconds from the recorder's "media" event to the stop. */
  recordedSeconds: number;
  /** Mean brightness (0–255) the picture's frames should have, give or take BRIGHTNESS_TOLERANCE. */
  brightness: number;
}

const BRIGHTNESS_TOLERANCE = 30;
/** A continuous tone of TONE_AMPLITUDE has an RMS of TONE_AMPLITUDE/√2 of full scale; half of that is still clearly it. */
const TONE_RMS = (0.5 * TONE_AMPLITUDE * 32_767) / Math.SQRT2;

/**
 * Throws with what is wrong unless `file` is the recording `expected` describes; returns what
 * it read, for the log.
 */
export async function checkRecording(
  file: string,
  expected: ExpectedRecording,
): Promise<{ durationSeconds: number; toneRms: number; medianBrightness: number }> {
  const probed = await probeRecording(file);
  const streams = probed.streams.map(({ codecType, codecName, width, height }) =>
    [codecType, codecName, width, height].filter((part) => part !== undefined).join(' '),
  );
  const wanted = [`video h264 ${expected.width} ${expected.height}`, 'audio aac'];
  check(
    streams.length === wanted.length && wanted.every((stream, i) => streams[i] === stream),
    () => `the recording's streams are [${streams.join(', ')}], not [${wanted.join(', ')}]`,
  );
  check(
    Math.abs(probed.durationSeconds - expected.recordedSeconds) < DURATION_TOLERANCE_S,
    () => `the recording lasts ${probed.durationSeconds} s, ${expected.recordedSeconds.toFixed(2)} s were recorded`,
  );

  // The first and last second left out: the mix and the picture start and end there.
  const samples = await decodeAudio(file);
  const middle = samples.subarray(48_000, Math.max(48_000, samples.length - 48_000));
  let squares = 0;
  for (const sample of middle) squares += sample * sample;
  const rms = Math.sqrt(squares / Math.max(1, middle.length));
  check(rms > TONE_RMS, () => `the recording's sound has an RMS of ${Math.round(rms)}: the tone is not in it`);

  const frames = await decodeBrightness(file);
  const sorted = frames.slice(15, -15).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  check(
    Math.abs(median - expected.brightness) <= BRIGHTNESS_TOLERANCE,
    () => `the recording's frames have a median brightness of ${median.toFixed(0)}, ${expected.brightness} expected`,
  );
  return { durationSeconds: probed.durationSeconds, toneRms: rms, medianBrightness: median };
}
