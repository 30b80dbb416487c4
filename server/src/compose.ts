/**
 * The composition root's wiring between capabilities that may not import each other
 * (docs/capabilities.md#rules): what live-room capabilities add to the room core, what
 * registrations and series add to a session, and what one capability reads of another through
 * that one's own functions. `start.ts`, `app.ts` and the demo seed use it.
 */
import type { AttendanceReport } from '@serambi/shared';
import { type AttendanceDeps, type AttendanceSources, attendanceReportOf as reportWith } from './attendance/service.ts';
import { breakoutsSnapshotPart } from './breakouts/room-part.ts';
import { breakoutSideRooms } from './breakouts/side-rooms.ts';
import { breakoutPeriods } from './breakouts/state.ts';
import { chatSnapshotPart } from './chat/room-part.ts';
import type { Database } from './db/client.ts';
import { averageRatings, feedbackEmails } from './feedback/service.ts';
import { materialsSnapshotPart } from './materials/pin.ts';
import { pollsSnapshotPart, pollVoteCounts } from './polls/room-part.ts';
import { answeringPins } from './qa/answering.ts';
import { qaSnapshotPart, questionVoteCounts } from './qa/room-part.ts';
import { askedQuestions } from './qa/state.ts';
import { reactionCounts } from './reactions/counts.ts';
import type { ChapterMarks } from './recordings/replay.ts';
import { recordingSnapshotPart } from './recordings/room-state.ts';
import type { RegistrationNotifications } from './registrations/notify.ts';
import { fillFreeSeats, seatCounts } from './registrations/service.ts';
import { registrantMails } from './registrations/session-mails.ts';
import type { RoomParts } from './room/parts.ts';
import { acceptSeriesPerson, seriesPersonByInvite, seriesReminderOffsets, seriesTitles } from './series/parts.ts';
import type { MailDeps } from './sessions/mail-context.ts';
import { sessionPeopleMails } from './sessions/mails.ts';
import type { SeatsGained, SessionNotifications } from './sessions/notify.ts';
import type { SessionParts } from './sessions/parts.ts';
import { whipPublishingFor } from './whip/room-part.ts';

/**
 * What the live-room capabilities add to the room core (docs/capabilities.md#rules, 1): their
 * parts of the snapshot, the counts the coalescer announces (in this order per burst), and the
 * breakout tables as the session's side rooms.
 */
export function liveRoomParts(db: Database): RoomParts {
  return {
    snapshot: {
      qa: qaSnapshotPart(db),
      chat: chatSnapshotPart(db),
      polls: pollsSnapshotPart(db),
      recording: recordingSnapshotPart(db),
      materials: materialsSnapshotPart(db),
      breakouts: breakoutsSnapshotPart(db),
    },
    counts: [questionVoteCounts, pollVoteCounts, reactionCounts],
    publishingFor: whipPublishingFor(),
    sideRooms: breakoutSideRooms(db),
  };
}

/**
 * What becomes a chapter of a session's recordings: every question pinned as "now answering"
 * (Q&A's), and every period of breakout tables (breakouts').
 */
export const chapterMarks: ChapterMarks = async (db, sessionId) => {
  const [pins, periods] = await Promise.all([answeringPins(db, sessionId), breakoutPeriods(db, sessionId)]);
  return [
    ...pins.map((pin) => ({ ...pin, kind: 'question' as const })),
    ...periods.map((period) => ({ ...period, kind: 'breakout' as const, questionId: null })),
  ].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
};

/** What attendance reports count of feedback and Q&A. */
export const attendanceSources: AttendanceSources = { feedbackEmails, averageRatings, askedQuestions };

/** A session's attendance report, with the feedback it counts (certificates' rules read it too). */
export function attendanceReportOf(deps: AttendanceDeps, sessionId: string): Promise<AttendanceReport> {
  return reportWith({ ...deps, sources: attendanceSources }, sessionId);
}

/** What registrations and series add to a session (docs/capabilities.md#rules, 3): sessions know neither. */
export const sessionParts: SessionParts = { seatCounts, seriesTitles, seriesPersonByInvite, acceptSeriesPerson };

/**
 * What the people of a session hear: registrants of its reminders, new time or cancellation
 * (registrations, with the series' reminder times), speakers and moderators of their invitation
 * (sessions).
 */
export function sessionNotifications(deps: MailDeps): SessionNotifications {
  return {
    using: (db) => sessionNotifications({ ...deps, db }),
    ...registrantMails({ ...deps, reminderOffsets: seriesReminderOffsets }),
    ...sessionPeopleMails(deps),
  };
}

/** Seats a session gained go to its waitlist, in order, and those who moved up hear of it. */
export function fillGainedSeats(
  deps: { db: Database; now: () => Date },
  notify: Pick<RegistrationNotifications, 'promoted'>,
): SeatsGained {
  return async (session) => notify.promoted(session, await fillFreeSeats(deps.db, session, deps.now()));
}
