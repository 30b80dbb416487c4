import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  LocalVideoTrack,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoRotation,
  VideoSource,
} from '@livekit/rtc-node';
import type { YuvColour } from '@serambi/server/recordings/recorder/canvas.ts';
import { type Bot, localParticipantOf } from './bots.ts';
import { type Rgb, TONE_AMPLITUDE } from './synthetic-media.ts';

/**
 * Media for recording tests and the recorder benchmark: publishers whose sound and picture
 * carry marks that survive encoding (a tone that comes in bursts, a frame that flashes white at
 * the same instant, solid colours). `recording-probe.ts` finds those marks again in a recorded
 * MP4.
 */

/** BT.601 limited range, as ffmpeg converts back to RGB by default. */
export function yuvOf(rgb: Rgb): YuvColour {
  const { red: r, green: g, blue: b } = rgb;
  return {
    y: Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b),
    u: Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b),
    v: Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b),
  };
}

/**
 * An I420 frame of one colour with, optionally, a bright vertical bar at `barAt` (a fraction of
 * the width), so consecutive frames differ the way a moving picture does.
 */
export function i420Frame(width: number, height: number, colour: YuvColour, barAt?: number): VideoFrame {
  const chromaWidth = (width + 1) >> 1;
  const chromaSize = chromaWidth * ((height + 1) >> 1);
  const data = new Uint8Array(width * height + 2 * chromaSize);
  data.fill(colour.y, 0, width * height);
  data.fill(colour.u, width * height, width * height + chromaSize);
  data.fill(colour.v, width * height + chromaSize);
  if (barAt !== undefined) {
    const barWidth = Math.max(2, Math.round(width / 16));
    const from = Math.floor(barAt * (width - barWidth));
    for (let row = 0; row < height; row++) data.fill(235, row * width + from, row * width + from + barWidth);
  }
  return new VideoFrame(data, width, height, VideoBufferType.I420);
}

/** An I420 frame whose left half is one colour and right half another: it shows which way is up. */
export function halvesFrame(width: number, height: number, left: YuvColour, right: YuvColour): VideoFrame {
  const chromaWidth = (width + 1) >> 1;
  const chromaHeight = (height + 1) >> 1;
  const chromaSize = chromaWidth * chromaHeight;
  const data = new Uint8Array(width * height + 2 * chromaSize);
  for (let row = 0; row < height; row++) {
    data.fill(left.y, row * width, row * width + width / 2);
    data.fill(right.y, row * width + width / 2, (row + 1) * width);
  }
  for (const [plane, key] of [
    [width * height, 'u'],
    [width * height + chromaSize, 'v'],
  ] as const) {
    for (let row = 0; row < chromaHeight; row++) {
      const start = plane + row * chromaWidth;
      data.fill(left[key], start, start + chromaWidth / 2);
      data.fill(right[key], start + chromaWidth / 2, start + chromaWidth);
    }
  }
  return new VideoFrame(data, width, height, VideoBufferType.I420);
}

export interface Publication {
  stop(): Promise<void>;
}

interface Pacer {
  /** Ends the loop after the step under way. */
  stop(): Promise<void>;
}

