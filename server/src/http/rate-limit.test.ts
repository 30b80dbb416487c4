import { afterEach, describe, expect, it, vi } from 'vitest';
import { aDatabase } from '../../../test/support/factories.ts';
import { createRateLimiter, createSharedRateLimiter } from './rate-limit.ts';

const refused = expect.objectContaining({ status: 429, code: 'rate_limited' });

describe('a rate limiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a burst through, then one action per interval, per key', () => {
    let clock = new Date('2026-12-07T00:00:00Z');
    const limiter = createRateLimiter({ burst: 3, everyMs: 1_000, now: () => clock });
    for (let i = 0; i < 3; i++) limiter.take('budi');
    expect(() => limiter.take('budi')).toThrow(refused);
    limiter.take('sari');
    clock = new Date(clock.getTime() + 1_000);
    limiter.take('budi');
    expect(() => limiter.take('budi')).toThrow(
      expect.objectContaining({ extra: { params: expect.objectContaining({ seconds: 1 }) } }),
    );
  });
});

describe('a rate limiter’s memory', () => {
  it('holds at most maxKeys keys, forgetting the one used longest ago, however many clients come at once', () => {
    const limiter = createRateLimiter({ burst: 2, everyMs: 60_000, now: () => new Date(0), maxKeys: 100 });
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

  it('refills by the given clock alone, however the machine’s moves', () => {
    let clock = new Date('2026-12-07T00:00:00Z');
    const limiter = createRateLimiter({ burst: 1, everyMs: 1_000, now: () => clock });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2019-03-01T00:00:00Z'));
    limiter.take('budi');
    vi.setSystemTime(new Date('2040-06-01T00:00:00Z'));
    expect(() => limiter.take('budi')).toThrow(refused);
    clock = new Date(clock.getTime() + 1_000);
    limiter.take('budi');
  });
});

describe('a rate limit counted in the database', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens a new window by the given clock alone, however the machine’s moves', async () => {
    const handle = await aDatabase('pglite');
    try {
      let clock = new Date('2026-12-07T00:00:00Z');
      const limiter = createSharedRateLimiter(handle.db, { max: 1, windowSeconds: 60, now: () => clock });
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2019-03-01T00:00:00Z'));
      await limiter.take('budi');
      vi.setSystemTime(new Date('2040-06-01T00:00:00Z'));
      await expect(limiter.take('budi')).rejects.toEqual(refused);
      clock = new Date(clock.getTime() + 61_000);
      await expect(limiter.take('budi')).resolves.toEqual({ giveBack: expect.any(Function) });
    } finally {
      vi.useRealTimers();
      await handle.close();
    }
  });
});
