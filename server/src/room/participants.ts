import type { ParticipantPage, RoomParticipant } from '@serambi/shared';
import { and, asc, count, desc, eq, ilike, inArray, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { authorizeInRoom, roomRules } from './rules.ts';
import { type RoomParticipantRow, roomParticipants, sessionRooms } from './schema.ts';

/**
 * The moderator's participant list: everyone who entered, connected first, then by name;
 * searched in the database, one page at a time, so a room of thousands stays quick.
 */
export async function searchParticipants(
  db: Database,
  session: SessionRow,
  moderator: RoomParticipantRow,
  query: { q?: string | undefined; limit: number },
): Promise<ParticipantPage> {
  authorizeInRoom(roomRules, 'listParticipants', moderator);
  const q = query.q?.trim();
  const where = and(
    eq(roomParticipants.sessionId, session.id),
    q ? ilike(roomParticipants.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(roomParticipants)
      .where(where)
      .orderBy(desc(roomParticipants.connected), asc(roomParticipants.name), asc(roomParticipants.identity))
      .limit(query.limit),
    db.select({ n: count() }).from(roomParticipants).where(where),
  ]);
  return { total: total?.n ?? 0, participants: rows.map(toRoomParticipant) };
}

export function toRoomParticipant(row: RoomParticipantRow): RoomParticipant {
  return {
    identity: row.identity,
    name: row.name,
    role: row.role,
    connected: row.connected,
    stage: row.stage,
    handRaisedAt: row.handRaisedAt?.toISOString() ?? null,
    firstJoinedAt: row.firstJoinedAt?.toISOString() ?? null,
    banned: row.bannedAt !== null,
  };
}

/** When the session's room went live and ended (nulls before; nothing for a room never used). */
export async function roomTimes(
  db: Database,
  sessionId: string,
): Promise<{ liveAt: Date | null; endedAt: Date | null }> {
  const [room] = await db
    .select({ liveAt: sessionRooms.liveAt, endedAt: sessionRooms.endedAt })
    .from(sessionRooms)
    .where(eq(sessionRooms.sessionId, sessionId));
  return room ?? { liveAt: null, endedAt: null };
}

/** Everyone who entered the session's room, with the role they had there (attendance reports them). */
export function roomPeople(db: Database, sessionId: string) {
  return db
    .select({
      identity: roomParticipants.identity,
      name: roomParticipants.name,
      email: roomParticipants.email,
      role: roomParticipants.role,
      registrationId: roomParticipants.registrationId,
    })
    .from(roomParticipants)
    .where(eq(roomParticipants.sessionId, sessionId));
}

/** Whether someone is an audience member in good standing who may be seated somewhere (a breakout table). */
const seatable = and(
  eq(roomParticipants.role, 'participant'),
  eq(roomParticipants.admission, 'admitted'),
  isNull(roomParticipants.removedAt),
  isNull(roomParticipants.bannedAt),
);

/** The participants let in and in good standing connected to the stage now (as LiveKit's webhooks last said). */
export async function connectedAudience(db: Database | Tx, sessionId: string): Promise<RoomParticipantRow[]> {
  return db
    .select()
    .from(roomParticipants)
    .where(and(eq(roomParticipants.sessionId, sessionId), eq(roomParticipants.connected, true), seatable))
    .orderBy(asc(roomParticipants.identity));
}

/** Of `identities`, the participants let in and in good standing (others are left out). */
export async function seatableParticipants(
  db: Database | Tx,
  sessionId: string,
  identities: string[],
): Promise<RoomParticipantRow[]> {
  if (identities.length === 0) return [];
  return db
    .select()
    .from(roomParticipants)
    .where(and(eq(roomParticipants.sessionId, sessionId), inArray(roomParticipants.identity, identities), seatable));
}

/** The names of people in the room, by identity. */
export async function namesIn(
  db: Database | Tx,
  sessionId: string,
  identities: string[],
): Promise<Map<string, string>> {
  if (identities.length === 0) return new Map();
  const rows = await db
    .select({ identity: roomParticipants.identity, name: roomParticipants.name })
    .from(roomParticipants)
    .where(and(eq(roomParticipants.sessionId, sessionId), inArray(roomParticipants.identity, identities)));
  return new Map(rows.map((r) => [r.identity, r.name]));
}
