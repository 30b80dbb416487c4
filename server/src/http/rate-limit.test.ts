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
    expect(() => limiter.take('budi')).toThrow(expect.objectContaining({ extra: { params: { seconds: 1 } } }));
  });
});
