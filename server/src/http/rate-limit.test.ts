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
    expect(() => limiter.take('budi')).toThrow(expect.objectContaining({ extra: { params: { seconds: 1 } } }));
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
      await expect(limiter.take('budi')).resolves.toBeUndefined();
    } finally {
      vi.useRealTimers();
      await handle.close();
    }
  });
});
