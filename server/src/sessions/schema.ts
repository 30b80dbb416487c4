import { REPLAY_ACCESS, type RegistrationQuestion } from '@serambi/shared';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { communities } from '../communities/schema.ts';
import { timestamp } from '../db/timestamp.ts';

export const sessionStatus = pgEnum('session_status', ['draft', 'scheduled', 'live', 'ended', 'cancelled']);
export const sessionVisibility = pgEnum('session_visibility', ['public', 'unlisted', 'private']);
export const sessionRole = pgEnum('session_role', ['speaker', 'moderator']);
export const replayAccess = pgEnum('replay_access', REPLAY_ACCESS);

/** One live session; `starts_at` is a UTC instant and `time_zone` the IANA zone it is announced in. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    /** Set for sessions of a series (no foreign key here: series/schema.ts imports this file). */
    seriesId: text('series_id'),
    seriesNumber: integer('series_number'),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    timeZone: text('time_zone').notNull(),
    capacity: integer('capacity'),
    visibility: sessionVisibility('visibility').notNull().default('public'),
    status: sessionStatus('status').notNull().default('draft'),
    questions: jsonb('questions').$type<RegistrationQuestion[]>().notNull().default([]),
    /** Who may watch the replay (organizers always may). */
    replayAccess: replayAccess('replay_access').notNull().default('registrants'),
    /** Records by itself when it goes live (so does every session of a series with `auto_record`). */
    autoRecord: boolean('auto_record').notNull().default(false),
    /** Bumped on every change people were told about (iCalendar SEQUENCE). */
    revision: integer('revision').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sessions_community_starts_idx').on(t.communityId, t.startsAt),
    index('sessions_series_idx').on(t.seriesId),
  ],
);

/**
 * Who a speaker or moderator is and whether they took up their invitation: the same for one
 * session's people and a series' default people (fresh builders per table, as drizzle wants).
 */
export function speakerColumns() {
  return {
    role: sessionRole('role').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    title: text('title').notNull().default(''),
    bio: text('bio').notNull().default(''),
    photoUrl: text('photo_url'),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  };
}

/** Speakers and moderators of a session, invited by email; the link's secret is kept as a hash. */
export const sessionPeople = pgTable(
  'session_people',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    ...speakerColumns(),
    /** Set when the person comes from the series' defaults; their link is the series person's. */
    seriesPersonId: text('series_person_id'),
    inviteTokenHash: text('invite_token_hash').unique(),
  },
  (t) => [
    index('session_people_session_idx').on(t.sessionId),
    index('session_people_user_idx').on(t.userId),
    index('session_people_series_person_idx').on(t.seriesPersonId),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;
export type SessionPersonRow = typeof sessionPeople.$inferSelect;
