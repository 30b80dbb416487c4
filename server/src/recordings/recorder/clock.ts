/**
 * One clock for both streams. ffmpeg stamps raw input by count (frame n of video is at n/fps,
 * sample n of audio at n/sampleRate), so audio and video stay in sync as long as both counts
 * follow the same elapsed time: the recording writes, on every tick, what this clock says is
 * due by now, whatever the timer's lateness was.
 */
export interface MediaClock {
  /** Samples and frames due from the start until `now`. */
  due(now: number): { samples: number; frames: number };
  /** The moment frame `n` stands for: its middle, so it is due once that has come. */
  frameTime(n: number): number;
}

export function createMediaClock(options: { startedAt: number; sampleRate: number; fps: number }): MediaClock {
  const { startedAt, sampleRate, fps } = options;
  return {
    due(now) {
      const elapsedMs = Math.max(0, now - startedAt);
      return {
        samples: Math.floor((elapsedMs * sampleRate) / 1_000),
        // Frame n shows [n/fps, (n+1)/fps): holding what arrived by its middle, it is neither
        // half a frame early nor late on average.
        frames: Math.floor((elapsedMs * fps) / 1_000 + 0.5),
      };
    },
    frameTime(n) {
      return startedAt + ((n + 0.5) * 1_000) / fps;
    },
  };
}
