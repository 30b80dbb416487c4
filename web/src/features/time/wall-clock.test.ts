import { describe, expect, it } from 'vitest';
import { instantOf, wallClockOf } from './wall-clock.ts';

describe('wall-clock times in a zone', () => {
  it('reads 20:00 in Makassar as 12:00 UTC', () => {
    expect(instantOf({ date: '2026-12-06', time: '20:00' }, 'Asia/Makassar').toISOString()).toBe(
      '2026-12-06T12:00:00.000Z',
    );
  });

  it('reads a time just after midnight in Jayapura as the previous day in UTC', () => {
    expect(instantOf({ date: '2026-01-01', time: '00:30' }, 'Asia/Jayapura').toISOString()).toBe(
      '2025-12-31T15:30:00.000Z',
    );
  });

  it('follows Berlin into and out of summer time', () => {
    expect(instantOf({ date: '2026-03-28', time: '12:00' }, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-28T11:00:00.000Z',
    );
    expect(instantOf({ date: '2026-03-29', time: '12:00' }, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T10:00:00.000Z',
    );
  });

  it('puts a time the clock skips just after the gap', () => {
    expect(instantOf({ date: '2026-03-29', time: '02:30' }, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('gives back the wall clock it was made from', () => {
    for (const timeZone of ['Asia/Jakarta', 'Asia/Makassar', 'America/New_York', 'Europe/Berlin']) {
      const wallClock = { date: '2026-07-15', time: '19:45' };
      expect(wallClockOf(instantOf(wallClock, timeZone), timeZone)).toEqual(wallClock);
    }
  });

  it('refuses an empty date', () => {
    expect(() => instantOf({ date: '', time: '20:00' }, 'Asia/Makassar')).toThrow(RangeError);
  });
});

describe('wall-clock years a person mistypes', () => {
  it('reads the year 26 as the year 26, not 1926, so the form can say it is out of range', () => {
    expect(instantOf({ date: '0026-01-01', time: '08:00' }, 'UTC').toISOString()).toBe('0026-01-01T08:00:00.000Z');
  });

  it('writes the year 26 with four digits, as a date input wants it', () => {
    expect(wallClockOf('0026-01-01T08:00:00Z', 'UTC')).toEqual({ date: '0026-01-01', time: '08:00' });
  });
});
