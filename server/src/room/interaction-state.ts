import {
  audienceQuestionStatuses,
  type ChatState,
  type Poll,
  type PollsState,
  type QaState,
  type Question,
} from '@serambi/shared';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { chatStateFor } from '../chat/service.ts';
import type { Database } from '../db/client.ts';
import { pollVotes } from '../polls/schema.ts';
import { pollsStateFor } from '../polls/service.ts';
import { pollView, storedPolls } from '../polls/views.ts';
import { questions, questionVotes } from '../qa/schema.ts';
import { qaStateFor } from '../qa/service.ts';
import { AUDIENCE, questionView } from '../qa/views.ts';
import type { RoomParticipantRow, SessionRoomRow } from './schema.ts';
import { createVersionedViews } from './versioned-views.ts';

/** The Q&A, chat and polls parts of one viewer's room snapshot. */
export interface InteractionState {
  qa: QaState;
  chat: ChatState;
  polls: PollsState;
}

/** What everyone in the audience sees alike, as of a session version. */
interface AudienceView {
  version: number;
  questions: Question[];
  chat: ChatState;
  polls: Poll[];
}

/**
 * The interaction parts of room snapshots. Joins are the hot path (everyone arrives in the same
 * two minutes), and what the audience sees of the questions, the chat and the polls is the
 * same for all of them: it is read once per session version and shared. Every change the
 * audience can see bumps the version (votes too, through their coalesced announcement), so a
 * view is reused only while nothing it shows has been announced as changed; a view newer than
 * the version a caller read is fine (clients apply later events idempotently). What is the
 * viewer's own (their questions, votes and ballots) is read per viewer; moderators, who see
 * the review list and every count, read everything themselves.
 */
export function createInteractionStates(db: Database) {
  const audienceView = createVersionedViews((room) => readAudienceView(db, room));

  return {
    async stateFor(room: SessionRoomRow, me: RoomParticipantRow): Promise<InteractionState> {
      if (me.role === 'moderator') {
        const [qa, chat, polls] = await Promise.all([
          qaStateFor(db, room, me),
          chatStateFor(db, room.sessionId),
          pollsStateFor(db, room.sessionId, me),
        ]);
        return { qa, chat, polls };
      }
      const [view, own, ballots] = await Promise.all([
        audienceView(room),
        db
          .select()
          .from(questions)
          .where(
            and(
              eq(questions.sessionId, room.sessionId),
              eq(questions.authorIdentity, me.identity),
              ne(questions.status, 'withdrawn'),
            ),
          ),
        myBallots(db, room.sessionId, me.identity),
      ]);
      const mine = new Map(own.map((row) => [row.id, questionView(row, me)]));
      const listed = view.questions.map((question) => mine.get(question.id) ?? question);
      const unlisted = [...mine.values()].filter((question) => !view.questions.some((q) => q.id === question.id));
      return {
        qa: {
          questions: [...listed, ...unlisted].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
          answeringId: room.answeringQuestionId,
          mine: [...mine.keys()],
          myVotes: ballots.votes,
        },
        chat: view.chat,
        polls: { polls: view.polls, myVotes: ballots.polls },
      };
    },
  };
}

export type InteractionStates = ReturnType<typeof createInteractionStates>;

async function readAudienceView(db: Database, room: SessionRoomRow): Promise<AudienceView> {
  const [rows, chat, polls] = await Promise.all([
    db
      .select()
      .from(questions)
      .where(and(eq(questions.sessionId, room.sessionId), inArray(questions.status, [...audienceQuestionStatuses])))
      .orderBy(asc(questions.createdAt)),
    chatStateFor(db, room.sessionId),
    storedPolls(db, room.sessionId),
  ]);
  return {
    version: room.version,
    questions: rows.map((row) => questionView(row, AUDIENCE)),
    chat,
    polls: polls.filter((stored) => stored.poll.status !== 'draft').map((stored) => pollView(stored, false)),
  };
}

/** The questions a viewer upvoted and the options they chose in each poll, in one read. */
async function myBallots(db: Database, sessionId: string, identity: string) {
  const rows = await db
    .select({
      kind: sql<'vote' | 'ballot'>`'vote'`,
      id: questionVotes.questionId,
      options: sql<string[] | null>`null::jsonb`,
    })
    .from(questionVotes)
    .where(and(eq(questionVotes.sessionId, sessionId), eq(questionVotes.identity, identity)))
    .unionAll(
      db
        .select({
          kind: sql<'vote' | 'ballot'>`'ballot'`,
          id: pollVotes.pollId,
          options: sql<string[] | null>`${pollVotes.optionIds}`,
        })
        .from(pollVotes)
        .where(and(eq(pollVotes.sessionId, sessionId), eq(pollVotes.identity, identity))),
    );
  return {
    votes: rows.filter((row) => row.kind === 'vote').map((row) => row.id),
    polls: Object.fromEntries(rows.filter((row) => row.kind === 'ballot').map((row) => [row.id, row.options ?? []])),
  };
}
