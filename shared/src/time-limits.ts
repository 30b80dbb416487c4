/**
 * How far the dates, times and durations people send may reach, in one place for the schemas,
 * the services and the forms (the schemas are in time-schemas.ts, so this stays free of zod).
 * Two kinds of limit:
 * - absolute years, checked by the schemas: nobody plans a session in the year 26 or 9999, and
 *   such a date would reach the database, mails and calendars as it was typed;
 * - windows around the clock (`now`) or around the session, checked by the services with their
 *   injected clock and by the forms with the browser's: a start three years ago is possible to
 *   write but surely a slip.
 */

/** Every date and instant the API takes falls in these years (UTC), inclusive. */
export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 2100;

/** A session (each session of a series too) starts at most this many years ago … */
export const SESSION_START_YEARS_BACK = 1;
/** … and at most this many years ahead. */
export const SESSION_START_YEARS_AHEAD = 5;

/** Sessions last from a quarter of an hour to half a day. */
export const MIN_SESSION_MINUTES = 15;
export const MAX_SESSION_MINUTES = 12 * 60;

/** Doors open at most this many hours before the start, and no later than the start. */
export const MAX_DOORS_OPEN_EARLY_HOURS = 24;

/** A series' reminder mails go out between 5 minutes and 14 days before each session, at most 4 of them. */
export const MIN_REMINDER_OFFSET_MINUTES = 5;
export const MAX_REMINDER_OFFSET_MINUTES = 14 * 24 * 60;
export const MAX_REMINDERS = 4;

const EARLIEST_MS = Date.UTC(EARLIEST_YEAR, 0, 1);
const AFTER_LATEST_MS = Date.UTC(LATEST_YEAR + 1, 0, 1);

/** True for an ISO instant ("2026-12-06T20:00:00+08:00") that falls in EARLIEST_YEAR…LATEST_YEAR, in UTC. */
export function isInstantWithinYears(value: string): boolean {
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms < AFTER_LATEST_MS;
}

/** True for a calendar date ("2026-12-06") in EARLIEST_YEAR…LATEST_YEAR. */
export function isDateWithinYears(value: string): boolean {
  const match = /^(\d{4})-\d{2}-\d{2}$/.exec(value);
  const year = Number(match?.[1]);
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/** From `earliest` to `latest`, both included. */
export interface TimeWindow {
  earliest: Date;
  latest: Date;
}

export function isWithinWindow(window: TimeWindow, instant: Date): boolean {
  return instant.getTime() >= window.earliest.getTime() && instant.getTime() <= window.latest.getTime();
}

function yearsFrom(instant: Date, years: number): Date {
  const moved = new Date(instant.getTime());
  moved.setUTCFullYear(moved.getUTCFullYear() + years);
  return moved;
}

/** When a session may start, seen from `now`. */
export function sessionStartWindow(now: Date): TimeWindow {
  return { earliest: yearsFrom(now, -SESSION_START_YEARS_BACK), latest: yearsFrom(now, SESSION_START_YEARS_AHEAD) };
}

/** The message parameters of `validation.sessionStart`: the years and the dates (YYYY-MM-DD, UTC). */
export function sessionStartParams(window: TimeWindow): Record<string, string | number> {
  return {
    back: SESSION_START_YEARS_BACK,
    ahead: SESSION_START_YEARS_AHEAD,
    earliest: isoDay(window.earliest),
    latest: isoDay(window.latest),
  };
}

/** When the doors of a session starting at `startsAt` may open. */
export function doorsOpenWindow(startsAt: Date): TimeWindow {
  return { earliest: new Date(startsAt.getTime() - MAX_DOORS_OPEN_EARLY_HOURS * 3_600_000), latest: startsAt };
}

/** "2026-12-06" */
export function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
