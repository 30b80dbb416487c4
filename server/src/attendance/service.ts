import type { AttendanceReport } from '@serambi/shared';
import { eq } from 'drizzle-orm';
import { feedbackResponses } from '../feedback/schema.ts';
import { registrations } from '../registrations/schema.ts';
import { roomParticipants, sessionRooms } from '../room/schema.ts';
import type { AttendanceDeps } from './intervals.ts';
import { attendanceReportFrom } from './people.ts';
import { attendanceIntervals } from './schema.ts';

export type { AttendanceDeps } from './intervals.ts';

/**
 * Who was in the session's room while it was live, person by person, with the audience's
 * counts (attendance/people.ts says how people and counts are made). While the session is live
 * the report runs until now; a session that never went live has zeros and no timeline.
 */
export async function attendanceReportOf(deps: AttendanceDeps, sessionId: string): Promise<AttendanceReport> {
  const [rooms, registrants, participants, intervals, feedback] = await Promise.all([
    deps.db
      .select({ liveAt: sessionRooms.liveAt, endedAt: sessionRooms.endedAt })
      .from(sessionRooms)
      .where(eq(sessionRooms.sessionId, sessionId)),
    deps.db
      .select({
        id: registrations.id,
        name: registrations.name,
        email: registrations.email,
        status: registrations.status,
      })
      .from(registrations)
      .where(eq(registrations.sessionId, sessionId)),
    deps.db
      .select({
        identity: roomParticipants.identity,
        name: roomParticipants.name,
        email: roomParticipants.email,
        role: roomParticipants.role,
        registrationId: roomParticipants.registrationId,
      })
      .from(roomParticipants)
      .where(eq(roomParticipants.sessionId, sessionId)),
    deps.db
      .select({
        identity: attendanceIntervals.identity,
        joinedAt: attendanceIntervals.joinedAt,
        leftAt: attendanceIntervals.leftAt,
      })
      .from(attendanceIntervals)
      .where(eq(attendanceIntervals.sessionId, sessionId)),
    deps.db
      .select({ email: feedbackResponses.email })
      .from(feedbackResponses)
      .where(eq(feedbackResponses.sessionId, sessionId)),
  ]);
  return attendanceReportFrom({
    sessionId,
    liveAt: rooms[0]?.liveAt ?? null,
    endedAt: rooms[0]?.endedAt ?? null,
    now: deps.now(),
    registrations: registrants,
    participants,
    intervals,
    feedbackEmails: new Set(feedback.map((row) => row.email.toLowerCase())),
  });
}
