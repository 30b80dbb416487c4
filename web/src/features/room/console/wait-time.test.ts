import { describe, expect, it } from 'vitest';
import { formatWaited, waitedSince } from './wait-time.ts';

describe('formatWaited', () => {
  it('reads seconds under a minute as 0:ss', () => {
    expect(formatWaited(7_400)).toBe('0:07');
  });

  it('reads minutes and seconds under an hour', () => {
    expect(formatWaited((12 * 60 + 5) * 1000)).toBe('12:05');
  });

  it('adds hours once an hour has passed', () => {
    expect(formatWaited((3600 + 2 * 60 + 3) * 1000)).toBe('1:02:03');
  });

  it('reads a span from a clock ahead of the server as no wait at all', () => {
    expect(formatWaited(-3_000)).toBe('0:00');
  });
});

describe('waitedSince', () => {
  it('counts from the instant the hand went up', () => {
    expect(waitedSince('2025-12-07T12:00:00.000Z', new Date('2025-12-07T12:01:30.000Z'))).toBe(90_000);
  });
});
