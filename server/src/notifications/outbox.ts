import { desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import type { MailMessage } from './message.ts';
import { type DevOutboxRow, devOutbox } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function saveToOutbox(db: Database, from: string, message: MailMessage, now: Date): Promise<DevOutboxRow> {
  const [row] = await db
    .insert(devOutbox)
    .values({
      from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: message.attachments ?? [],
      headers: message.headers ?? {},
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** The newest messages first. */
export function listOutbox(db: Database, limit = 50): Promise<DevOutboxRow[]> {
  return db.select().from(devOutbox).orderBy(desc(devOutbox.createdAt), desc(devOutbox.id)).limit(limit);
}

export async function findOutboxMessage(db: Database, id: string): Promise<DevOutboxRow | undefined> {
  // An id that is not a UUID cannot exist; asking would only make PostgreSQL compare text.
  if (!UUID.test(id)) return undefined;
  const [row] = await db.select().from(devOutbox).where(eq(devOutbox.id, id));
  return row;
}
