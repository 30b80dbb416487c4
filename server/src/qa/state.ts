/** What others read of Q&A: its part of a caller's snapshot, and the questions sessions were asked. */
import type { QaState, QuestionStatus } from '@serambi/shared';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import type { RoomParticipantRow, SessionRoomRow } from '../room/schema.ts';
import { isModerator } from './rules.ts';
import { questions, questionVotes } from './schema.ts';
import { questionView } from './views.ts';

type Caller = RoomParticipantRow;

/** The Q&A part of `viewer`'s snapshot. */
export async function qaStateFor(db: Database, room: SessionRoomRow, viewer: Caller): Promise<QaState> {
  const moderator = isModerator(viewer);
  const [rows, votes] = await Promise.all([
    db
      .select()
      .from(questions)
      .where(
        and(
          eq(questions.sessionId, room.sessionId),
          or(
            inArray(questions.status, moderator ? ['open', 'answered', 'pending', 'dismissed'] : ['open', 'answered']),
            and(eq(questions.authorIdentity, viewer.identity), sql`${questions.status} <> 'withdrawn'`),
          ),
        ),
      )
      .orderBy(questions.createdAt),
    db
      .select({ id: questionVotes.questionId })
      .from(questionVotes)
      .where(and(eq(questionVotes.sessionId, room.sessionId), eq(questionVotes.identity, viewer.identity))),
  ]);
  return {
    questions: rows.map((row) => questionView(row, viewer)),
    answeringId: room.answeringQuestionId,
    mine: rows.filter((row) => row.authorIdentity === viewer.identity).map((row) => row.id),
    myVotes: votes.map((v) => v.id),
  };
}

/**
 * Questions that count as asked: those the room took (open, answered) and duplicates merged
 * into another (someone did ask it). Pending ones were never let through, dismissed ones were
 * turned down, withdrawn ones taken back by their askers.
 */
const COUNTED_QUESTIONS: QuestionStatus[] = ['open', 'answered', 'merged'];

/** The questions the sessions' audiences asked, with their votes (attendance's `askedQuestions`: a series' topics). */
export async function askedQuestions(db: Database, sessionIds: string[]): Promise<{ text: string; votes: number }[]> {
  return db
    .select({ text: questions.text, votes: questions.votes })
    .from(questions)
    .where(and(inArray(questions.sessionId, sessionIds), inArray(questions.status, COUNTED_QUESTIONS)));
}
