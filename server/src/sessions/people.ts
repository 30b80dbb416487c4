import type { UpdateSessionPersonRequest } from '@serambi/shared';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { type SessionPersonRow, type SessionRow, sessionPeople } from './schema.ts';

/** A speaker or moderator of this very session (a person of another session is a 404). */
async function personOf(db: Database, session: SessionRow, personId: string): Promise<SessionPersonRow> {
  const [person] = await db
    .select()
    .from(sessionPeople)
    .where(and(eq(sessionPeople.id, personId), eq(sessionPeople.sessionId, session.id)));
  if (!person) throw AppError.notFound();
  return person;
}

/** Changes how a person is presented; their role and address stay as invited. */
export async function updateSessionPerson(
  db: Database,
  session: SessionRow,
  personId: string,
  changes: UpdateSessionPersonRequest,
): Promise<SessionPersonRow> {
  const person = await personOf(db, session, personId);
  if (Object.keys(changes).length === 0) return person;
  const [updated] = await db.update(sessionPeople).set(changes).where(eq(sessionPeople.id, person.id)).returning();
  if (!updated) throw AppError.notFound();
  return updated;
}

/**
 * Removes a person from one session. A series' default person loses only this session's copy:
 * the series keeps them for its other sessions.
 */
export async function removeSessionPerson(
  db: Database,
  session: SessionRow,
  personId: string,
): Promise<SessionPersonRow> {
  const person = await personOf(db, session, personId);
  await db.delete(sessionPeople).where(eq(sessionPeople.id, person.id));
  return person;
}
