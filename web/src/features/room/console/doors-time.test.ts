import { describe, expect, it } from 'vitest';
import { clocksDiffer, dateTimeLocalValue, instantOfDateTimeLocal } from './doors-time.ts';

describe('doors-open time in a datetime-local input', () => {
  it('shows an instant as clocks in the session’s zone read it', () => {
    expect(dateTimeLocalValue('2026-12-06T11:45:00.000Z', 'Asia/Makassar')).toBe('2026-12-06T19:45');
  });

  it('reads what was typed as a time on clocks in the chosen zone', () => {
    expect(instantOfDateTimeLocal('2026-12-06T19:45', 'Asia/Makassar')?.toISOString()).toBe('2026-12-06T11:45:00.000Z');
    expect(instantOfDateTimeLocal('2026-12-06T19:45', 'Europe/Berlin')?.toISOString()).toBe('2026-12-06T18:45:00.000Z');
  });

  it('gives nothing for an empty input', () => {
    expect(instantOfDateTimeLocal('', 'Asia/Jakarta')).toBeNull();
  });

  it('tells zones apart only when their clocks read differently', () => {
    expect(clocksDiffer('Asia/Makassar', 'Asia/Singapore', '2026-12-06T12:00:00Z')).toBe(false);
    expect(clocksDiffer('Asia/Makassar', 'Asia/Jakarta', '2026-12-06T12:00:00Z')).toBe(true);
  });
});
