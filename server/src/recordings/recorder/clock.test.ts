import { describe, expect, it } from 'vitest';
import { createMediaClock } from './clock.ts';

describe('the media clock', () => {
  it('keeps audio and video within one frame of each other over an hour of late, irregular ticks', () => {
    const fps = 15;
    const sampleRate = 48_000;
    const clock = createMediaClock({ startedAt: 1_000, sampleRate, fps });
    // A fixed-seed generator: ticks every 20 ms, each up to 60 ms late, as on a busy machine.
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let worst = 0;
    let due = { samples: 0, frames: 0 };
    for (let now = 1_000; now < 1_000 + 3_600_000; now += 20 + random() * 60) {
      due = clock.due(now);
      worst = Math.max(worst, Math.abs(due.samples / sampleRate - due.frames / fps));
    }
    expect(worst).toBeLessThanOrEqual(1 / fps / 2 + 1 / sampleRate);
    // And the hour is an hour of both.
    expect(due.samples / sampleRate).toBeGreaterThan(3_599.9);
    expect(Math.abs(due.frames / fps - due.samples / sampleRate)).toBeLessThan(1 / fps);
  });
});
