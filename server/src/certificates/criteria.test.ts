import { describe, expect, it } from 'vitest';
import {
  type AttendanceRecord,
  attendedEnough,
  gaveRequiredFeedback,
  isAudience,
  liveSecondsOf,
  meetsSeriesRule,
  meetsSessionRule,
} from './criteria.ts';

/** A 100-minute session; the usual rule asks for 75% of it. */
const LIVE_SECONDS = 100 * 60;
const usual = { minAttendancePercent: 75, requireFeedback: false };
const withFeedback = { minAttendancePercent: 75, requireFeedback: true };
const someone = (minutes: number, extra: Partial<AttendanceRecord> = {}): AttendanceRecord => ({
  role: 'participant',
  seconds: Math.round(minutes * 60),
  gaveFeedback: false,
  ...extra,
});

describe('the session rule', () => {
  it('admits 75 of 100 minutes and not 74', () => {
    expect(attendedEnough(usual, someone(75), LIVE_SECONDS)).toBe(true);
    expect(attendedEnough(usual, someone(74), LIVE_SECONDS)).toBe(false);
  });

  it('is exact to the second at the boundary', () => {
    expect(attendedEnough(usual, { ...someone(0), seconds: 4500 }, LIVE_SECONDS)).toBe(true);
    expect(attendedEnough(usual, { ...someone(0), seconds: 4499 }, LIVE_SECONDS)).toBe(false);
  });

  it('admits someone who was there the whole time under a 100% rule', () => {
    expect(attendedEnough({ ...usual, minAttendancePercent: 100 }, someone(100), LIVE_SECONDS)).toBe(true);
  });

  it('admits nobody to a session that never went live, nor someone who never came', () => {
    expect(attendedEnough({ ...usual, minAttendancePercent: 1 }, someone(10), 0)).toBe(false);
    expect(attendedEnough({ ...usual, minAttendancePercent: 1 }, someone(0), LIVE_SECONDS)).toBe(false);
  });

  it('asks for feedback only when the program says so', () => {
    expect(gaveRequiredFeedback(usual, someone(80))).toBe(true);
    expect(gaveRequiredFeedback(withFeedback, someone(80))).toBe(false);
    expect(gaveRequiredFeedback(withFeedback, someone(80, { gaveFeedback: true }))).toBe(true);
  });

  it('is for the audience: speakers and moderators get theirs by hand', () => {
    expect(isAudience(someone(100))).toBe(true);
    expect(meetsSessionRule(usual, someone(100, { role: 'speaker' }), LIVE_SECONDS)).toBe(false);
    expect(meetsSessionRule(usual, someone(100, { role: 'moderator' }), LIVE_SECONDS)).toBe(false);
  });

  it('needs every part at once', () => {
    expect(meetsSessionRule(withFeedback, someone(90, { gaveFeedback: true }), LIVE_SECONDS)).toBe(true);
    expect(meetsSessionRule(withFeedback, someone(90), LIVE_SECONDS)).toBe(false);
    expect(meetsSessionRule(withFeedback, someone(60, { gaveFeedback: true }), LIVE_SECONDS)).toBe(false);
  });
});

describe('the series rule', () => {
  it('admits 2 of 3 sessions when 2 are asked, not 1', () => {
    expect(meetsSeriesRule(2, 2)).toBe(true);
    expect(meetsSeriesRule(2, 3)).toBe(true);
    expect(meetsSeriesRule(2, 1)).toBe(false);
  });

  it('gives nothing when the series has no series certificate', () => {
    expect(meetsSeriesRule(null, 10)).toBe(false);
  });
});

describe('the length of a live session', () => {
  it('is whole seconds from going live to the end, and zero before either', () => {
    expect(liveSecondsOf('2026-12-06T12:00:00.000Z', '2026-12-06T13:40:00.400Z')).toBe(6000);
    expect(liveSecondsOf('2026-12-06T12:00:00.000Z', null)).toBe(0);
    expect(liveSecondsOf(null, null)).toBe(0);
  });
});
