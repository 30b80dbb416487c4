import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';
import { sessions } from '../sessions/schema.ts';

export const breakoutAssignment = pgEnum('breakout_assignment', ['random', 'manual', 'choose']);
export const breakoutStatus = pgEnum('breakout_status', ['open', 'ended']);
export const breakoutMainStage = pgEnum('breakout_main_stage', ['running', 'paused']);
export const breakoutEndReason = pgEnum('breakout_end_reason', ['timer', 'moderator', 'session_ended']);

/**
 * One opening of breakout tables in a session, from "open" to everyone back. At most one is open
 * per session (the partial unique index). `endsAt` is the countdown every table shows; the warning
 * and the end are jobs (`breakouts-warn`, `breakouts-end`) that compare it with their own.
 */
export const breakouts = pgTable(
  'breakouts',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    status: breakoutStatus('status').notNull().default('open'),
    assignment: breakoutAssignment('assignment').notNull(),
    sizeLimit: integer('size_limit').notNull(),
    mainStage: breakoutMainStage('main_stage').notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: breakoutEndReason('end_reason'),
    /** When the table rooms were closed in LiveKit (the grace period after the end is over). */
    roomsClosedAt: timestamp('rooms_closed_at', { withTimezone: true }),
  },
  (t) => [
    index('breakouts_session_idx').on(t.sessionId, t.openedAt),
    uniqueIndex('breakouts_one_open_idx').on(t.sessionId).where(sql`${t.status} = 'open'`),
  ],
);
export type BreakoutRow = typeof breakouts.$inferSelect;

/** The tables of one opening, numbered 1 … N; each is its own LiveKit room (`tableRoomName`). */
export const breakoutTables = pgTable(
  'breakout_tables',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    breakoutId: text('breakout_id')
      .notNull()
      .references(() => breakouts.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    name: text('name'),
    topic: text('topic'),
  },
  (t) => [uniqueIndex('breakout_tables_number_idx').on(t.breakoutId, t.number)],
);
export type BreakoutTableRow = typeof breakoutTables.$inferSelect;

/** Who sits at which table (participants only; the team visits without a place). */
export const breakoutPlacements = pgTable(
  'breakout_placements',
  {
    breakoutId: text('breakout_id')
      .notNull()
      .references(() => breakouts.id, { onDelete: 'cascade' }),
    /** The session's, so a snapshot finds someone's place with its other fresh rows. */
    sessionId: text('session_id').notNull(),
    identity: text('identity').notNull(),
    tableId: text('table_id')
      .notNull()
      .references(() => breakoutTables.id, { onDelete: 'cascade' }),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.breakoutId, t.identity] }),
    index('breakout_placements_table_idx').on(t.tableId),
    index('breakout_placements_person_idx').on(t.sessionId, t.identity),
  ],
);
export type BreakoutPlacementRow = typeof breakoutPlacements.$inferSelect;

/** Calls for help from a table, open until someone of the team connects to that table. */
export const breakoutHelp = pgTable(
  'breakout_help',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    breakoutId: text('breakout_id')
      .notNull()
      .references(() => breakouts.id, { onDelete: 'cascade' }),
    tableId: text('table_id')
      .notNull()
      .references(() => breakoutTables.id, { onDelete: 'cascade' }),
    identity: text('identity').notNull(),
    name: text('name').notNull(),
    note: text('note'),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [index('breakout_help_table_idx').on(t.tableId)],
);
export type BreakoutHelpRow = typeof breakoutHelp.$inferSelect;
