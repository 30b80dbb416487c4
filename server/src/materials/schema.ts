import { MATERIAL_KINDS } from '@serambi/shared';
import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { communities } from '../communities/schema.ts';
import { timestamp } from '../db/timestamp.ts';
import { sessions } from '../sessions/schema.ts';

export const materialKind = pgEnum('material_kind', MATERIAL_KINDS);

/**
 * A file attached to a session (slides, a handout, a picture). A row exists only once its bytes
 * are stored under `storage_key`; the community is kept on the row so its total is one sum. The
 * partial unique index is "one pinned file per session".
 */
export const materials = pgTable(
  'materials',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    /** The name it is downloaded as: made safe, its extension the detected kind's. */
    name: text('name').notNull(),
    kind: materialKind('kind').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedByUserId: text('uploaded_by_user_id'),
    uploadedByName: text('uploaded_by_name').notNull(),
    /** When a moderator pinned it in the room; null when it is not pinned. */
    pinnedAt: timestamp('pinned_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('materials_session_idx').on(t.sessionId, t.createdAt),
    index('materials_community_idx').on(t.communityId),
    uniqueIndex('materials_one_pinned_idx').on(t.sessionId).where(sql`${t.pinnedAt} is not null`),
  ],
);

export type MaterialRow = typeof materials.$inferSelect;
