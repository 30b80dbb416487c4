import type { AddSessionPersonInput } from '@serambi/shared';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type SessionPersonRow, type SessionRow, sessionPeople } from '../sessions/schema.ts';
import { addSessionPerson } from '../sessions/service.ts';

/**
 * Gives each session of a demo series a speaker (in turn from `speakers`) unless it already has
 * one, so seeding twice adds nobody twice; returns who was added, for their invitation mails.
 */
export async function addMissingSpeakers(
  db: Database,
  sessions: readonly SessionRow[],
  speakers: readonly AddSessionPersonInput[],
): Promise<Array<{ session: SessionRow; person: SessionPersonRow; inviteSecret: string }>> {
  const added: Array<{ session: SessionRow; person: SessionPersonRow; inviteSecret: string }> = [];
  for (const [index, session] of sessions.entries()) {
    const speaker = speakers[index % speakers.length];
    const [existing] = await db
      .select()
      .from(sessionPeople)
      .where(and(eq(sessionPeople.sessionId, session.id), eq(sessionPeople.role, 'speaker')))
      .limit(1);
    if (existing || !speaker) continue;
    added.push({ session, ...(await addSessionPerson(db, session, speaker)) });
  }
  return added;
}
