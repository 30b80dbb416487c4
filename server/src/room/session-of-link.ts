import { eq } from 'drizzle-orm';
import { communities } from '../communities/schema.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { hashLinkSecret } from '../http/secret-link.ts';
import { registrations } from '../registrations/schema.ts';
import { sessions } from '../sessions/schema.ts';
import type { SessionToJoin } from './join.ts';
import { sessionRooms } from './schema.ts';

/**
 * The session a personal link is for, read as findSessionToJoin reads one by its ref (with its
 * community and room row, in one read): a phone opening its link joins without first asking
 * which session that is. Only the session is found here; joinRoom checks the link itself.
 */
export async function findSessionToJoinByLink(db: Database, joinSecret: string): Promise<SessionToJoin> {
  const [row] = await db
    .select({ session: sessions, room: sessionRooms, community: { slug: communities.slug, name: communities.name } })
    .from(registrations)
    .innerJoin(sessions, eq(sessions.id, registrations.sessionId))
    .innerJoin(communities, eq(communities.id, sessions.communityId))
    .leftJoin(sessionRooms, eq(sessionRooms.sessionId, sessions.id))
    .where(eq(registrations.joinSecretHash, hashLinkSecret(joinSecret)))
    .limit(1);
  if (!row) throw new AppError(404, 'link_invalid', 'problems.linkInvalid');
  return row;
}
