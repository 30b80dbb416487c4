/**
 * Mixes every subscribed audio track into one mono signal for the recording's clock.
 *
 * Tracks arrive in 10 ms frames through the same event loop that runs the clock's ticks, so a
 * tick that comes late often runs before the frames that piled up behind it. Padding silence
 * there would push the rest of the track later for good (and out of sync with the picture).
 * So a tick mixes only what every live track already has, letting the audio written trail the
 * clock by up to `maxLagMs` (the timeline is by sample count, so trailing for a while shifts
 * nothing), and pads silence only for a track that has been silent longer than that, which is
 * then stalled, not late. Each queue holds at most `maxMs`, dropping its oldest samples beyond;
 * one that stayed above `targetMs` for a whole second drops its surplus, so a track that once
 * got ahead does not stay late for the rest of the recording. The same pass measures each
 * track's loudness for the director.
 */

export interface AudioMixerOptions {
  sampleRate: number;
  maxLagMs?: number;
  targetMs?: number;
  maxMs?: number;
  /** Time constant of the loudness average. */
  levelWindowMs?: number;
}

export interface AudioMixer {
  /** Pushing to a track not added yet adds it. */
  push(trackId: string, samples: Int16Array): void;
  removeTrack(trackId: string): void;
  /**
   * How many of the `due` samples to mix now: as many as every live track already has, but
   * never leaving more than the allowed lag behind.
   */
  ready(due: number): number;
  /** Fills `out` with the next `out.length` samples of the mix, summed with clipping. */
  mixInto(out: Int16Array): void;
  /** Recent loudness of a track, 0 (silence or unknown) to 1 (full scale RMS). */
  level(trackId: string): number;
  readonly trackCount: number;
  /** How long the fullest queue would take to play out. */
  readonly delayMs: number;
  /** Times a live track ran dry and was padded, and samples dropped to bound latency, since start. */
  readonly underflows: number;
  readonly droppedSamples: number;
}

const FULL_SCALE = 32_768;

class TrackQueue {
  private readonly ring: Int16Array;
  private start = 0;
  length = 0;
  /**
   * Padded with silence since its last samples. Only a track silent for longer than the allowed
   * lag is padded, so until it sends again the mix stops waiting for it.
   */
  stalled = false;
  /** The shallowest the queue was after a mix, since the last latency check. */
  lowest = Number.POSITIVE_INFINITY;
  mixedSinceCheck = 0;
  meanSquare = 0;

  constructor(capacity: number) {
    this.ring = new Int16Array(capacity);
  }

  /** Appends, dropping the oldest samples beyond the capacity; returns how many were dropped. */
  append(samples: Int16Array): number {
    const capacity = this.ring.length;
    const incoming = samples.length > capacity ? samples.subarray(samples.length - capacity) : samples;
    const overflow = Math.max(0, this.length + incoming.length - capacity);
    this.discard(overflow);
    const at = (this.start + this.length) % capacity;
    const first = Math.min(incoming.length, capacity - at);
    this.ring.set(incoming.subarray(0, first), at);
    if (first < incoming.length) this.ring.set(incoming.subarray(first), 0);
    this.length += incoming.length;
    return overflow + (samples.length - incoming.length);
  }

  discard(count: number): void {
    const n = Math.min(count, this.length);
    this.start = (this.start + n) % this.ring.length;
    this.length -= n;
  }

  /** Adds up to `count` samples into `sum` from the front; returns how many, and their sum of squares. */
  addInto(sum: Int32Array, count: number): { taken: number; squares: number } {
    const taken = Math.min(count, this.length);
    const capacity = this.ring.length;
    let squares = 0;
    let at = this.start;
    for (let i = 0; i < taken; i++) {
      const sample = this.ring[at] as number;
      sum[i] = (sum[i] as number) + sample;
      squares += sample * sample;
      at = at + 1 === capacity ? 0 : at + 1;
    }
    this.start = at;
    this.length -= taken;
    return { taken, squares };
  }
}

export function createAudioMixer(options: AudioMixerOptions): AudioMixer {
  const { sampleRate, maxLagMs = 120, targetMs = 100, maxMs = 200, levelWindowMs = 300 } = options;
  const samplesIn = (ms: number) => Math.round((ms * sampleRate) / 1_000);
  const maxLag = samplesIn(maxLagMs);
  const targetSamples = samplesIn(targetMs);
  const maxSamples = samplesIn(maxMs);
  /** What a queue keeps when its surplus is dropped: a frame and a half of arrival jitter. */
  const cushion = samplesIn(15);
  const queues = new Map<string, TrackQueue>();
  let sum = new Int32Array(samplesIn(100));
  let underflows = 0;
  let droppedSamples = 0;

  const queueOf = (trackId: string) => {
    let queue = queues.get(trackId);
    if (!queue) {
      queue = new TrackQueue(maxSamples);
      queues.set(trackId, queue);
    }
    return queue;
  };

  const boundLatency = (queue: TrackQueue, mixed: number) => {
    queue.lowest = Math.min(queue.lowest, queue.length);
    queue.mixedSinceCheck += mixed;
    if (queue.mixedSinceCheck < sampleRate) return;
    if (queue.lowest > targetSamples) {
      const surplus = queue.lowest - cushion;
      queue.discard(surplus);
      droppedSamples += surplus;
    }
    queue.lowest = Number.POSITIVE_INFINITY;
    queue.mixedSinceCheck = 0;
  };

  return {
    push(trackId, samples) {
      const queue = queueOf(trackId);
      droppedSamples += queue.append(samples);
      queue.stalled = false;
    },
    removeTrack(trackId) {
      queues.delete(trackId);
    },
    ready(due) {
      let available = due;
      for (const queue of queues.values()) {
        if (!queue.stalled) available = Math.min(available, queue.length);
      }
      return Math.max(available, due - maxLag);
    },
    mixInto(out) {
      const count = out.length;
      if (count === 0) return;
      if (sum.length < count) sum = new Int32Array(count);
      sum.fill(0, 0, count);
      const smoothing = 1 - Math.exp(-count / ((sampleRate * levelWindowMs) / 1_000));
      for (const queue of queues.values()) {
        const { taken, squares } = queue.addInto(sum, count);
        if (taken < count && !queue.stalled) {
          queue.stalled = true;
          underflows++;
        }
        boundLatency(queue, count);
        queue.meanSquare += (squares / count - queue.meanSquare) * smoothing;
      }
      for (let i = 0; i < count; i++) {
        out[i] = Math.min(32_767, Math.max(-32_768, sum[i] as number));
      }
    },
    level(trackId) {
      const queue = queues.get(trackId);
      return queue ? Math.sqrt(queue.meanSquare) / FULL_SCALE : 0;
    },
    get trackCount() {
      return queues.size;
    },
    get delayMs() {
      let deepest = 0;
      for (const queue of queues.values()) deepest = Math.max(deepest, queue.length);
      return (deepest * 1_000) / sampleRate;
    },
    get underflows() {
      return underflows;
    },
    get droppedSamples() {
      return droppedSamples;
    },
  };
}
