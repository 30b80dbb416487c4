import { describe, expect, it } from 'vitest';
import { chapterAt, formatMediaTime } from './media-time.ts';

describe('times in a replay', () => {
  it('are written as players write them: minutes and seconds, hours once past the hour', () => {
    expect(formatMediaTime(0)).toBe('0:00');
    expect(formatMediaTime(65.9)).toBe('1:05');
    expect(formatMediaTime(3599)).toBe('59:59');
    expect(formatMediaTime(3600)).toBe('1:00:00');
    expect(formatMediaTime(3729)).toBe('1:02:09');
  });

  it('the chapter playing is the last one begun, none before the first', () => {
    const chapters = [{ at: 12 }, { at: 90 }, { at: 400 }];
    expect(chapterAt(chapters, 5)).toBe(-1);
    expect(chapterAt(chapters, 12)).toBe(0);
    expect(chapterAt(chapters, 399.5)).toBe(1);
    expect(chapterAt(chapters, 4000)).toBe(2);
    expect(chapterAt([], 10)).toBe(-1);
  });
});
