import { index, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';
import { roomRole } from '../room/schema.ts';
import { sessions } from '../sessions/schema.ts';

export const chatMessageKind = pgEnum('chat_message_kind', ['message', 'announcement']);

/** A chat message, kept as written; a deleted one stays for the audit and is shown to nobody. */
export const chatMessages = pgTable(
  'chat_messages',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    authorIdentity: text('author_identity').notNull(),
    authorName: text('author_name').notNull(),
    authorRole: roomRole('author_role').notNull(),
    kind: chatMessageKind('kind').notNull().default('message'),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: text('deleted_by'),
    questionId: text('question_id'),
  },
  (t) => [
    index('chat_messages_session_idx').on(t.sessionId, t.createdAt),
    index('chat_messages_author_idx').on(t.sessionId, t.authorIdentity, t.createdAt),
  ],
);

export type ChatMessageRow = typeof chatMessages.$inferSelect;
