import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('a rate limiter', () => {
  it('lets a burst through, then one action per interval, per key', () => {
    let clock = 0;
    const limiter = createRateLimiter({ burst: 3, everyMs: 1_000, now: () => clock });
    for (let i = 0; i < 3; i++) limiter.take('budi');
    expect(() => limiter.take('budi')).toThrow(expect.objectContaining({ status: 429, code: 'rate_limited' }));
    limiter.take('sari');
    clock += 1_000;
    limiter.take('budi');
    expect(() => limiter.take('budi')).toThrow(
      expect.objectContaining({ extra: { params: expect.objectContaining({ seconds: 1 }) } }),
    );
  });
});

describe('a rate limiter’s memory', () => {
  it('holds at most maxKeys keys, forgetting the one used longest ago, however many clients come at once', () => {
    const limiter = createRateLimiter({ burst: 2, everyMs: 60_000, now: () => 0, maxKeys: 100 });
    // 10 000 clients each take a token at the same instant: no bucket is full again, none can be dropped as empty.
    for (let i = 0; i < 10_000; i++) limiter.take(`client-${i}`);
    expect(limiter.size).toBe(100);

    // A key used recently stays; the least recently used one goes first.
    limiter.take('budi');
    limiter.take('budi');
    expect(() => limiter.take('budi')).toThrow(expect.objectContaining({ status: 429 }));
    for (let i = 0; i < 99; i++) limiter.take(`later-${i}`);
    expect(() => limiter.take('budi')).toThrow(expect.objectContaining({ status: 429 }));
    expect(limiter.size).toBe(100);
    // Once 100 other keys were used since, it is forgotten (and starts with a full bucket).
    for (let i = 0; i < 100; i++) limiter.take(`newer-${i}`);
    expect(() => limiter.take('budi')).not.toThrow();
    expect(limiter.size).toBe(100);
  });
});
