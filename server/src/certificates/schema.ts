import { CERTIFICATE_ORIGINS, CERTIFICATE_STATUSES, type Locale } from '@serambi/shared';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { communities } from '../communities/schema.ts';
import { timestamp } from '../db/timestamp.ts';
import { series } from '../series/schema.ts';
import { sessions } from '../sessions/schema.ts';

export const certificateStatus = pgEnum('certificate_status', CERTIFICATE_STATUSES);
export const certificateOrigin = pgEnum('certificate_origin', CERTIFICATE_ORIGINS);

export interface StoredSignatory {
  name: string;
  title: string;
  /** A data URL (PNG or JPEG), or null. */
  signature: string | null;
}

/**
 * Whether a session or a series gives certificates, by which rule and on which template.
 * Exactly one of `session_id` and `series_id` is set; a session without a row of its own
 * follows its series' row.
 */
export const certificatePrograms = pgTable(
  'certificate_programs',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    sessionId: text('session_id')
      .unique()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    seriesId: text('series_id')
      .unique()
      .references(() => series.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull().default(false),
    minAttendancePercent: integer('min_attendance_percent').notNull().default(75),
    requireFeedback: boolean('require_feedback').notNull().default(false),
    /** Series only: sessions attended (by the rule) that earn the series certificate; null: none. */
    minSessions: integer('min_sessions'),
    title: text('title'),
    locale: text('locale').$type<Locale>().notNull().default('id'),
    /** A data URL (PNG or JPEG), or null for the community's name alone. */
    logo: text('logo'),
    signatories: jsonb('signatories').$type<StoredSignatory[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('certificate_programs_one_scope', sql`(${t.sessionId} is null) <> (${t.seriesId} is null)`)],
);

/**
 * An issued certificate. The number is random (80 bits) and public; the name is what was
 * printed. A correction makes a new certificate and marks this one `replaced`; a revoked one
 * stays, so its number keeps saying "revoked". The partial unique indexes make "issued once"
 * hold however many times, and on however many instances, the issuing job runs.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    number: text('number').notNull().unique(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    /** Exactly one of these: a session's certificate or a series' certificate. */
    sessionId: text('session_id').references(() => sessions.id, { onDelete: 'cascade' }),
    seriesId: text('series_id').references(() => series.id, { onDelete: 'cascade' }),
    registrationId: text('registration_id'),
    /** Lower-cased. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** The holder's language, for the mail (the PDF's language is the program's). */
    locale: text('locale').$type<Locale>().notNull().default('id'),
    status: certificateStatus('status').notNull().default('valid'),
    origin: certificateOrigin('origin').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    issuedBy: text('issued_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
    replacedById: text('replaced_by_id'),
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
  },
  (t) => [
    check('certificates_one_scope', sql`(${t.sessionId} is null) <> (${t.seriesId} is null)`),
    uniqueIndex('certificates_session_valid_idx')
      .on(t.sessionId, t.email)
      .where(sql`${t.status} = 'valid' and ${t.sessionId} is not null`),
    uniqueIndex('certificates_series_valid_idx')
      .on(t.seriesId, t.email)
      .where(sql`${t.status} = 'valid' and ${t.seriesId} is not null`),
    index('certificates_session_idx').on(t.sessionId),
    index('certificates_series_idx').on(t.seriesId),
    index('certificates_email_idx').on(t.email),
  ],
);

export type CertificateProgramRow = typeof certificatePrograms.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;
