import { audienceQuestionStatuses, type QaState, type Question } from '@serambi/shared';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { jsonOfRow, rowFromJson } from '../db/json-row.ts';
import type { EventDraft } from '../room/events.ts';
import type { BurstCount, SnapshotPart } from '../room/parts.ts';
import type { RoomLifecycleHooks } from '../room/routes.ts';
import { sessionRooms } from '../room/schema.ts';
import { createVersionedViews } from '../room/versioned-views.ts';
import { endAnswering } from './answering.ts';
import { questions, questionVotes } from './schema.ts';
import { QUESTION_VOTES } from './service.ts';
import { qaStateFor } from './state.ts';
import { AUDIENCE, questionView } from './views.ts';

/**
 * Q&A's part of room snapshots. What the audience sees of the questions is the same for all of
 * them: it is read once per session version and shared (every change the audience can see bumps
 * the version, votes too through their coalesced announcement). The caller's own questions and
 * votes are read for them, with the other parts' fresh rows. Moderators, who see the review
 * list and every count, read everything themselves.
 */
export function qaSnapshotPart(db: Database): SnapshotPart<{ qa: QaState }> {
  const audienceView = createVersionedViews(async (room) => {
    const rows = await db
      .select()
      .from(questions)
      .where(and(eq(questions.sessionId, room.sessionId), inArray(questions.status, [...audienceQuestionStatuses])))
      .orderBy(asc(questions.createdAt));
    return { version: room.version, questions: rows.map((row) => questionView(row, AUDIENCE)) };
  });

  return {
    async forModerator(room, caller) {
      return { qa: await qaStateFor(db, room, caller) };
    },
    async forAudience(room, caller, _session, fresh) {
      const [view, rows] = await Promise.all([audienceView(room), fresh]);
      const asked = rows.flatMap((row) => (row.kind === 'asked' ? [rowFromJson(questions, row.data)] : []));
      const mine = new Map(asked.map((row) => [row.id, questionView(row, caller)]));
      const listed = view.questions.map((question) => mine.get(question.id) ?? question);
      const unlisted = [...mine.values()].filter(
        (question: Question) => !view.questions.some((q) => q.id === question.id),
      );
      return {
        qa: {
          questions: [...listed, ...unlisted].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
          answeringId: room.answeringQuestionId,
          mine: [...mine.keys()],
          myVotes: rows.flatMap((row) => (row.kind === 'votes' ? [row.id] : [])),
        },
      };
    },
    freshRows: ({ sessionId, identity }) => ({
      // Their own questions, also those the audience does not see (waiting for review, dismissed).
      asked: {
        from: questions,
        id: sql<string>`${questions.id}`,
        data: jsonOfRow(questions),
        where: and(
          eq(questions.sessionId, sessionId),
          eq(questions.authorIdentity, identity),
          ne(questions.status, 'withdrawn'),
        ),
      },
      votes: {
        from: questionVotes,
        id: sql<string>`${questionVotes.questionId}`,
        data: sql`null::jsonb`,
        where: and(eq(questionVotes.sessionId, sessionId), eq(questionVotes.identity, identity)),
      },
    }),
  };
}

/** Announces the absolute vote counts of the questions voted on since the last burst. */
export const questionVoteCounts: BurstCount = {
  kind: QUESTION_VOTES,
  async announce(tx, sessionId, marked) {
    const rows = await tx
      .select({ id: questions.id, votes: questions.votes })
      .from(questions)
      .where(
        and(
          eq(questions.sessionId, sessionId),
          inArray(questions.id, [...marked.keys()]),
          // A question that left the list since (dismissed, merged, withdrawn) is not the audience's to count.
          inArray(questions.status, [...audienceQuestionStatuses]),
        ),
      );
    return rows.length > 0 ? [{ type: 'qa.votes', data: { votes: rows } }] : [];
  },
};

/** When the session ends, the "now answering" pin ends with it (its chapter of the recording closes). */
export const qaLifecycleHooks: RoomLifecycleHooks = {
  async whileEnding(tx, session, room, at): Promise<EventDraft[]> {
    await tx.update(sessionRooms).set({ answeringQuestionId: null }).where(eq(sessionRooms.sessionId, session.id));
    await endAnswering(tx, session.id, at);
    return room.answeringQuestionId ? [{ type: 'qa.answering', data: { id: null } }] : [];
  },
};
