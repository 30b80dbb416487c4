import { describe, expect, it } from 'vitest';
import { countTicks, linearScale, nearestIndex, niceStep, stepAreaPath, stepLinePath, timeTicks } from './scale.ts';

const at = (iso: string) => Date.parse(iso);

describe('the count axis of a chart', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7.5)).toBe(10);
    expect(niceStep(12)).toBe(20);
    expect(niceStep(260)).toBe(500);
  });

  it('runs from zero in whole people to a round number at or above the largest value', () => {
    expect(countTicks(23)).toEqual([0, 10, 20, 30]);
    expect(countTicks(30)).toEqual([0, 10, 20, 30]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(148, 5)).toEqual([0, 50, 100, 150]);
  });

  it('still has an axis when nobody came', () => {
    expect(countTicks(0)).toEqual([0, 1]);
  });
});

describe('the time axis of the viewers chart', () => {
  it('puts ticks on whole quarters of the hour for a ninety-minute session', () => {
    const ticks = timeTicks(at('2025-12-07T12:02:00Z'), at('2025-12-07T13:34:00Z'), 7);
    expect(ticks.map((tick) => new Date(tick).toISOString().slice(11, 16))).toEqual([
      '12:15',
      '12:30',
      '12:45',
      '13:00',
      '13:15',
      '13:30',
    ]);
  });

  it('takes fewer, wider steps when there is less room', () => {
    const ticks = timeTicks(at('2025-12-07T12:00:00Z'), at('2025-12-07T13:30:00Z'), 3);
    expect(ticks.map((tick) => new Date(tick).toISOString().slice(11, 16))).toEqual([
      '12:00',
      '12:30',
      '13:00',
      '13:30',
    ]);
  });

  it('follows the clock of the session’s zone, also where it is off by a quarter hour', () => {
    // Nepal is UTC+5:45: its 18:00 is 12:15 UTC.
    const ticks = timeTicks(at('2025-12-07T12:05:00Z'), at('2025-12-07T13:20:00Z'), 3, 345);
    expect(ticks.map((tick) => new Date(tick).toISOString().slice(11, 16))).toEqual(['12:15', '12:45', '13:15']);
  });

  it('gives the start alone when the session lasted no time', () => {
    expect(timeTicks(1000, 1000, 5)).toEqual([1000]);
  });
});

describe('reading the chart with a pointer', () => {
  it('finds the point nearest to where the pointer is, the earlier one on a tie', () => {
    const xs = [0, 10, 20, 30];
    expect(nearestIndex(xs, -5)).toBe(0);
    expect(nearestIndex(xs, 14)).toBe(1);
    expect(nearestIndex(xs, 15)).toBe(1);
    expect(nearestIndex(xs, 16)).toBe(2);
    expect(nearestIndex(xs, 99)).toBe(3);
    expect(nearestIndex([], 3)).toBe(-1);
  });

  it('maps values to pixels, upside down for a y axis', () => {
    const y = linearScale([0, 30], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(15)).toBe(100);
    expect(y(30)).toBe(0);
    expect(linearScale([5, 5], [0, 100])(5)).toBe(0);
  });
});

describe('the viewers line', () => {
  it('holds each count until the next minute, then steps', () => {
    const points = [
      { x: 0, y: 50 },
      { x: 10, y: 40 },
      { x: 20, y: 45 },
    ];
    expect(stepLinePath(points)).toBe('M0,50H10V40H20V45');
    expect(stepAreaPath(points, 60)).toBe('M0,50H10V40H20V45V60H0Z');
  });

  it('draws nothing without points', () => {
    expect(stepLinePath([])).toBe('');
    expect(stepAreaPath([], 10)).toBe('');
  });
});
