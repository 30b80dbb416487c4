import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type SessionRow, sessions } from './schema.ts';

/**
 * Moves a session on from `from` to `to` (the room going live, or ending), unless it is no
 * longer in `from` (another moderator pressed it at the same moment): whether it moved. Runs in
 * the caller's transaction, under the room's lock.
 */
export async function moveSessionStatus(
  tx: Pick<Database, 'update'>,
  sessionId: string,
  from: SessionRow['status'],
  to: SessionRow['status'],
  at: Date,
): Promise<boolean> {
  const [updated] = await tx
    .update(sessions)
    .set({ status: to, updatedAt: at })
    .where(and(eq(sessions.id, sessionId), eq(sessions.status, from)))
    .returning({ status: sessions.status });
  return updated !== undefined;
}
