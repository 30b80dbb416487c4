import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';
import { sessions } from '../sessions/schema.ts';

export const pollKind = pgEnum('poll_kind', ['single', 'multiple']);
export const pollStatus = pgEnum('poll_status', ['draft', 'open', 'closed']);

export const polls = pgTable(
  'polls',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    kind: pollKind('kind').notNull(),
    status: pollStatus('status').notNull().default('draft'),
    resultsVisible: boolean('results_visible').notNull().default(false),
    /** People who voted; kept in step with `poll_votes` in each vote's transaction. */
    voters: integer('voters').notNull().default(0),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    rev: integer('rev').notNull().default(1),
  },
  (t) => [index('polls_session_idx').on(t.sessionId, t.createdAt)],
);

export const pollOptions = pgTable(
  'poll_options',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    pollId: text('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    votes: integer('votes').notNull().default(0),
  },
  (t) => [index('poll_options_poll_idx').on(t.pollId, t.position)],
);

/** One ballot per person per poll: the primary key is the "one vote per person". */
export const pollVotes = pgTable(
  'poll_votes',
  {
    pollId: text('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    identity: text('identity').notNull(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    optionIds: jsonb('option_ids').$type<string[]>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.identity] }), index('poll_votes_voter_idx').on(t.sessionId, t.identity)],
);

export type PollRow = typeof polls.$inferSelect;
export type PollOptionRow = typeof pollOptions.$inferSelect;
