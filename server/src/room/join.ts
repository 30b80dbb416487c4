import type { JoinRoomResult, LiveKitRoomKind, RoomRole } from '@serambi/shared';
import { and, eq, or } from 'drizzle-orm';
import type { SessionUser } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import type { RoomAccess } from '../livekit/gateway.ts';
import type { RegistrationRow } from '../registrations/schema.ts';
import { registrations } from '../registrations/schema.ts';
import { findBySecret } from '../registrations/service.ts';
import { type SessionRow, sessionPeople } from '../sessions/schema.ts';
import { viewerOf } from '../sessions/service.ts';
import { LIVEKIT_TOKEN_TTL_SECONDS, type RoomDeps } from './deps.ts';
import { backstageRoomName, changeRoom, stageRoomName } from './events.ts';
import { type RoomParticipantRow, roomParticipants } from './schema.ts';
import { doorsOpenAt, findRoom, roomSnapshot } from './snapshot.ts';

/** Who is coming in, as the server established it: never what the client says about itself. */
interface Entrant {
  identity: string;
  name: string;
  email: string;
  role: RoomRole;
  title: string;
  registrationId: string | null;
  userId: string | null;
  /** Asks to join a private session without an invitation. */
  lobby: boolean;
}

/**
 * Lets someone into a session's room: establishes who they are (team by account, registrant by
 * personal link or by account), checks bans, lock and lobby, records them, and hands out a room
 * ticket plus, when there is somewhere to be, a LiveKit token for one identity, one room, their
 * role's grants and a few minutes' lifetime.
 */
export async function joinRoom(
  deps: RoomDeps,
  session: SessionRow,
  user: SessionUser | null,
  joinSecret: string | undefined,
): Promise<JoinRoomResult> {
  const entrant = await establishEntrant(deps, session, user, joinSecret);
  if (session.status === 'cancelled') throw new AppError(409, 'room_cancelled', 'problems.roomCancelled');
  const now = deps.now();

  // No room lock here: joins are the hot path (everyone arrives in the same two minutes). A ban
  // or lock racing a join is caught by the participant_joined webhook and the next join.
  const room = await findRoom(deps.db, session.id);
  const known = await deps.db
    .select()
    .from(roomParticipants)
    .where(
      and(
        eq(roomParticipants.sessionId, session.id),
        or(eq(roomParticipants.identity, entrant.identity), eq(roomParticipants.email, entrant.email)),
      ),
    );
  if (known.some((row) => row.bannedAt !== null)) throw new AppError(403, 'room_banned', 'problems.roomBanned');
  const existing = known.find((row) => row.identity === entrant.identity);
  if (existing?.admission === 'denied') throw new AppError(403, 'room_denied', 'problems.roomDenied');
  if (room.locked && entrant.role === 'participant' && !existing?.firstJoinedAt) {
    throw new AppError(403, 'room_locked', 'problems.roomLocked');
  }
  const [me] = await deps.db
    .insert(roomParticipants)
    .values({
      sessionId: session.id,
      identity: entrant.identity,
      name: entrant.name,
      email: entrant.email,
      role: entrant.role,
      title: entrant.title,
      registrationId: entrant.registrationId,
      userId: entrant.userId,
      admission: entrant.lobby ? 'pending' : 'admitted',
    })
    .onConflictDoUpdate({
      target: [roomParticipants.sessionId, roomParticipants.identity],
      // Names and roles follow the registration and the session's people; a lobby decision stays.
      set: { name: entrant.name, role: entrant.role, title: entrant.title },
    })
    .returning();
  if (!me) throw new Error('room participant upsert returned no row');
  if (entrant.lobby && !existing) {
    await changeRoom(deps, session.id, async () => [
      {
        type: 'lobby.requested',
        data: { identity: me.identity, name: me.name, requestedAt: me.createdAt.toISOString() },
      },
    ]);
  }

  const where = destination(session, me, doorsOpenAt(session, room), now);
  const livekit = where ? await connectTo(deps, session, me, where) : null;
  const ticket = await deps.tickets.issue({ sessionId: session.id, identity: me.identity }, now);
  return {
    ticket: ticket.ticket,
    ticketExpiresAt: ticket.expiresAt.toISOString(),
    snapshot: await roomSnapshot(deps, session, me, room),
    livekit,
  };
}

