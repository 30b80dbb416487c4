import { WHIP_SHOWN_AS } from '@serambi/shared';
import { integer, pgEnum, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';
import { sessions } from '../sessions/schema.ts';

export const whipShownAs = pgEnum('whip_shown_as', WHIP_SHOWN_AS);

/**
 * The WHIP stream key of one person (a speaker or moderator, by room identity) in one session:
 * only the newest counts. `generation` goes up with every new key and is part of the LiveKit
 * identity OBS appears as (`<identity>#obs<generation>`), so a key handed out before is told
 * apart from the current one by LiveKit's own webhook, and one that comes back is removed.
 */
export const whipKeys = pgTable(
  'whip_keys',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    identity: text('identity').notNull(),
    generation: integer('generation').notNull(),
    shownAs: whipShownAs('shown_as').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Revoked (by its holder, a moderator, or because the holder lost their part): no key counts until a new one. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.identity] })],
);

export type WhipKeyRow = typeof whipKeys.$inferSelect;
