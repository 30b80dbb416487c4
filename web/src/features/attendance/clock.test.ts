import { describe, expect, it } from 'vitest';
import { clockFormatter, numberFormatter } from './clock.ts';

describe('times on the attendance report', () => {
  it('are read off the session’s clock, with a dot in Indonesian and AM/PM in English', () => {
    expect(clockFormatter('id', 'Asia/Makassar')('2025-12-07T12:05:00Z')).toBe('20.05');
    expect(clockFormatter('en', 'Asia/Makassar')('2025-12-07T12:05:00Z')).toBe('8:05 PM');
    expect(clockFormatter('id', 'Asia/Jakarta')('2025-12-07T02:30:00Z')).toBe('09.30');
    expect(clockFormatter('en', 'Asia/Jayapura')('2025-12-07T02:30:00Z')).toBe('11:30 AM');
  });

  it('group thousands as each language does', () => {
    expect(numberFormatter('id')(1250)).toBe('1.250');
    expect(numberFormatter('en')(1250)).toBe('1,250');
  });
});
