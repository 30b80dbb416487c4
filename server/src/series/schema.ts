import type { RecurrenceRule, RegistrationQuestion } from '@serambi/shared';
import { boolean, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { communities } from '../communities/schema.ts';
import { timestamp } from '../db/timestamp.ts';
import { sessionVisibility, speakerColumns } from '../sessions/schema.ts';

/**
 * A series of numbered sessions ("Sharing Online #1 … #10") at one wall-clock time in one zone.
 * The sessions are rows of their own (each can move or be cancelled alone); the series keeps
 * what new and following sessions are made from.
 */
export const series = pgTable('series', {
  id: text('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  communityId: text('community_id')
    .notNull()
    .references(() => communities.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  coverImageUrl: text('cover_image_url'),
  timeZone: text('time_zone').notNull(),
  /** "20:00", wall-clock in `time_zone`. */
  startTime: text('start_time').notNull(),
  rule: jsonb('rule').$type<RecurrenceRule>().notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  capacity: integer('capacity'),
  visibility: sessionVisibility('visibility').notNull().default('public'),
  questions: jsonb('questions').$type<RegistrationQuestion[]>().notNull().default([]),
  /** Minutes before each session that reminders go out. */
  reminderOffsets: jsonb('reminder_offsets').$type<number[]>().notNull().default([1440, 60]),
  /** Every session of the series records by itself when it goes live. */
  autoRecord: boolean('auto_record').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Default speakers and moderators of a series: each gets one personal link for the whole series;
 * every session of the series carries a copy (session_people.series_person_id) so the live room
 * needs to look in one place only.
 */
export const seriesPeople = pgTable(
  'series_people',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id, { onDelete: 'cascade' }),
    ...speakerColumns(),
    inviteTokenHash: text('invite_token_hash').notNull().unique(),
  },
  (t) => [index('series_people_series_idx').on(t.seriesId)],
);

export type SeriesRow = typeof series.$inferSelect;
export type SeriesPersonRow = typeof seriesPeople.$inferSelect;
