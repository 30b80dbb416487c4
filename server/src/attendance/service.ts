import type { AttendanceReport } from '@serambi/shared';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { registrationsOfSession } from '../registrations/service.ts';
import { roomPeople, roomTimes } from '../room/participants.ts';
import type { AttendanceDeps } from './intervals.ts';
import { attendanceReportFrom } from './people.ts';
import { attendanceIntervals } from './schema.ts';

export type { AttendanceDeps } from './intervals.ts';

/**
 * What attendance reports count of other capabilities, read by their own functions (feedback's
 * `feedbackEmails`, `averageRatings`; Q&A's `askedQuestions`), given where the app is composed
 * (`attendanceSources` in compose.ts): attendance imports none of them.
 */
export interface AttendanceSources {
  /** Lower-cased emails of those who answered the session's feedback form. */
  feedbackEmails(db: Database, sessionId: string): Promise<string[]>;
  /** The average rating of each of the sessions that has feedback. */
  averageRatings(db: Database, sessionIds: string[]): Promise<{ sessionId: string; rating: number | null }[]>;
  /** The questions the sessions' audiences asked (those the room took, and duplicates merged). */
  askedQuestions(db: Database, sessionIds: string[]): Promise<{ text: string; votes: number }[]>;
}

/** What a report reads with: the database, the clock, and the other capabilities' figures. */
export interface AttendanceReportDeps extends AttendanceDeps {
  sources: AttendanceSources;
}

/**
 * Who was in the session's room while it was live, person by person, with the audience's
 * counts (attendance/people.ts says how people and counts are made). While the session is live
 * the report runs until now; a session that never went live has zeros and no timeline.
 */
export async function attendanceReportOf(deps: AttendanceReportDeps, sessionId: string): Promise<AttendanceReport> {
  const [room, registrants, participants, intervals, feedback] = await Promise.all([
    roomTimes(deps.db, sessionId),
    registrationsOfSession(deps.db, sessionId),
    roomPeople(deps.db, sessionId),
    deps.db
      .select({
        identity: attendanceIntervals.identity,
        joinedAt: attendanceIntervals.joinedAt,
        leftAt: attendanceIntervals.leftAt,
      })
      .from(attendanceIntervals)
      .where(eq(attendanceIntervals.sessionId, sessionId)),
    deps.sources.feedbackEmails(deps.db, sessionId),
  ]);
  return attendanceReportFrom({
    sessionId,
    liveAt: room.liveAt,
    endedAt: room.endedAt,
    now: deps.now(),
    registrations: registrants,
    participants,
    intervals,
    feedbackEmails: new Set(feedback),
  });
}
