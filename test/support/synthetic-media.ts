import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  LocalVideoTrack,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
} from '@livekit/rtc-node';
import { type Bot, localParticipantOf } from './bots.ts';

/**
 * Media a bot can publish and a test can recognise on the other side: solid or moving colour
 * frames and a sine tone, published at real-time pace, and the measurements that tell them
 * apart from black frames and silence.
 */

export interface Rgb {
  red: number;
  green: number;
  blue: number;
}

export type VideoPattern = 'solid' | 'moving-bar';

export interface SyntheticVideo {
  width: number;
  height: number;
  fps: number;
  colour?: Rgb;
  pattern?: VideoPattern;
}

export interface SyntheticAudio {
  frequencyHz: number;
  sampleRate: number;
}

export interface PublishedSyntheticMedia {
  videoTrackSid?: string;
  audioTrackSid?: string;
  /** Stops the generators, unpublishes the tracks and closes their sources. */
  stop(): Promise<void>;
}

const DEFAULT_COLOUR: Rgb = { red: 32, green: 160, blue: 96 };
const AUDIO_FRAME_MS = 10;
/** Frames captured ahead of the clock, so a late timer does not starve the encoder. */
const AUDIO_LEAD_FRAMES = 3;
/** Native buffer of the audio source; the pacing keeps it near AUDIO_LEAD_FRAMES. */
const AUDIO_QUEUE_MS = 100;

/**
 * Publishes a camera track of generated frames at `fps` and a microphone track of a sine tone
 * sent in 10 ms frames at real-time pace. Video is sent without simulcast, so subscribers
 * receive the published resolution.
 */
export async function publishSyntheticMedia(
  bot: Bot,
  media: { video?: SyntheticVideo; audio?: SyntheticAudio },
): Promise<PublishedSyntheticMedia> {
  const participant = localParticipantOf(bot);
  const stoppers: Array<() => Promise<void>> = [];
  const published: PublishedSyntheticMedia = {
    stop: async () => {
      for (const stopOne of stoppers.splice(0).reverse()) await stopOne();
    },
  };

  if (media.video) {
    const { width, height, fps, colour = DEFAULT_COLOUR, pattern = 'solid' } = media.video;
    const source = new VideoSource(width, height);
    const track = LocalVideoTrack.createVideoTrack('synthetic-camera', source);
    const publication = await participant.publishTrack(
      track,
      new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA, simulcast: false }),
    );
    published.videoTrackSid = publication.sid;
    const solidFrame = pattern === 'solid' ? paintVideoFrame({ width, height, colour, pattern, index: 0 }) : undefined;
    const startedAt = performance.now();
    let index = 0;
    const captureNextFrame = () => {
      const frame = solidFrame ?? paintVideoFrame({ width, height, colour, pattern, index });
      const timestampUs = BigInt(Math.round((performance.now() - startedAt) * 1_000));
      source.captureFrame(frame, timestampUs);
      index++;
    };
    captureNextFrame();
    const timer = setInterval(captureNextFrame, 1_000 / fps);
    stoppers.push(async () => {
      clearInterval(timer);
      await unpublishAndClose(bot, publication.sid, track);
    });
  }

  if (media.audio) {
    const { frequencyHz, sampleRate } = media.audio;
    const source = new AudioSource(sampleRate, 1, AUDIO_QUEUE_MS);
    const track = LocalAudioTrack.createAudioTrack('synthetic-microphone', source);
    const publication = await participant.publishTrack(
      track,
      new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
    );
    published.audioTrackSid = publication.sid;
    const pump = paceSineTone(source, { frequencyHz, sampleRate });
    stoppers.push(async () => {
      await pump.stop();
      await unpublishAndClose(bot, publication.sid, track);
    });
  }

  return published;
}

/**
 * Feeds a sine tone into `source` in 10 ms frames, keeping AUDIO_LEAD_FRAMES ahead of the wall
 * clock. `stop()` ends the loop; a failed capture rejects the loop, which surfaces at once as an
 * unhandled rejection (failing the test run) and again from `stop()`.
 */
function paceSineTone(source: AudioSource, tone: SyntheticAudio): { stop(): Promise<void> } {
  const samplesPerChannel = (tone.sampleRate * AUDIO_FRAME_MS) / 1_000;
  let running = true;
  let wakeUp: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const loop = (async () => {
    const startedAt = performance.now();
    let framesSent = 0;
    while (running) {
      const framesDue = Math.floor((performance.now() - startedAt) / AUDIO_FRAME_MS) + AUDIO_LEAD_FRAMES;
      while (running && framesSent < framesDue) {
        await source.captureFrame(
          sineFrame({ ...tone, samplesPerChannel, firstSample: framesSent * samplesPerChannel }),
        );
        framesSent++;
      }
      // The pacing clock of a real-time source, not a wait for something to happen.
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, AUDIO_FRAME_MS);
      });
    }
  })();
  return {
    stop: async () => {
      running = false;
      clearTimeout(timer);
      wakeUp?.();
      await loop;
    },
  };
}

async function unpublishAndClose(bot: Bot, trackSid: string | undefined, track: LocalAudioTrack | LocalVideoTrack) {
  if (bot.room.isConnected && trackSid) await localParticipantOf(bot).unpublishTrack(trackSid);
  await track.close();
}

/** Width of the moving bar as a fraction of the frame, and how many pixels it moves per frame. */
const BAR_WIDTH_FRACTION = 1 / 8;
const BAR_STEP_PIXELS = 4;
const BAR_COLOUR: Rgb = { red: 255, green: 255, blue: 255 };

