import { type LocalAudioTrack, TrackEvent } from 'livekit-client';
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';

/** Quieter than this reads as silence; 0 dBFS is full scale. */
const FLOOR_DB = -60;
/** How far the shown level may fall per frame, so speech reads as a steady bar, not flicker. */
const FALL_PER_FRAME = 3;

/**
 * The loudness a microphone track hears, 0–100, measured with a Web Audio analyser. It
 * follows the track across device switches, which replace the track's MediaStreamTrack.
 */
export function createAudioLevel(track: Accessor<LocalAudioTrack | undefined>): Accessor<number> {
  const [level, setLevel] = createSignal(0);
  const [source, setSource] = createSignal<MediaStreamTrack>();

  createEffect(() => {
    const current = track();
    setSource(current?.mediaStreamTrack);
    if (!current) return;
    const followRestart = () => setSource(current.mediaStreamTrack);
    current.on(TrackEvent.Restarted, followRestart);
    onCleanup(() => current.off(TrackEvent.Restarted, followRestart));
  });

  createEffect(() => {
    const measured = source();
    setLevel(0);
    if (measured) onCleanup(measureLevel(measured, setLevel));
  });

  return level;
}

/** Reports the level every animation frame until the returned function is called. */
function measureLevel(source: MediaStreamTrack, report: (level: number) => void): () => void {
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  const input = context.createMediaStreamSource(new MediaStream([source]));
  input.connect(analyser);

  const samples = new Float32Array(analyser.fftSize);
  let shown = 0;
  let frame = requestAnimationFrame(function measure() {
    analyser.getFloatTimeDomainData(samples);
    const next = Math.round(Math.max(levelOf(samples), shown - FALL_PER_FRAME));
    if (next !== shown) report(next);
    shown = next;
    frame = requestAnimationFrame(measure);
  });

  // A page opened directly at its address may not run audio until the reader interacts.
  const resume = () => void context.resume();
  const gestures = ['pointerdown', 'keydown'] as const;
  if (context.state === 'suspended') {
    for (const gesture of gestures) window.addEventListener(gesture, resume, { once: true });
  }

  return () => {
    cancelAnimationFrame(frame);
    for (const gesture of gestures) window.removeEventListener(gesture, resume);
    input.disconnect();
    void context.close();
  };
}

/** Root-mean-square loudness in dBFS, mapped from FLOOR_DB…0 onto 0…100. */
function levelOf(samples: Float32Array): number {
  let sumOfSquares = 0;
  for (const sample of samples) sumOfSquares += sample * sample;
  const rms = Math.sqrt(sumOfSquares / samples.length);
  const decibels = rms > 0 ? 20 * Math.log10(rms) : FLOOR_DB;
  return Math.min(100, Math.max(0, ((decibels - FLOOR_DB) / -FLOOR_DB) * 100));
}
