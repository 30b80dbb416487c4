import { and, eq, or, sql } from 'drizzle-orm';
import { communities } from '../communities/schema.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { hashLinkSecret } from '../http/secret-link.ts';
import type { RegistrationRow } from '../registrations/schema.ts';
import { registrations } from '../registrations/schema.ts';
import { type SessionRow, sessions } from '../sessions/schema.ts';
import { isSessionId } from '../sessions/service.ts';
import { type FreshRowOfPart, freshRowsUnion, type SnapshotParts } from './parts.ts';
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

/** What entering by personal link needs of its registration. */
export type LinkRegistration = Pick<RegistrationRow, 'id' | 'sessionId' | 'name' | 'email' | 'status'>;

export interface LinkHolder {
  registration: LinkRegistration | null;
  /** As `roomRowsOf` finds them: by identity or by email. */
  rows: RoomParticipantRow[];
  /** The holder's fresh rows of the snapshot's parts (parts.ts), read in the same query. */
  fresh: FreshRowOfPart[];
}

/**
 * The queries of a join, prepared once: on PGlite every query costs the server's thread about a
 * millisecond however small, on PostgreSQL a round trip, and joins arrive all at once. Prepared,
 * the SQL is built once, and PostgreSQL parses it once per connection.
 */
export interface JoinQueries {
  /** The session by its id or slug, with its community and its room row. */
  session(ref: string): Promise<SessionToJoin>;
  /**
   * The same, with the registration a personal link's secret names in that session, its holder's
   * rows in the room and their fresh rows of the snapshot's parts: a join by link is one read.
   */
  sessionByLink(ref: string, secret: string): Promise<SessionToJoin>;
  /**
   * The same, found by the personal link's secret alone (a phone opening its link joins without
   * first asking which session that is); 404 `link_invalid` when no registration has it.
   */
  sessionBySecret(secret: string): Promise<SessionToJoin>;
  /**
   * Records someone entering: a new row, or their name and role refreshed and a removal lifted
   * (they came back through the door). A lobby decision stays, unless `admitAgain`.
   */
  recordEntrant(entrant: EntrantRecord, options: { admitAgain: boolean }): Promise<RoomParticipantRow>;
}

/** What entering writes of someone. */
export type EntrantRecord = Pick<
  RoomParticipantRow,
  | 'sessionId'
  | 'identity'
  | 'name'
  | 'email'
  | 'role'
  | 'title'
  | 'registrationId'
  | 'userId'
  | 'admission'
  | 'createdAt'
>;

export function prepareJoinQueries(db: Database, parts: SnapshotParts): JoinQueries {
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
  const holder = sql<string>`${REGISTRANT_IDENTITY_PREFIX} || ${registrations.id}`;
  const union = freshRowsUnion(db, parts, { sessionId: sessions.id, seriesId: sessions.seriesId, identity: holder });
  // Rows come out as (their room rows) × (their fresh rows): a few, for one person.
  const fresh = union?.as('fresh');
  const byLink = (by: 'id' | 'slug' | 'secret') => {
    const query = db
      .select({
        ...sessionWithRoom,
        registration: {
          id: registrations.id,
          sessionId: registrations.sessionId,
          name: registrations.name,
          email: registrations.email,
          status: registrations.status,
        },
        row: roomParticipants,
        ...(fresh ? { fresh: { part: fresh.part, kind: fresh.kind, id: fresh.id, data: fresh.data } } : {}),
      })
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
          or(eq(roomParticipants.identity, holder), eq(roomParticipants.email, registrations.email)),
        ),
      )
      .$dynamic();
    return (fresh ? query.leftJoinLateral(fresh, sql`true`) : query)
      .where(
        by === 'secret'
          ? eq(registrations.joinSecretHash, sql.placeholder('secretHash'))
          : eq(by === 'id' ? sessions.id : sessions.slug, ref),
      )
      .prepare(`room_join_link_by_${by}`);
  };
  const record = (admitAgain: boolean) => {
    const value = (name: keyof EntrantRecord | 'id') => sql.placeholder(name);
    return db
      .insert(roomParticipants)
      .values({
        // Given, not left to the column's default function: that would run once, when prepared.
        id: value('id'),
        sessionId: value('sessionId'),
        identity: value('identity'),
        name: value('name'),
        email: value('email'),
        role: value('role'),
        title: value('title'),
        registrationId: value('registrationId'),
        userId: value('userId'),
        admission: value('admission'),
        createdAt: value('createdAt'),
      })
      .onConflictDoUpdate({
        target: [roomParticipants.sessionId, roomParticipants.identity],
        // Names and roles follow the registration and the session's people.
        set: {
          name: sql`excluded.name`,
          role: sql`excluded.role`,
          title: sql`excluded.title`,
          removedAt: null,
          ...(admitAgain ? { admission: sql`excluded.admission` } : {}),
        },
      })
      .returning()
      .prepare(admitAgain ? 'room_record_entrant_admitted_again' : 'room_record_entrant');
  };
  const recordings = { again: record(true), kept: record(false) };
  const session = { id: bySession('id'), slug: bySession('slug') };
  const link = { id: byLink('id'), slug: byLink('slug'), secret: byLink('secret') };
  const byOf = (given: string) => (isSessionId(given) ? 'id' : 'slug');
  return {
    async session(given) {
      const [row] = await session[byOf(given)].execute({ ref: given });
      if (!row) throw AppError.notFound();
      return row;
    },
    async sessionByLink(given, secret) {
      const found = await link[byOf(given)].execute({ ref: given, secretHash: hashLinkSecret(secret) });
      if (found.length === 0) throw AppError.notFound();
      return linkHolderOf(found);
    },
    async sessionBySecret(secret) {
      const found = await link.secret.execute({ secretHash: hashLinkSecret(secret) });
      if (found.length === 0) throw new AppError(404, 'link_invalid', 'problems.linkInvalid');
      return linkHolderOf(found);
    },
    async recordEntrant(entrant, { admitAgain }) {
      const [me] = await (admitAgain ? recordings.again : recordings.kept).execute({
        id: crypto.randomUUID(),
        ...entrant,
      });
      if (!me) throw new Error('room participant upsert returned no row');
      return me;
    },
  };
}

/** A link read's rows, (their room rows) × (their fresh rows), gathered into one entry. */
function linkHolderOf(found: LinkReadRow[]): SessionToJoin {
  const [first] = found;
  if (!first) throw AppError.notFound();
  const { session, room, community, registration } = first;
  const rows = new Map<string, RoomParticipantRow>();
  const freshRows = new Map<string, FreshRowOfPart>();
  for (const { row, fresh } of found) {
    if (row) rows.set(row.id, row);
    if (fresh) freshRows.set(`${fresh.part}.${fresh.kind}.${fresh.id}`, fresh);
  }
  return { session, room, community, link: { registration, rows: [...rows.values()], fresh: [...freshRows.values()] } };
}

/** One row of the link read. */
interface LinkReadRow {
  session: SessionRow;
  room: SessionRoomRow | null;
  community: { slug: string; name: string };
  registration: LinkRegistration | null;
  row: RoomParticipantRow | null;
  fresh?: FreshRowOfPart | null;
}
