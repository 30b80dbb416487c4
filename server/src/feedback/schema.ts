import type { RegistrationQuestion } from '@serambi/shared';
import { boolean, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';
import { sessions } from '../sessions/schema.ts';

/** A session's feedback form; a session without a row has the default (on, no extra questions). */
export const feedbackForms = pgTable('feedback_forms', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(true),
  questions: jsonb('questions').$type<RegistrationQuestion[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One person's answer to a session's feedback form, by lower-cased email; sending again replaces it. */
export const feedbackResponses = pgTable(
  'feedback_responses',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    registrationId: text('registration_id'),
    rating: integer('rating').notNull(),
    comment: text('comment').notNull().default(''),
    answers: jsonb('answers').$type<Record<string, string | boolean>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('feedback_responses_person_idx').on(t.sessionId, t.email)],
);

export type FeedbackFormRow = typeof feedbackForms.$inferSelect;
export type FeedbackResponseRow = typeof feedbackResponses.$inferSelect;
