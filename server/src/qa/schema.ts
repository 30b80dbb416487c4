import { boolean, index, integer, pgEnum, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';
import { sessions } from '../sessions/schema.ts';

export const questionStatus = pgEnum('question_status', [
  'pending',
  'open',
  'answered',
  'dismissed',
  'merged',
  'withdrawn',
]);

/**
 * A question of a session's Q&A queue. `votes` is kept in step with `question_votes` in the
 * transaction of every vote, so a count is one read. `rev` grows with every change a client
 * must see (clients keep the higher one).
 */
export const questions = pgTable(
  'questions',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    authorIdentity: text('author_identity').notNull(),
    authorName: text('author_name').notNull(),
    anonymous: boolean('anonymous').notNull().default(false),
    /** Decided when it was asked, by the session's rule then: the asker was told. */
    authorVisibleToModerators: boolean('author_visible_to_moderators').notNull().default(true),
    text: text('text').notNull(),
    status: questionStatus('status').notNull(),
    votes: integer('votes').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    editedByModerator: boolean('edited_by_moderator').notNull().default(false),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    mergedInto: text('merged_into'),
    fromChatMessageId: text('from_chat_message_id'),
    rev: integer('rev').notNull().default(1),
  },
  (t) => [index('questions_session_idx').on(t.sessionId, t.createdAt)],
);

export const questionVotes = pgTable(
  'question_votes',
  {
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    identity: text('identity').notNull(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.questionId, t.identity] }),
    index('question_votes_voter_idx').on(t.sessionId, t.identity),
  ],
);

/** Each time a question was pinned as "now answering", until it was unpinned: the recording's chapters. */
export const questionAnswering = pgTable(
  'question_answering',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('question_answering_session_idx').on(t.sessionId, t.startedAt)],
);

export type QuestionRow = typeof questions.$inferSelect;