/**
 * Paints frame `index` of a pattern as RGBA and converts it to I420, the format LiveKit encodes
 * from, with libyuv (the same converter the receiver uses to go back to RGBA).
 */
export function paintVideoFrame(input: {
  width: number;
  height: number;
  colour: Rgb;
  pattern: VideoPattern;
  index: number;
}): VideoFrame {
  const { width, height, colour } = input;
  const pixels = new Uint32Array(width * height);
  pixels.fill(rgbaWord(colour));
  if (input.pattern === 'moving-bar') {
    const barWidth = Math.max(1, Math.round(width * BAR_WIDTH_FRACTION));
    const barStart = (input.index * BAR_STEP_PIXELS) % width;
    const barWord = rgbaWord(BAR_COLOUR);
    for (let row = 0; row < height; row++) {
      const rowStart = row * width;
      for (let offset = 0; offset < barWidth; offset++) {
        pixels[rowStart + ((barStart + offset) % width)] = barWord;
      }
    }
  }
  const rgba = new VideoFrame(new Uint8Array(pixels.buffer), width, height, VideoBufferType.RGBA);
  return rgba.convert(VideoBufferType.I420);
}

/** The 32-bit word whose bytes in memory are R, G, B, A on a little-endian machine. */
function rgbaWord({ red, green, blue }: Rgb): number {
  return ((0xff << 24) | (blue << 16) | (green << 8) | red) >>> 0;
}

/**
 * The average colour of a frame, sampled on a grid every `step` pixels in both directions.
 * Works for any buffer type: the frame is converted to RGBA first.
 */
export function averageColour(frame: VideoFrame, step = 4): Rgb {
  const rgba = frame.type === VideoBufferType.RGBA ? frame : frame.convert(VideoBufferType.RGBA);
  let red = 0;
  let green = 0;
  let blue = 0;
  let samples = 0;
  for (let y = 0; y < rgba.height; y += step) {
    for (let x = 0; x < rgba.width; x += step) {
      const at = (y * rgba.width + x) * 4;
      red += rgba.data[at] ?? 0;
      green += rgba.data[at + 1] ?? 0;
      blue += rgba.data[at + 2] ?? 0;
      samples++;
    }
  }
  return { red: red / samples, green: green / samples, blue: blue / samples };
}

/** The largest per-channel difference between two colours, in 8-bit levels. */
export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a.red - b.red), Math.abs(a.green - b.green), Math.abs(a.blue - b.blue));
}

/** Amplitude of the published tone, as a fraction of full scale. */
export const TONE_AMPLITUDE = 0.5;

/**
 * One mono frame of a continuous sine tone: `firstSample` is the index of the frame's first
 * sample since the tone started, so consecutive frames join without a phase jump.
 */
export function sineFrame(input: {
  frequencyHz: number;
  sampleRate: number;
  samplesPerChannel: number;
  firstSample: number;
}): AudioFrame {
  const samples = new Int16Array(input.samplesPerChannel);
  const radiansPerSample = (2 * Math.PI * input.frequencyHz) / input.sampleRate;
  for (let i = 0; i < samples.length; i++) {
    samples[i] = Math.round(TONE_AMPLITUDE * 32767 * Math.sin(radiansPerSample * (input.firstSample + i)));
  }
  return new AudioFrame(samples, input.sampleRate, 1, input.samplesPerChannel);
}

/** The first channel of consecutive frames as one signal. */
export function joinFirstChannel(frames: readonly AudioFrame[]): Int16Array {
  const total = frames.reduce((sum, frame) => sum + frame.samplesPerChannel, 0);
  const joined = new Int16Array(total);
  let at = 0;
  for (const frame of frames) {
    for (let i = 0; i < frame.samplesPerChannel; i++) joined[at++] = frame.data[i * frame.channels] ?? 0;
  }
  return joined;
}

/** Root mean square level, in sample units (a full-scale sine is about 23,170). */
export function rmsLevel(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

/** Index of the first sample louder than `threshold`, or -1 for silence. */
export function firstSoundAt(samples: Int16Array, threshold: number): number {
  return samples.findIndex((sample) => Math.abs(sample) > threshold);
}

export interface ToneMeasurement {
  /** Frequency from the mean length of the steady periods. */
  frequencyHz: number;
  /** Share of periods within 25 % of the median: 1 for an unbroken tone, lower across gaps. */
  steadyFraction: number;
}

/**
 * Measures a tone from its rising zero crossings. A hysteresis band keeps codec noise around
 * zero from counting as crossings, and periods broken by a gap (a decoder's concealment or a
 * late packet) are left out of the frequency instead of dragging it down.
 */
export function measureTone(samples: Int16Array, sampleRate: number, hysteresis = 1_000): ToneMeasurement {
  const risingAt: number[] = [];
  let side = 0;
  samples.forEach((sample, index) => {
    const now = sample > hysteresis ? 1 : sample < -hysteresis ? -1 : 0;
    if (now === 0) return;
    if (side === -1 && now === 1) risingAt.push(index);
    side = now;
  });
  const periods = risingAt.slice(1).map((at, i) => at - (risingAt[i] ?? 0));
  if (periods.length === 0) return { frequencyHz: 0, steadyFraction: 0 };
  const median = [...periods].sort((a, b) => a - b)[Math.floor(periods.length / 2)] ?? 0;
  const steady = periods.filter((period) => Math.abs(period - median) <= median / 4);
  const meanPeriod = steady.reduce((sum, period) => sum + period, 0) / steady.length;
  return { frequencyHz: sampleRate / meanPeriod, steadyFraction: steady.length / periods.length };
}
