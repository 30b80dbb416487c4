import type { AttendanceReport, Attendee } from '@serambi/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { sessionRooms } from '../room/schema.ts';
import { sessions } from '../sessions/schema.ts';
import { liveSecondsOf, meetsSeriesRule, meetsSessionRule, type SessionRule } from './criteria.ts';

/**
 * A session's attendance report (attendance's, given where the app is composed: compose.ts), as
 * of `deps.now`: certificates do not import attendance.
 */
export type AttendanceReportOf = (
  deps: { db: Database; now: () => Date },
  sessionId: string,
) => Promise<AttendanceReport>;

interface EligibilityDeps {
  db: Database;
  now: () => Date;
  attendanceReportOf: AttendanceReportOf;
}

/** The people of a session's attendance report whom the rule admits. */
export async function eligibleInSession(
  deps: EligibilityDeps,
  sessionId: string,
  rule: SessionRule,
): Promise<Attendee[]> {
  const report = await deps.attendanceReportOf(deps, sessionId);
  const liveSeconds = liveSecondsOf(report.liveAt, report.endedAt);
  return report.people.filter((person) => meetsSessionRule(rule, person, liveSeconds));
}

/** One person's standing in a series: the sessions (ended, in order) where they met the rule. */
export interface SeriesStanding {
  email: string;
  /** As they registered for the latest of those sessions. */
  name: string;
  registrationId: string | null;
  sessionsMet: number;
}

/**
 * Everyone who met the series program's rule in at least one ended session of the series,
 * with how many. `endedBy` counts only sessions that had ended by then (a certificate's "N of
 * M" stays what it was when it was issued).
 */
export async function seriesStandings(
  deps: EligibilityDeps,
  seriesId: string,
  rule: SessionRule,
  options: { endedBy?: Date } = {},
): Promise<Map<string, SeriesStanding>> {
  const ended = await deps.db
    .select({ id: sessions.id, endedAt: sessionRooms.endedAt })
    .from(sessions)
    .innerJoin(sessionRooms, eq(sessionRooms.sessionId, sessions.id))
    .where(and(eq(sessions.seriesId, seriesId), eq(sessions.status, 'ended')))
    .orderBy(asc(sessions.startsAt));
  const standings = new Map<string, SeriesStanding>();
  for (const session of ended) {
    if (options.endedBy && session.endedAt && session.endedAt > options.endedBy) continue;
    for (const person of await eligibleInSession(deps, session.id, rule)) {
      const known = standings.get(person.email);
      standings.set(person.email, {
        email: person.email,
        name: person.name,
        registrationId: person.registrationId ?? known?.registrationId ?? null,
        sessionsMet: (known?.sessionsMet ?? 0) + 1,
      });
    }
  }
  return standings;
}

/** Those whose standing earns the series certificate. */
export function seriesEligible(standings: Map<string, SeriesStanding>, minSessions: number | null): SeriesStanding[] {
  return [...standings.values()].filter((standing) => meetsSeriesRule(minSessions, standing.sessionsMet));
}
