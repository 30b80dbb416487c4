import type { Locale } from '@serambi/shared';
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';
import { sessions } from '../sessions/schema.ts';

export const registrationStatus = pgEnum('registration_status', ['registered', 'waitlisted', 'cancelled']);

/**
 * A person's place in a session; no account needed. `arrival` orders the waitlist. The personal
 * join link's secret is never stored, only its SHA-256, so a database leak leaks no link.
 */
export const registrations = pgTable(
  'registrations',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    arrival: bigserial('arrival', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    /** Lower-cased, so one person registers once per session whatever they type. */
    email: text('email').notNull(),
    locale: text('locale').$type<Locale>().notNull().default('id'),
    answers: jsonb('answers').$type<Record<string, string | boolean>>().notNull().default({}),
    status: registrationStatus('status').notNull(),
    joinSecretHash: text('join_secret_hash').notNull().unique(),
    /** Bumped to revoke the personal link (see link-secrets.ts). */
    linkGeneration: integer('link_generation').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('registrations_session_email_idx').on(t.sessionId, t.email),
    index('registrations_session_status_arrival_idx').on(t.sessionId, t.status, t.arrival),
  ],
);

export type RegistrationRow = typeof registrations.$inferSelect;
