import { describe, expect, it } from 'vitest';
import { createAudioMixer } from './mixer.ts';

const RATE = 48_000;
/** Samples in `ms` milliseconds at 48 kHz. */
const ms = (n: number) => (n * RATE) / 1_000;
const constant = (value: number, length: number) => new Int16Array(length).fill(value);
const ramp = (from: number, length: number) => Int16Array.from({ length }, (_, i) => from + i);

function pull(mixer: ReturnType<typeof createAudioMixer>, length: number): Int16Array {
  const out = new Int16Array(length);
  mixer.mixInto(out);
  return out;
}

describe('the audio mixer', () => {
  it('is silent with no tracks, and ready to write all that is due', () => {
    const mixer = createAudioMixer({ sampleRate: RATE });
    expect(mixer.ready(ms(20))).toBe(ms(20));
    expect(pull(mixer, ms(20)).every((sample) => sample === 0)).toBe(true);
  });

  it('plays a track in order', () => {
    const mixer = createAudioMixer({ sampleRate: RATE });
    mixer.push('a', ramp(1, ms(20)));
    mixer.push('a', ramp(1 + ms(20), ms(20)));
    const out = pull(mixer, ms(30));
    expect(out[0]).toBe(1);
    expect(out[ms(30) - 1]).toBe(ms(30));
  });

  it('sums tracks and clips at full scale', () => {
    const mixer = createAudioMixer({ sampleRate: RATE });
    mixer.push('a', constant(1_000, ms(10)));
    mixer.push('b', constant(2_000, ms(10)));
    expect(pull(mixer, ms(10))[0]).toBe(3_000);
    mixer.push('a', constant(30_000, ms(10)));
    mixer.push('b', constant(30_000, ms(10)));
    mixer.push('c', constant(-20_000, ms(10)));
    expect(pull(mixer, ms(10))[5]).toBe(32_767);
    mixer.push('a', constant(-30_000, ms(10)));
    mixer.push('b', constant(-30_000, ms(10)));
    mixer.push('c', constant(-30_000, ms(10)));
    expect(pull(mixer, ms(10))[5]).toBe(-32_768);
  });

  it('waits for a late track instead of padding it, up to the allowed lag', () => {
    const mixer = createAudioMixer({ sampleRate: RATE, maxLagMs: 120 });
    mixer.push('a', constant(100, ms(40)));
    mixer.push('b', constant(100, ms(10)));
    // A late tick: 60 ms are due, but "b" has only 10 ms so far; its frames are on their way.
    expect(mixer.ready(ms(60))).toBe(ms(10));
    expect(mixer.ready(ms(200))).toBe(ms(200 - 120));
    pull(mixer, ms(10));
    mixer.push('b', constant(100, ms(30)));
    expect(mixer.ready(ms(50))).toBe(ms(30));
    expect(pull(mixer, ms(30)).every((sample) => sample === 200)).toBe(true);
    expect(mixer.underflows).toBe(0);
  });

  it('stops waiting for a track silent for longer than the lag, and pads it', () => {
    const mixer = createAudioMixer({ sampleRate: RATE, maxLagMs: 120 });
    mixer.push('stalled', constant(100, ms(10)));
    pull(mixer, ms(10));
    let written = 0;
    for (let tick = 1; tick <= 10; tick++) {
      mixer.push('live', constant(100, ms(20)));
      const ready = mixer.ready(ms(20 * tick) - written);
      pull(mixer, ready);
      written += ready;
    }
    expect(mixer.underflows).toBe(1);
    // Now only the live track is waited for: everything due is ready again.
    expect(written).toBe(ms(200));
    mixer.push('live', constant(100, ms(20)));
    expect(mixer.ready(ms(20))).toBe(ms(20));
  });

  it('never holds more than the latency cap, dropping the oldest samples', () => {
    const mixer = createAudioMixer({ sampleRate: RATE, maxMs: 200 });
    mixer.push('a', ramp(0, ms(300)));
    expect(mixer.droppedSamples).toBe(ms(100));
    expect(pull(mixer, 1)[0]).toBe(ms(100));
  });

  it('drops the surplus of a queue that stayed above the target for a second', () => {
    const mixer = createAudioMixer({ sampleRate: RATE, targetMs: 100, maxMs: 200 });
    // The track got 150 ms ahead once; from then on frames arrive as fast as they are mixed.
    mixer.push('a', constant(100, ms(150)));
    for (let tick = 0; tick < 50; tick++) {
      mixer.push('a', constant(100, ms(20)));
      pull(mixer, ms(20));
    }
    expect(mixer.droppedSamples).toBe(ms(150 - 15));
    expect(mixer.delayMs).toBe(15);
  });

  it("measures each track's loudness over the last few hundred milliseconds", () => {
    const mixer = createAudioMixer({ sampleRate: RATE });
    for (let tick = 0; tick < 100; tick++) {
      mixer.push('loud', constant(16_384, ms(20)));
      mixer.push('quiet', constant(328, ms(20)));
      pull(mixer, ms(20));
    }
    expect(mixer.level('loud')).toBeCloseTo(0.5, 2);
    expect(mixer.level('quiet')).toBeCloseTo(0.01, 3);
    expect(mixer.level('unknown')).toBe(0);
    for (let tick = 0; tick < 150; tick++) pull(mixer, ms(20));
    expect(mixer.level('loud')).toBeLessThan(0.01);
  });

  it('forgets a removed track', () => {
    const mixer = createAudioMixer({ sampleRate: RATE });
    mixer.push('a', constant(1_000, ms(20)));
    mixer.removeTrack('a');
    expect(mixer.trackCount).toBe(0);
    expect(pull(mixer, ms(10))[0]).toBe(0);
  });
});
