/**
 * The composition root's wiring between capabilities that may not import each other
 * (docs/capabilities.md#rules): what live-room capabilities add to the room core, and what one
 * capability reads of another through that one's own functions. `start.ts` and `app.ts` use it.
 */
import type { AttendanceReport } from '@serambi/shared';
import { type AttendanceDeps, type AttendanceSources, attendanceReportOf as reportWith } from './attendance/service.ts';
import { chatSnapshotPart } from './chat/room-part.ts';
import type { Database } from './db/client.ts';
import { averageRatings, feedbackEmails } from './feedback/service.ts';
import { pollsSnapshotPart, pollVoteCounts } from './polls/room-part.ts';
import { qaSnapshotPart, questionVoteCounts } from './qa/room-part.ts';
import { askedQuestions } from './qa/service.ts';
import { reactionCounts } from './reactions/counts.ts';
import { recordingSnapshotPart } from './recordings/room-state.ts';
import type { RoomParts } from './room/parts.ts';

/**
 * What the live-room capabilities add to the room core (docs/capabilities.md#rules, 1): their
 * parts of the snapshot, and the counts the coalescer announces (in this order per burst).
 */
export function liveRoomParts(db: Database): RoomParts {
  return {
    snapshot: {
      qa: qaSnapshotPart(db),
      chat: chatSnapshotPart(db),
      polls: pollsSnapshotPart(db),
      recording: recordingSnapshotPart(db),
    },
    counts: [questionVoteCounts, pollVoteCounts, reactionCounts],
  };
}

/** What attendance reports count of feedback and Q&A. */
export const attendanceSources: AttendanceSources = { feedbackEmails, averageRatings, askedQuestions };

/** A session's attendance report, with the feedback it counts (certificates' rules read it too). */
export function attendanceReportOf(deps: AttendanceDeps, sessionId: string): Promise<AttendanceReport> {
  return reportWith({ ...deps, sources: attendanceSources }, sessionId);
}
