import { BLACK, createCompositor, fitInside } from './canvas.ts';
import { createMediaClock, type MediaClock } from './clock.ts';
import { FrameHistory, type SourceFrame } from './frame-history.ts';
import {
  chooseLayout,
  createDirector,
  EMPTY_LAYOUT,
  type Layout,
  pictureInPictureArea,
  type VideoFeed,
} from './layout.ts';
import { createAudioMixer } from './mixer.ts';
import type { RecorderStats, VideoSourceKind } from './protocol.ts';

/**
 * The recording engine between the room and the encoder, without either: tracks' samples and
 * frames go in, and each tick writes exactly the audio samples and canvas frames the elapsed
 * time asks for (clock.ts), mixing the audio (mixer.ts) and drawing the layout (layout.ts,
 * canvas.ts). A canvas frame is composed only when what it shows differs from the frame before
 * (frame-history.ts picks what each shows); otherwise that one is written again, without a copy.
 */

export const SAMPLE_RATE = 48_000;
/** How often main.ts ticks: short enough that each write is small, long enough to stay cheap. */
export const TICK_MS = 20;
/** RMS level (of full scale) above which a track counts as someone speaking: about -40 dBFS. */
const SPEECH_LEVEL = 0.01;
/**
 * Canvas frames that may wait for the encoder at once. When all are queued the encoder is
 * behind: the picture then freezes on the last frame rather than queueing ever more memory,
 * while the timeline (the frame count) stays exact.
 */
const FRAME_BUFFERS = 4;
const PICTURE_IN_PICTURE = true;

export interface RecordingSinks {
  /** Queues a canvas frame for the encoder; `written` runs once the bytes are handed over. */
  writeVideo(frame: Uint8Array, written: () => void): void;
  writeAudio(samples: Uint8Array): void;
}

export type { SourceFrame } from './frame-history.ts';

export interface Recording {
  addAudio(trackId: string, identity: string, options: { speech: boolean }): void;
  pushAudio(trackId: string, samples: Int16Array): void;
  removeAudio(trackId: string): void;
  addVideo(trackId: string, identity: string, kind: VideoSourceKind): void;
  pushVideo(trackId: string, frame: SourceFrame): void;
  /** A muted feed leaves the layout until it sends a frame again. */
  muteVideo(trackId: string): void;
  removeVideo(trackId: string): void;
  forgetParticipant(identity: string): void;
  /** Starts the clock; returns the wall time the recording's timeline starts at (its second 0). */
  start(): Date;
  /** Writes what is due now; main.ts calls it every TICK_MS. */
  tick(): void;
  /** Writes everything due now, padding audio not yet arrived with silence: the end of the file. */
  finish(): void;
  stats(): Omit<RecorderStats, 'event' | 'bytes' | 'encodedSeconds' | 'speed'>;
}

interface AudioInput {
  identity: string;
  speech: boolean;
}

interface VideoInput {
  feed: VideoFeed;
  frames: FrameHistory;
}

interface FrameBuffer {
  bytes: Uint8Array;
  /** Writes of this buffer the encoder has not taken yet. */
  queued: number;
}

