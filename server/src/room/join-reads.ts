import { and, eq, or, sql } from 'drizzle-orm';
import { communities } from '../communities/schema.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { hashLinkSecret } from '../http/secret-link.ts';
import type { RegistrationRow } from '../registrations/schema.ts';
import { registrations } from '../registrations/schema.ts';
import { type SessionRow, sessions } from '../sessions/schema.ts';
import { isSessionId } from '../sessions/service.ts';
import { type RoomParticipantRow, roomParticipants, type SessionRoomRow, sessionRooms } from './schema.ts';

/** A registrant's room identity is this and their registration's id. */
export const REGISTRANT_IDENTITY_PREFIX = 'r_';

/** A session someone asks to enter, with what its room's snapshot needs of it, read together. */
export interface SessionToJoin {
  session: SessionRow;
  /** Absent until the room is first used. */
  room: SessionRoomRow | null;
  community: { slug: string; name: string };
  /** When they came by personal link: its registration in this session (null: no such link here) and its holder's rows in the room. */
  link?: LinkHolder;
}

export interface LinkHolder {
  registration: RegistrationRow | null;
  /** As `roomRowsOf` finds them: by identity or by email. */
  rows: RoomParticipantRow[];
}

/**
 * The reads of a join, prepared once (docs/architecture.md#the-join-path): on PGlite every query
 * costs the server's thread about a millisecond however small, on PostgreSQL a round trip and a
 * socket write, and joins arrive all at once. Prepared, the SQL is built once and PostgreSQL
 * plans it once per connection.
 */
export interface JoinReads {
  /** The session by its id or slug, with its community and its room row. */
  session(ref: string): Promise<SessionToJoin>;
  /** The same, with the registration a personal link's secret names in that session and its holder's rows in the room: a join by link is one read. */
  sessionByLink(ref: string, secret: string): Promise<SessionToJoin>;
}

export function prepareJoinReads(db: Database): JoinReads {
  const ref = sql.placeholder('ref');
  const sessionWithRoom = {
    session: sessions,
    room: sessionRooms,
    community: { slug: communities.slug, name: communities.name },
  };
  const bySession = (by: 'id' | 'slug') =>
    db
      .select(sessionWithRoom)
      .from(sessions)
      .innerJoin(communities, eq(communities.id, sessions.communityId))
      .leftJoin(sessionRooms, eq(sessionRooms.sessionId, sessions.id))
      .where(eq(by === 'id' ? sessions.id : sessions.slug, ref))
      .limit(1)
      .prepare(`room_join_session_by_${by}`);
  const byLink = (by: 'id' | 'slug') =>
    db
      .select({ ...sessionWithRoom, registration: registrations, row: roomParticipants })
      .from(sessions)
      .innerJoin(communities, eq(communities.id, sessions.communityId))
      .leftJoin(sessionRooms, eq(sessionRooms.sessionId, sessions.id))
      .leftJoin(
        registrations,
        and(eq(registrations.sessionId, sessions.id), eq(registrations.joinSecretHash, sql.placeholder('secretHash'))),
      )
      .leftJoin(
        roomParticipants,
        and(
          eq(roomParticipants.sessionId, sessions.id),
          or(
            eq(roomParticipants.identity, sql`${REGISTRANT_IDENTITY_PREFIX} || ${registrations.id}`),
            eq(roomParticipants.email, registrations.email),
          ),
        ),
      )
      .where(eq(by === 'id' ? sessions.id : sessions.slug, ref))
      .prepare(`room_join_link_by_${by}`);
  const session = { id: bySession('id'), slug: bySession('slug') };
  const link = { id: byLink('id'), slug: byLink('slug') };
  const byOf = (given: string) => (isSessionId(given) ? 'id' : 'slug');
  return {
    async session(given) {
      const [row] = await session[byOf(given)].execute({ ref: given });
      if (!row) throw AppError.notFound();
      return row;
    },
    async sessionByLink(given, secret) {
      const found = await link[byOf(given)].execute({ ref: given, secretHash: hashLinkSecret(secret) });
      const [first] = found;
      if (!first) throw AppError.notFound();
      const { session, room, community, registration } = first;
      return { session, room, community, link: { registration, rows: found.flatMap(({ row }) => (row ? [row] : [])) } };
    },
  };
}
