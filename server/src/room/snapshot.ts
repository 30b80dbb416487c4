import {
  DEFAULT_DOORS_OPEN_MINUTES,
  LOBBY_ADMISSIONS,
  type LobbySnapshot,
  type RoomOrLobbySnapshot,
  type RoomSession,
  type RoomSettings,
} from '@serambi/shared';
import { eq } from 'drizzle-orm';
import { communityHeading } from '../communities/service.ts';
import type { Database } from '../db/client.ts';
import type { SessionRow } from '../sessions/schema.ts';
import type { CrowdViews } from './crowd-view.ts';
import { type FreshRowOfPart, readFreshRows, type SnapshotParts } from './parts.ts';
import type { RoomParticipantRow, SessionRoomRow } from './schema.ts';
import { sessionRooms } from './schema.ts';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** When the audience may enter: the moderator's time, or a quarter of an hour before the start. */
export function doorsOpenAt(session: SessionRow, room: Pick<SessionRoomRow, 'doorsOpenAt'> | undefined): Date {
  return room?.doorsOpenAt ?? new Date(session.startsAt.getTime() - DEFAULT_DOORS_OPEN_MINUTES * 60_000);
}

export function roomSettings(session: SessionRow, room: SessionRoomRow): RoomSettings {
  return {
    doorsOpenAt: iso(doorsOpenAt(session, room)),
    locked: room.locked,
    stageGuestLimit: room.stageGuestLimit,
    qaMode: room.qaMode,
    anonymousQuestions: room.anonymousQuestions,
    chatClosed: room.chatClosed,
    chatSlowModeSeconds: room.chatSlowModeSeconds,
  };
}

/** The session's room row, made on first use. */
export async function findRoom(db: Database, sessionId: string): Promise<SessionRoomRow> {
  const [room] = await db.select().from(sessionRooms).where(eq(sessionRooms.sessionId, sessionId));
  if (room) return room;
  await db.insert(sessionRooms).values({ sessionId }).onConflictDoNothing();
  const [created] = await db.select().from(sessionRooms).where(eq(sessionRooms.sessionId, sessionId));
  if (!created) throw new Error(`session room ${sessionId} missing after insert`);
  return created;
}

/** The session as the room's header shows it, to anyone at the door. */
function roomSessionOf(session: SessionRow, room: SessionRoomRow, community: RoomSession['community']): RoomSession {
  return {
    id: session.id,
    slug: session.slug,
    title: session.title,
    status: session.status,
    visibility: session.visibility,
    startsAt: iso(session.startsAt),
    endsAt: iso(new Date(session.startsAt.getTime() + session.durationMinutes * 60_000)),
    timeZone: session.timeZone,
    liveAt: isoOrNull(room.liveAt),
    endedAt: isoOrNull(room.endedAt),
    community,
  };
}

function communityOf(db: Database, session: SessionRow): Promise<RoomSession['community']> {
  return communityHeading(db, session.communityId);
}

/**
 * What live-room capabilities add, each read by its part: moderators read everything
 * themselves; the audience shares what it sees alike, and what is read for each of them comes
 * in one query.
 */
function partsOf(
  parts: SnapshotParts,
  db: Database,
  room: SessionRoomRow,
  me: RoomParticipantRow,
  session: SessionRow,
  knownFresh: FreshRowOfPart[] | undefined,
) {
  if (me.role === 'moderator') {
    return [
      parts.qa.forModerator(room, me, session),
      parts.chat.forModerator(room, me, session),
      parts.polls.forModerator(room, me, session),
      parts.recording.forModerator(room, me, session),
      parts.materials.forModerator(room, me, session),
      parts.breakouts.forModerator(room, me, session),
    ] as const;
  }
  const fresh = readFreshRows(db, parts, session, me.identity, knownFresh);
  return [
    parts.qa.forAudience(room, me, session, fresh('qa')),
    parts.chat.forAudience(room, me, session, fresh('chat')),
    parts.polls.forAudience(room, me, session, fresh('polls')),
    parts.recording.forAudience(room, me, session, fresh('recording')),
    parts.materials.forAudience(room, me, session, fresh('materials')),
    parts.breakouts.forAudience(room, me, session, fresh('breakouts')),
  ] as const;
}

const isInLobby = (
  me: RoomParticipantRow,
): me is RoomParticipantRow & { admission: LobbySnapshot['me']['admission'] } =>
  (LOBBY_ADMISSIONS as readonly string[]).includes(me.admission);

/**
 * The room as `me` sees it: the whole room once let in; while waiting in the lobby (or turned
 * away), the session and their own standing only. The version is read first: the lists are then
 * at least as new, and clients apply later events idempotently (by identity or id), so nothing
 * is missed.
 */
export async function roomSnapshot(
  deps: { db: Database; parts: { snapshot: SnapshotParts }; crowds: CrowdViews },
  session: SessionRow,
  me: RoomParticipantRow,
  /** What the caller has just read: the room row (its version is then the snapshot's), the community, `me`'s fresh rows. */
  known: { room?: SessionRoomRow; community?: RoomSession['community']; fresh?: FreshRowOfPart[] } = {},
): Promise<RoomOrLobbySnapshot> {
  const { db } = deps;
  const room = known.room ?? (await findRoom(db, session.id));
  if (isInLobby(me)) {
    return {
      view: 'lobby',
      session: roomSessionOf(session, room, known.community ?? (await communityOf(db, session))),
      me: { identity: me.identity, name: me.name, admission: me.admission },
    };
  }
  const [community, crowd, { qa }, { chat }, { polls }, recording, { pinnedMaterial }, { breakouts }] =
    await Promise.all([
      known.community ?? communityOf(db, session),
      deps.crowds.viewOf(room),
      ...partsOf(deps.parts.snapshot, db, room, me, session, known.fresh),
    ]);
  const byTime =
    <T>(at: (row: T) => Date) =>
    (a: T, b: T) =>
      at(a).getTime() - at(b).getTime();
  const { notable } = crowd;
  const hands = notable
    .flatMap((p) => (p.handRaisedAt ? [{ identity: p.identity, name: p.name, at: p.handRaisedAt }] : []))
    .sort(byTime((h) => h.at));
  const guests = notable
    .flatMap((p) =>
      p.stage !== 'none' && p.stageSince
        ? [{ identity: p.identity, name: p.name, state: p.stage, since: p.stageSince }]
        : [],
    )
    .sort(byTime((g) => g.since));
  const lobby =
    me.role === 'moderator'
      ? notable
          .flatMap((p) => (p.admission === 'pending' ? [{ identity: p.identity, name: p.name, at: p.createdAt }] : []))
          .sort(byTime((l) => l.at))
      : [];
  return {
    view: 'room',
    version: room.version,
    session: roomSessionOf(session, room, community),
    settings: roomSettings(session, room),
    me: {
      identity: me.identity,
      name: me.name,
      role: me.role,
      stage: me.stage,
      handRaisedAt: isoOrNull(me.handRaisedAt),
      admission: me.admission,
    },
    presence: { connected: crowd.connected },
    hands: hands.map((h) => ({ identity: h.identity, name: h.name, raisedAt: iso(h.at) })),
    guests: guests.map((g) => ({ identity: g.identity, name: g.name, state: g.state, since: iso(g.since) })),
    lobby: lobby.map((l) => ({ identity: l.identity, name: l.name, requestedAt: iso(l.at) })),
    qa,
    chat,
    polls,
    ...recording,
    pinnedMaterial,
    breakouts,
  };
}
