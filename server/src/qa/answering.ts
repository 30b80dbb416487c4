/**
 * "Now answering": the one question a moderator pins while it is answered. Each pin is an
 * interval (`question_answering`), and the pinned id is the room's (`session_rooms`, under its
 * lock); recordings make chapters of the intervals.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import type { EventDraft } from '../room/events.ts';
import { type SessionRoomRow, sessionRooms } from '../room/schema.ts';
import { type QuestionRow, questionAnswering, questions } from './schema.ts';

/** Pins an open question as "now answering" (one at a time): everyone sees it, the speaker prominently. */
export async function pin(tx: Tx, room: SessionRoomRow, row: QuestionRow, at: Date): Promise<EventDraft[]> {
  if (row.status !== 'open') throw new AppError(409, 'question_not_open', 'problems.questionNotOpen');
  if (room.answeringQuestionId === row.id) return [];
  await endAnswering(tx, room.sessionId, at);
  await tx.update(sessionRooms).set({ answeringQuestionId: row.id }).where(eq(sessionRooms.sessionId, room.sessionId));
  await tx.insert(questionAnswering).values({ sessionId: room.sessionId, questionId: row.id, startedAt: at });
  return [{ type: 'qa.answering', data: { id: row.id } }];
}

/** Unpins `questionId` if it is the one being answered. */
export async function unpinIf(tx: Tx, room: SessionRoomRow, questionId: string, at: Date): Promise<EventDraft[]> {
  if (room.answeringQuestionId !== questionId) return [];
  await endAnswering(tx, room.sessionId, at);
  await tx.update(sessionRooms).set({ answeringQuestionId: null }).where(eq(sessionRooms.sessionId, room.sessionId));
  return [{ type: 'qa.answering', data: { id: null } }];
}

/**
 * Every question pinned as "now answering" in the session, with when, in order: recordings
 * make their chapters of them (recordings' `AnsweringPins`).
 */
export async function answeringPins(db: Database, sessionId: string) {
  return db
    .select({
      questionId: questionAnswering.questionId,
      startedAt: questionAnswering.startedAt,
      endedAt: questionAnswering.endedAt,
      text: questions.text,
    })
    .from(questionAnswering)
    .innerJoin(questions, eq(questions.id, questionAnswering.questionId))
    .where(eq(questionAnswering.sessionId, sessionId))
    .orderBy(asc(questionAnswering.startedAt));
}

/** Closes the open "now answering" interval, if any (a chapter of the recording ends here). */
export async function endAnswering(tx: Tx, sessionId: string, at: Date) {
  await tx
    .update(questionAnswering)
    .set({ endedAt: at })
    .where(and(eq(questionAnswering.sessionId, sessionId), isNull(questionAnswering.endedAt)));
}
