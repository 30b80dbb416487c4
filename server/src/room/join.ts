import { isTeamRole, type JoinRoomResult, type LiveKitRoomKind, type RoomRole } from '@serambi/shared';
import { and, eq, or } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { requireConfirmedEmail } from '../http/current-user.ts';
import type { SessionUser } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import type { RoomAccess } from '../livekit/gateway.ts';
import { registrations } from '../registrations/schema.ts';
import { type SessionRow, sessionPeople } from '../sessions/schema.ts';
import { viewerOf } from '../sessions/service.ts';
import { LIVEKIT_TOKEN_TTL_SECONDS, type RoomDeps } from './deps.ts';
import { backstageRoomName, changeRoom, stageRoomName } from './events.ts';
import {
  type LinkHolder,
  type LinkRegistration,
  REGISTRANT_IDENTITY_PREFIX,
  type SessionToJoin,
} from './join-queries.ts';
import type { FreshRowOfPart } from './parts.ts';
import { type RoomParticipantRow, roomParticipants } from './schema.ts';
import { doorsOpenAt, findRoom, roomSnapshot } from './snapshot.ts';
import { teamRoleOf } from './standing.ts';

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
  { session, room: knownRoom, community, link }: SessionToJoin,
  user: SessionUser | null,
): Promise<JoinRoomResult> {
  const { entrant, rows } = await establishEntrant(deps, session, user, link);
  if (session.status === 'cancelled') throw new AppError(409, 'room_cancelled', 'problems.roomCancelled');
  const now = deps.now();

  // No room lock here: joins are the hot path (everyone arrives in the same two minutes). A ban
  // or lock racing a join is caught by the participant_joined webhook and the next join.
  const room = knownRoom ?? (await findRoom(deps.db, session.id));
  const known = rows ?? (await roomRowsOf(deps.db, session.id, entrant));
  if (known.some((row) => row.bannedAt !== null)) throw new AppError(403, 'room_banned', 'problems.roomBanned');
  const existing = known.find((row) => row.identity === entrant.identity);
  if (existing?.admission === 'denied') throw new AppError(403, 'room_denied', 'problems.roomDenied');
  if (room.locked && entrant.role === 'participant' && !existing?.firstJoinedAt) {
    throw new AppError(403, 'room_locked', 'problems.roomLocked');
  }
  // Someone who was on the team and comes back without a team role is let in like anyone else.
  const leftTheTeam = existing !== undefined && isTeamRole(existing.role) && !isTeamRole(entrant.role);
  // Someone coming back as they were (a reload, a new device) is already recorded: no write.
  const me =
    existing && isRecordedAs(existing, entrant)
      ? existing
      : await deps.joinQueries.recordEntrant(
          {
            sessionId: session.id,
            identity: entrant.identity,
            name: entrant.name,
            email: entrant.email,
            role: entrant.role,
            title: entrant.title,
            registrationId: entrant.registrationId,
            userId: entrant.userId,
            admission: entrant.lobby ? 'pending' : 'admitted',
            // The lobby shows how long someone has waited from this.
            createdAt: now,
          },
          // Someone let in by a team role they no longer have is let in (or waits in the lobby) like a newcomer.
          { admitAgain: leftTheTeam },
        );
  if (entrant.lobby && (!existing || leftTheTeam)) {
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
    snapshot: await roomSnapshot(deps, session, me, { room, community, fresh: freshOf(link, me) }),
    livekit,
  };
}

/** The fresh rows the link's read brought, when they are the ones of who came in (a team member with a link comes in as themselves). */
function freshOf(link: LinkHolder | undefined, me: RoomParticipantRow): FreshRowOfPart[] | undefined {
  const holder = link?.registration ? `${REGISTRANT_IDENTITY_PREFIX}${link.registration.id}` : undefined;
  return holder === me.identity ? link?.fresh : undefined;
}

/** Whether the room's row of someone already says what their entry would write (and no removal is to be lifted). */
function isRecordedAs(row: RoomParticipantRow, entrant: Entrant): boolean {
  return (
    row.name === entrant.name && row.role === entrant.role && row.title === entrant.title && row.removedAt === null
  );
}

/**
 * A fresh LiveKit connection to the main room (stage, or backstage for the team before the
 * session is live) for someone already in the room: what they get coming back from a breakout
 * table (docs/breakouts.md#how-the-client-moves); null when there is nowhere to be.
 */
