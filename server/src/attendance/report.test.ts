import { describe, expect, it } from 'vitest';
import {
  clip,
  liveSpanOf,
  MAX_TIMELINE_POINTS,
  mergeConnections,
  peakOf,
  percentOf,
  totalMs,
  viewersOverTime,
  wholeMinutes,
  wholeSeconds,
} from './report.ts';

const LIVE_AT = Date.parse('2026-12-06T12:00:00Z');
/** Milliseconds `minutes` after going live. */
const at = (minutes: number) => LIVE_AT + minutes * 60_000;
const span = (from: number, to: number) => ({ from: at(from), to: at(to) });
const live = span(0, 60);

describe('a person’s time in the room', () => {
  it('joins overlapping connections (a second device) into one stay, not their sum', () => {
    const merged = mergeConnections([span(0, 30), span(10, 50)], at(60));
    expect(merged).toEqual([span(0, 50)]);
    expect(totalMs(merged)).toBe(50 * 60_000);
  });

  it('keeps the gap of a reconnect out, and joins stays that touch', () => {
    expect(mergeConnections([span(40, 50), span(0, 10), span(10, 20)], at(60))).toEqual([span(0, 20), span(40, 50)]);
  });

  it('counts an open connection until the given end, and drops ones that end before they start', () => {
    expect(mergeConnections([{ from: at(45), to: null }], at(60))).toEqual([span(45, 60)]);
    // LiveKit stamps a leave in whole seconds: one within the second of its join can end "before" it.
    expect(mergeConnections([{ from: at(5) + 400, to: at(5) }], at(60))).toEqual([]);
  });

  it('counts only what falls inside the live span (waiting before going live does not count)', () => {
    expect(clip([span(-10, 5), span(55, 70)], live)).toEqual([span(0, 5), span(55, 60)]);
    expect(clip([span(-10, -5)], live)).toEqual([]);
  });
});

describe('the live span', () => {
  it('runs from going live to the end, or to now while live, and is nothing before going live', () => {
    const liveAt = new Date(at(0));
    expect(liveSpanOf(liveAt, new Date(at(90)), new Date(at(200)))).toEqual(span(0, 90));
    expect(liveSpanOf(liveAt, null, new Date(at(12)))).toEqual(span(0, 12));
    expect(liveSpanOf(null, null, new Date(at(12)))).toBeNull();
  });
});

describe('lengths and shares', () => {
  it('rounds to whole seconds, minutes and percent, and keeps percent within 0–100', () => {
    expect(wholeSeconds(90_400)).toBe(90);
    expect(wholeMinutes(89_999)).toBe(1);
    expect(wholeMinutes(29_000)).toBe(0);
    expect(percentOf(45, 60)).toBe(75);
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(61, 60)).toBe(100);
    expect(percentOf(10, 0)).toBe(0);
  });
});

describe('peak concurrent viewers', () => {
  it('counts each person once however many devices, and says when it was first reached', () => {
    const ayu = mergeConnections([span(0, 40), span(5, 45)], at(60));
    const budi = [span(10, 20)];
    const sari = [span(15, 60)];
    expect(peakOf([ayu, budi, sari], live)).toEqual({ viewers: 3, at: at(15) });
  });

  it('does not count a leave and a join at the same instant as overlapping', () => {
    expect(peakOf([[span(0, 10)], [span(10, 20)]], live)).toEqual({ viewers: 1, at: at(0) });
  });

  it('is nobody when nobody came', () => {
    expect(peakOf([[], []], live)).toEqual({ viewers: 0, at: null });
  });
});

describe('viewers over time', () => {
  it('has one point per minute from going live, each the most people in at once during that minute', () => {
    const points = viewersOverTime([[span(0, 2.5)], [span(1.5, 1.6)], [span(2, 3.1)]], span(0, 3.2));
    expect(points).toEqual([
      { at: new Date(at(0)).toISOString(), viewers: 1 },
      { at: new Date(at(1)).toISOString(), viewers: 2 },
      { at: new Date(at(2)).toISOString(), viewers: 2 },
      { at: new Date(at(3)).toISOString(), viewers: 1 },
    ]);
  });

  it('steps in whole minutes, within a day’s worth of points, through a span of two thousand years', () => {
    const wentLive = Date.parse('0026-01-01T00:01:00Z');
    const points = viewersOverTime([[span(0, 30)]], { from: wentLive, to: at(60) });
    expect(points.length).toBeLessThanOrEqual(MAX_TIMELINE_POINTS);
    expect(points.length).toBeGreaterThan(MAX_TIMELINE_POINTS - 2);
    const [first, second] = points.map((point) => Date.parse(point.at));
    expect(((second ?? 0) - (first ?? 0)) % 60_000).toBe(0);
    expect(points.at(-1)?.viewers).toBe(1);
  });
});
