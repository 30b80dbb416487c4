import type { AttendeeRole } from '@serambi/shared';

/**
 * What earns a certificate (its criteria, not who may do what: permissions are the rules files),
 * as named predicates over plain values, no database: `eligibility.ts` reads a session's
 * attendance report and asks these.
 */

/** What a program's rule asks of one session. */
export interface SessionRule {
  minAttendancePercent: number;
  requireFeedback: boolean;
}

/** One person of a session's attendance report, as far as the rule reads it. */
export interface AttendanceRecord {
  role: AttendeeRole;
  /** Whole seconds in the room while the session was live. */
  seconds: number;
  gaveFeedback: boolean;
}

/**
 * Certificates of attendance are for the audience. Speakers and moderators ran the session:
 * an organizer who wants to thank them with a certificate issues one by hand.
 */
export const isAudience = (person: AttendanceRecord): boolean => person.role === 'participant';

/** In the room for at least the rule's share of the live session (`liveSeconds` long), in whole seconds as the report counts them. */
export const attendedEnough = (rule: SessionRule, person: AttendanceRecord, liveSeconds: number): boolean =>
  liveSeconds > 0 && person.seconds > 0 && person.seconds * 100 >= rule.minAttendancePercent * liveSeconds;

export const gaveRequiredFeedback = (rule: SessionRule, person: AttendanceRecord): boolean =>
  !rule.requireFeedback || person.gaveFeedback;

/** The session rule: an audience member who stayed long enough and, if asked, gave feedback. */
export const meetsSessionRule = (rule: SessionRule, person: AttendanceRecord, liveSeconds: number): boolean =>
  isAudience(person) && attendedEnough(rule, person, liveSeconds) && gaveRequiredFeedback(rule, person);

/** The series rule: the session rule met in at least `minSessions` of the series' sessions (none when null). */
export const meetsSeriesRule = (minSessions: number | null, sessionsMet: number): boolean =>
  minSessions !== null && sessionsMet >= minSessions;

/** The live session's length in whole seconds, rounded as the attendance report rounds a person's time. */
export function liveSecondsOf(liveAt: string | null, endedAt: string | null): number {
  if (!liveAt || !endedAt) return 0;
  return Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(liveAt)) / 1000));
}