/** Which LiveKit room someone goes to now, with what access; null when there is nowhere to be yet. */
export function destination(
  session: SessionRow,
  me: RoomParticipantRow,
  doorsOpen: Date,
  now: Date,
): { kind: LiveKitRoomKind; access: RoomAccess } | null {
  if (session.status === 'ended' || session.status === 'cancelled') return null;
  if (me.admission !== 'admitted') return null;
  if (me.role !== 'participant') {
    return { kind: session.status === 'live' ? 'stage' : 'backstage', access: 'publisher' };
  }
  if (session.status !== 'live' && now < doorsOpen) return null;
  if (session.status === 'draft') return null;
  return { kind: 'stage', access: me.stage === 'on_stage' ? 'publisher' : 'audience' };
}

/** LiveKit attributes others see on a visible participant (the audience is hidden, so theirs go nowhere). */
export function attributesOf(me: Pick<RoomParticipantRow, 'role' | 'title' | 'stage'>): Record<string, string> {
  const role = me.role === 'participant' ? (me.stage === 'on_stage' ? 'guest' : 'participant') : me.role;
  return { role, title: me.title };
}

async function connectTo(
  deps: RoomDeps,
  session: SessionRow,
  me: RoomParticipantRow,
  where: { kind: LiveKitRoomKind; access: RoomAccess },
): Promise<NonNullable<JoinRoomResult['livekit']>> {
  const room = where.kind === 'stage' ? stageRoomName(session.id) : backstageRoomName(session.id);
  await deps.livekit.ensureRoom(room);
  const token = await deps.livekit.mintToken({
    room,
    identity: me.identity,
    name: me.name,
    attributes: attributesOf(me),
    access: where.access,
    ttlSeconds: LIVEKIT_TOKEN_TTL_SECONDS,
  });
  return {
    url: deps.livekit.url,
    token,
    room: where.kind,
    expiresAt: new Date(deps.now().getTime() + LIVEKIT_TOKEN_TTL_SECONDS * 1000).toISOString(),
  };
}

async function establishEntrant(
  deps: RoomDeps,
  session: SessionRow,
  user: SessionUser | null,
  joinSecret: string | undefined,
): Promise<Entrant> {
  if (user) {
    const viewer = await viewerOf(deps.db, session, user);
    if (viewer.communityRole !== null || viewer.sessionRole !== null) {
      const [person] = await deps.db
        .select()
        .from(sessionPeople)
        .where(and(eq(sessionPeople.sessionId, session.id), eq(sessionPeople.userId, user.id)))
        .limit(1);
      return {
        identity: `u_${user.id}`,
        name: person?.name ?? user.name,
        email: user.email.toLowerCase(),
        // Organizers run the room like its moderators.
        role: viewer.communityRole !== null ? 'moderator' : (viewer.sessionRole ?? 'speaker'),
        title: person?.title ?? '',
        registrationId: null,
        userId: user.id,
        lobby: false,
      };
    }
  }
  if (session.status === 'draft') throw AppError.notFound();
  if (joinSecret) {
    const registration = await findBySecret(deps.db, joinSecret);
    if (registration.sessionId !== session.id) throw new AppError(404, 'link_invalid', 'problems.linkInvalid');
    return registrant(registration);
  }
  if (!user) throw new AppError(401, 'unauthorized', 'problems.unauthorized');
  const [registration] = await deps.db
    .select()
    .from(registrations)
    .where(and(eq(registrations.sessionId, session.id), eq(registrations.email, user.email.toLowerCase())))
    .limit(1);
  if (registration) return registrant(registration);
  if (session.visibility !== 'private') {
    throw new AppError(409, 'room_not_registered', 'problems.roomNotRegistered');
  }
  return {
    identity: `u_${user.id}`,
    name: user.name,
    email: user.email.toLowerCase(),
    role: 'participant',
    title: '',
    registrationId: null,
    userId: user.id,
    lobby: true,
  };
}

function registrant(registration: RegistrationRow): Entrant {
  if (registration.status === 'waitlisted') throw new AppError(409, 'room_waitlisted', 'problems.roomWaitlisted');
  if (registration.status === 'cancelled') {
    throw new AppError(409, 'room_registration_cancelled', 'problems.roomRegistrationCancelled');
  }
  return {
    identity: `r_${registration.id}`,
    name: registration.name,
    email: registration.email,
    role: 'participant',
    title: '',
    registrationId: registration.id,
    userId: null,
    lobby: false,
  };
}