export function createRecording(options: {
  width: number;
  height: number;
  fps: number;
  sinks: RecordingSinks;
  /** Monotonic milliseconds (performance.now in production). */
  now: () => number;
  /**
   * Samples the audio encoder puts before the first one it is given: the recording's first
   * samples are left out instead, so the encoded audio lines up with the picture.
   */
  encoderDelaySamples?: number;
}): Recording {
  const { fps, sinks, now } = options;
  let encoderDelayLeft = options.encoderDelaySamples ?? 0;
  const compositor = createCompositor(options.width, options.height);
  const canvasArea = { x: 0, y: 0, width: options.width, height: options.height };
  const cornerArea = pictureInPictureArea(canvasArea);
  const mixer = createAudioMixer({ sampleRate: SAMPLE_RATE });
  const director = createDirector();
  const audio = new Map<string, AudioInput>();
  const video = new Map<string, VideoInput>();
  const buffers: FrameBuffer[] = Array.from({ length: FRAME_BUFFERS }, () => ({
    bytes: new Uint8Array(compositor.frameBytes),
    queued: 0,
  }));
  let clock: MediaClock | undefined;
  let samplesWritten = 0;
  let framesWritten = 0;
  let layout: Layout = EMPTY_LAYOUT;
  /** The last canvas frame written, and the source frames it shows. */
  let lastFrame: FrameBuffer | undefined;
  let drawn: { main: SourceFrame | undefined; corner: SourceFrame | undefined } | undefined;
  let feedsAdded = 0;
  let framesComposed = 0;
  let framesRepeatedWhileBusy = 0;

  const loudestSpeaker = (): string | undefined => {
    let loudest: string | undefined;
    let loudestLevel = SPEECH_LEVEL;
    for (const [trackId, input] of audio) {
      if (!input.speech) continue;
      const level = mixer.level(trackId);
      if (level > loudestLevel) {
        loudest = input.identity;
        loudestLevel = level;
      }
    }
    return loudest;
  };

  function* drawableFeeds() {
    for (const input of video.values()) if (!input.frames.isEmpty) yield input.feed;
  }

  const compose = (target: Uint8Array, main: SourceFrame | undefined, corner: SourceFrame | undefined) => {
    const mainImage = main?.i420();
    if (!mainImage) {
      compositor.fill(target, BLACK);
    } else {
      const fitted = fitInside(mainImage, canvasArea);
      // Letterbox bars only where the picture does not reach; a full-canvas picture covers all.
      if (fitted.width !== canvasArea.width || fitted.height !== canvasArea.height) compositor.fill(target, BLACK);
      compositor.draw(target, mainImage, fitted);
    }
    const cornerImage = corner?.i420();
    if (cornerImage) compositor.draw(target, cornerImage, fitInside(cornerImage, cornerArea));
    framesComposed++;
  };

  const writeFrame = (buffer: FrameBuffer) => {
    buffer.queued++;
    sinks.writeVideo(buffer.bytes, () => {
      buffer.queued--;
    });
  };

  const writeAudio = (samples: number) => {
    if (samples <= 0) return;
    const chunk = Buffer.allocUnsafe(samples * 2);
    mixer.mixInto(new Int16Array(chunk.buffer, chunk.byteOffset, samples));
    samplesWritten += samples;
    const skipped = Math.min(encoderDelayLeft, samples);
    encoderDelayLeft -= skipped;
    if (skipped < samples) sinks.writeAudio(skipped === 0 ? chunk : chunk.subarray(skipped * 2));
  };

  const frameOf = (trackId: string | null, time: number) =>
    trackId === null ? undefined : video.get(trackId)?.frames.at(time);

  const writeVideo = (media: MediaClock, frames: number) => {
    for (let i = 0; i < frames; i++) {
      const time = media.frameTime(framesWritten);
      const main = frameOf(layout.main, time);
      const corner = frameOf(layout.pictureInPicture, time);
      if (!lastFrame || main !== drawn?.main || corner !== drawn?.corner) {
        const free = buffers.find((buffer) => buffer.queued === 0);
        if (free) {
          compose(free.bytes, main, corner);
          lastFrame = free;
          drawn = { main, corner };
        } else {
          framesRepeatedWhileBusy++;
        }
      }
      // The first frame always finds every buffer free, so there is one to repeat from then on.
      writeFrame(lastFrame as FrameBuffer);
      framesWritten++;
    }
  };

  const tick = (final = false) => {
    if (!clock) return;
    const at = now();
    const due = clock.due(at);
    const audioDue = due.samples - samplesWritten;
    writeAudio(final ? audioDue : mixer.ready(audioDue));
    const speaker = director.observe(loudestSpeaker(), at);
    layout = chooseLayout({ feeds: drawableFeeds(), speaker, previous: layout, pictureInPicture: PICTURE_IN_PICTURE });
    writeVideo(clock, due.frames - framesWritten);
  };

  return {
    addAudio(trackId, identity, { speech }) {
      audio.set(trackId, { identity, speech });
    },
    pushAudio(trackId, samples) {
      if (audio.has(trackId)) mixer.push(trackId, samples);
    },
    removeAudio(trackId) {
      audio.delete(trackId);
      mixer.removeTrack(trackId);
    },
    addVideo(trackId, identity, kind) {
      video.set(trackId, { feed: { id: trackId, identity, kind, order: feedsAdded++ }, frames: new FrameHistory() });
    },
    pushVideo(trackId, frame) {
      video.get(trackId)?.frames.push(frame, now());
    },
    muteVideo(trackId) {
      video.get(trackId)?.frames.clear();
    },
    removeVideo(trackId) {
      video.delete(trackId);
    },
    forgetParticipant(identity) {
      director.forget(identity);
    },
    start() {
      clock = createMediaClock({ startedAt: now(), sampleRate: SAMPLE_RATE, fps });
      const startedAt = new Date();
      tick();
      return startedAt;
    },
    tick: () => tick(),
    finish: () => tick(true),
    stats() {
      const main = layout.main === null ? undefined : video.get(layout.main)?.feed;
      const corner = layout.pictureInPicture === null ? undefined : video.get(layout.pictureInPicture)?.feed;
      return {
        mediaSeconds: framesWritten / fps,
        framesWritten,
        framesComposed,
        framesRepeatedWhileBusy,
        audioTracks: audio.size,
        videoTracks: video.size,
        showing: main
          ? {
              identity: main.identity,
              source: main.kind,
              width: drawn?.main?.width ?? null,
              height: drawn?.main?.height ?? null,
            }
          : null,
        pictureInPicture: corner?.identity ?? null,
        audioDelayMs: Math.round(mixer.delayMs),
        audioUnderflows: mixer.underflows,
        audioDroppedMs: Math.round((mixer.droppedSamples * 1_000) / SAMPLE_RATE),
      };
    },
  };
}