export async function mainRoomConnection(
  deps: RoomDeps,
  session: SessionRow,
  me: RoomParticipantRow,
): Promise<JoinRoomResult['livekit']> {
  const room = await findRoom(deps.db, session.id);
  const where = destination(session, me, doorsOpenAt(session, room), deps.now());
  return where ? connectTo(deps, session, me, where) : null;
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
    return { kind: session.status === 'live' ? 'stage' : 'backstage', access: accessOf(me) };
  }
  if (session.status !== 'live' && now < doorsOpen) return null;
  if (session.status === 'draft') return null;
  return { kind: 'stage', access: accessOf(me) };
}

/** What someone may do in LiveKit by the room's state: the team and stage guests publish, the audience listens. */
export function accessOf(me: Pick<RoomParticipantRow, 'role' | 'stage'>): RoomAccess {
  return me.role !== 'participant' || me.stage === 'on_stage' ? 'publisher' : 'audience';
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
    url: deps.livekit.clientUrl,
    token,
    room: where.kind,
    expiresAt: new Date(deps.now().getTime() + LIVEKIT_TOKEN_TTL_SECONDS * 1000).toISOString(),
  };
}

/** The room's rows of someone, by their identity or their email (a ban holds for the person either way). */
function roomRowsOf(db: Database, sessionId: string, entrant: Pick<Entrant, 'identity' | 'email'>) {
  return db
    .select()
    .from(roomParticipants)
    .where(
      and(
        eq(roomParticipants.sessionId, sessionId),
        or(eq(roomParticipants.identity, entrant.identity), eq(roomParticipants.email, entrant.email)),
      ),
    );
}

/**
 * Who is coming in; with their rows in the room when the way they came in read those already
 * (otherwise the caller reads them).
 */
async function establishEntrant(
  deps: RoomDeps,
  session: SessionRow,
  user: SessionUser | null,
  link: LinkHolder | undefined,
): Promise<{ entrant: Entrant; rows?: RoomParticipantRow[] }> {
  if (user) {
    const teamRole = teamRoleOf(await viewerOf(deps.db, session, user));
    if (teamRole) {
      const [person] = await deps.db
        .select()
        .from(sessionPeople)
        .where(and(eq(sessionPeople.sessionId, session.id), eq(sessionPeople.userId, user.id)))
        .limit(1);
      const entrant: Entrant = {
        identity: `u_${user.id}`,
        name: person?.name ?? user.name,
        email: user.email.toLowerCase(),
        role: teamRole,
        title: person?.title ?? '',
        registrationId: null,
        userId: user.id,
        lobby: false,
      };
      return { entrant };
    }
  }
  if (session.status === 'draft') throw AppError.notFound();
  if (link) {
    if (!link.registration) throw new AppError(404, 'link_invalid', 'problems.linkInvalid');
    return { entrant: registrant(link.registration), rows: link.rows };
  }
  if (!user) throw new AppError(401, 'unauthorized', 'problems.unauthorized');
  // From here the account's address decides (its registration, its record in the lobby): only a
  // confirmed one may, or anyone could sign up with a registrant's address and take their seat.
  requireConfirmedEmail(user);
  const [registration] = await deps.db
    .select()
    .from(registrations)
    .where(and(eq(registrations.sessionId, session.id), eq(registrations.email, user.email.toLowerCase())))
    .limit(1);
  if (registration) return { entrant: registrant(registration) };
  if (session.visibility !== 'private') {
    throw new AppError(409, 'room_not_registered', 'problems.roomNotRegistered');
  }
  const entrant: Entrant = {
    identity: `u_${user.id}`,
    name: user.name,
    email: user.email.toLowerCase(),
    role: 'participant',
    title: '',
    registrationId: null,
    userId: user.id,
    lobby: true,
  };
  return { entrant };
}

function registrant(registration: LinkRegistration): Entrant {
  if (registration.status === 'waitlisted') throw new AppError(409, 'room_waitlisted', 'problems.roomWaitlisted');
  if (registration.status === 'cancelled') {
    throw new AppError(409, 'room_registration_cancelled', 'problems.roomRegistrationCancelled');
  }
  return {
    identity: `${REGISTRANT_IDENTITY_PREFIX}${registration.id}`,
    name: registration.name,
    email: registration.email,
    role: 'participant',
    title: '',
    registrationId: registration.id,
    userId: null,
    lobby: false,
  };
}