/** Runs `step(elapsedMs)` about every 5 ms until stopped; `step` may await. */
function pace(step: (elapsedMs: number) => Promise<void> | void): Pacer {
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  const startedAt = performance.now();
  const loop = (async () => {
    while (running) {
      await step(performance.now() - startedAt);
      // The pacing clock of a real-time source, not a wait for something to happen.
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, 5);
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

async function publishVideo(bot: Bot, source: VideoSource, trackSource: TrackSource, name: string) {
  const track = LocalVideoTrack.createVideoTrack(name, source);
  const publication = await localParticipantOf(bot).publishTrack(
    track,
    new TrackPublishOptions({ source: trackSource, simulcast: false }),
  );
  return { track, sid: publication.sid };
}

async function publishAudio(bot: Bot, source: AudioSource, name: string) {
  const track = LocalAudioTrack.createAudioTrack(name, source);
  const publication = await localParticipantOf(bot).publishTrack(
    track,
    new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
  );
  return { track, sid: publication.sid };
}

async function unpublish(bot: Bot, published: { track: LocalAudioTrack | LocalVideoTrack; sid: string | undefined }) {
  if (bot.room.isConnected && published.sid) await localParticipantOf(bot).unpublishTrack(published.sid);
  await published.track.close();
}

export const SAMPLE_RATE = 48_000;
const AUDIO_FRAME_MS = 10;
const AUDIO_FRAME_SAMPLES = (SAMPLE_RATE * AUDIO_FRAME_MS) / 1_000;
/**
 * Audio captured ahead of the clock: the native source sends 10 ms from its queue every 10 ms,
 * so a stall of this test process (two cores, LiveKit and a recorder beside it) shorter than
 * this does not starve it. Starved, it sends silence instead, and whatever comes after would be
 * late by that much for good: so what a longer stall missed is skipped, as a real-time source
 * loses it, and frames of video likewise.
 */
const AUDIO_LEAD_FRAMES = 10;
const AUDIO_QUEUE_MS = 200;

/** A pacer step capturing the video frames due: `frameAt(k)` is frame k, shown from k/fps on. */
function videoFrames(
  source: VideoSource,
  fps: number,
  frameAt: (k: number) => VideoFrame,
  rotation: VideoRotation = VideoRotation.VIDEO_ROTATION_0,
) {
  let sent = 0;
  return (elapsedMs: number) => {
    const due = Math.floor((elapsedMs * fps) / 1_000) + 1;
    sent = Math.max(sent, due - 1);
    for (; sent < due; sent++) source.captureFrame(frameAt(sent), BigInt(Math.round((sent * 1e6) / fps)), rotation);
  };
}

/** A pacer step capturing the audio due, plus the lead: `sampleAt(n)` is sample n of the signal. */
function audioSamples(source: AudioSource, sampleAt: (n: number) => number) {
  let sent = 0;
  return async (elapsedMs: number) => {
    const due = Math.floor(elapsedMs / AUDIO_FRAME_MS) + AUDIO_LEAD_FRAMES;
    sent = Math.max(sent, due - AUDIO_LEAD_FRAMES);
    for (; sent < due; sent++) {
      const samples = new Int16Array(AUDIO_FRAME_SAMPLES);
      const first = sent * AUDIO_FRAME_SAMPLES;
      for (let i = 0; i < samples.length; i++) samples[i] = sampleAt(first + i);
      await source.captureFrame(new AudioFrame(samples, SAMPLE_RATE, 1, AUDIO_FRAME_SAMPLES));
    }
  };
}

const toneSample = (frequencyHz: number) => {
  const radiansPerSample = (2 * Math.PI * frequencyHz) / SAMPLE_RATE;
  return (n: number) => Math.round(TONE_AMPLITUDE * 32_767 * Math.sin(radiansPerSample * n));
};

export interface Bursts {
  /** A burst starts every `everyMs` from the publisher's start, and lasts `lengthMs`. */
  everyMs: number;
  lengthMs: number;
  frequencyHz: number;
}

/**
 * A camera and a microphone on one clock: the microphone plays a tone only in bursts, and the
 * camera shows white for exactly the burst's frames (dark grey with a moving bar otherwise),
 * so a recording in sync has each flash start where a burst starts. `everyMs` must be a whole
 * number of frames, so each flash starts on a frame boundary.
 */
export async function publishFlashesAndBursts(
  bot: Bot,
  options: { width: number; height: number; fps: number; bursts: Bursts },
): Promise<Publication> {
  const { width, height, fps, bursts } = options;
  const framesPerBurst = Math.round((bursts.everyMs * fps) / 1_000);
  if (Math.abs(framesPerBurst - (bursts.everyMs * fps) / 1_000) > 1e-6) {
    throw new Error(`${bursts.everyMs} ms is not a whole number of frames`);
  }
  const videoSource = new VideoSource(width, height);
  const audioSource = new AudioSource(SAMPLE_RATE, 1, AUDIO_QUEUE_MS);
  const video = await publishVideo(bot, videoSource, TrackSource.SOURCE_CAMERA, 'flashing-camera');
  const audio = await publishAudio(bot, audioSource, 'bursting-microphone');
  const flash = i420Frame(width, height, { y: 235, u: 128, v: 128 });
  const darkFrames = Array.from({ length: 16 }, (_, i) => i420Frame(width, height, { y: 40, u: 128, v: 128 }, i / 15));
  const burstSamples = Math.round((bursts.lengthMs * SAMPLE_RATE) / 1_000);
  const periodSamples = Math.round((bursts.everyMs * SAMPLE_RATE) / 1_000);
  const flashFrames = Math.round((bursts.lengthMs * fps) / 1_000);
  const tone = toneSample(bursts.frequencyHz);
  const captureVideo = videoFrames(videoSource, fps, (k) =>
    k % framesPerBurst < flashFrames ? flash : (darkFrames[k % darkFrames.length] as VideoFrame),
  );
  const captureAudio = audioSamples(audioSource, (n) =>
    n % periodSamples < burstSamples ? tone(n % periodSamples) : 0,
  );
  const pacer = pace(async (elapsedMs) => {
    captureVideo(elapsedMs);
    await captureAudio(elapsedMs);
  });
  return {
    stop: async () => {
      await pacer.stop();
      await unpublish(bot, video);
      await unpublish(bot, audio);
    },
  };
}

/**
 * A video track of frames cycling through `frames` at `fps` (a screen share or a camera), and
 * optionally a continuous tone on a microphone track.
 */
export async function publishLoop(
  bot: Bot,
  options: {
    source: 'camera' | 'screen';
    frames: VideoFrame[];
    fps: number;
    toneHz?: number;
    /** The turn to apply on display, as a phone held upright sends its camera. */
    rotation?: VideoRotation;
  },
): Promise<Publication> {
  const first = options.frames[0];
  if (!first) throw new Error('no frames to publish');
  const videoSource = new VideoSource(first.width, first.height);
  const trackSource = options.source === 'screen' ? TrackSource.SOURCE_SCREENSHARE : TrackSource.SOURCE_CAMERA;
  const video = await publishVideo(bot, videoSource, trackSource, `${options.source}-loop`);
  const audioSource = options.toneHz === undefined ? undefined : new AudioSource(SAMPLE_RATE, 1, AUDIO_QUEUE_MS);
  const audio = audioSource ? await publishAudio(bot, audioSource, 'tone') : undefined;
  const captureVideo = videoFrames(
    videoSource,
    options.fps,
    (k) => options.frames[k % options.frames.length] as VideoFrame,
    options.rotation,
  );
  const captureAudio = audioSource ? audioSamples(audioSource, toneSample(options.toneHz ?? 0)) : undefined;
  const pacer = pace(async (elapsedMs) => {
    captureVideo(elapsedMs);
    await captureAudio?.(elapsedMs);
  });
  return {
    stop: async () => {
      await pacer.stop();
      await unpublish(bot, video);
      if (audio) await unpublish(bot, audio);
    },
  };
}
