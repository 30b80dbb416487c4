import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';
import type { MailAttachment } from './message.ts';

/**
 * Where mail goes when no SMTP_URL is set (development): a table rather than a folder, so
 * every instance writes to the same place and the messages survive a restart.
 */
export const devOutbox = pgTable(
  'dev_outbox',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    from: text('from').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dev_outbox_created_at_idx').on(t.createdAt)],
);

export type DevOutboxRow = typeof devOutbox.$inferSelect;
