import { isTeamRole, sessionStatusGroups } from '@serambi/shared';
import { and, eq } from 'drizzle-orm';
import { hasExactly, type LiveKitPermission } from '../livekit/gateway.ts';
import { registrations } from '../registrations/schema.ts';
import { sessions } from '../sessions/schema.ts';
import { participantIn } from './caller.ts';
import type { RoomDeps } from './deps.ts';
import { changeRoom, roomOfName } from './events.ts';
import { accessOf, attributesOf } from './join.ts';
import { type RoomParticipantRow, roomParticipants } from './schema.ts';
import { type LostStanding, lostStanding } from './standing.ts';

/**
 * What the server does each time someone connects to one of a session's LiveKit rooms (their
 * `participant_joined` webhook, on the first connection and on every one after). A LiveKit token
 * lives minutes and LiveKit refreshes it by itself, so a token minted (or refreshed) while someone
 * had a right can bring them back after they lost it: a guest's token from the stage, a removed
 * moderator's, a banned participant's. The token is therefore never the word on what someone may
 * do; the room's state is. Whoever the state says must not be there is removed again; everyone
 * else gets the permissions the state gives them, whatever their token said.
 */

/** Why a connection must not stay. */
type Unwelcome = LostStanding | 'not_admitted' | 'session_over' | 'not_on_the_team';

/**
 * Removes a connection the room's state does not allow, or gives it the state's permissions.
 * The person's row when they stay; null when they were removed, or are no person of the room
 * (the recorder joins with a token of its own).
 */
export async function admitConnection(
  deps: RoomDeps,
  roomName: string,
  participant: { identity: string; permission?: LiveKitPermission },
): Promise<RoomParticipantRow | null> {
  const { sessionId, kind } = roomOfName(roomName);
  const [found] = await deps.db
    .select({
      row: roomParticipants,
      session: { id: sessions.id, communityId: sessions.communityId, status: sessions.status },
      registration: registrations.status,
    })
    .from(roomParticipants)
    .innerJoin(sessions, eq(sessions.id, roomParticipants.sessionId))
    .leftJoin(registrations, eq(registrations.id, roomParticipants.registrationId))
    .where(and(eq(roomParticipants.sessionId, sessionId), eq(roomParticipants.identity, participant.identity)));
  if (!found) return null;
  const { row, session } = found;

  const unwelcome: Unwelcome | null =
    (await lostStanding(deps.db, session, row, found.registration)) ??
    (row.admission !== 'admitted' ? 'not_admitted' : null) ??
    ((sessionStatusGroups.over as readonly string[]).includes(session.status) ? 'session_over' : null) ??
    (kind === 'backstage' && !isTeamRole(row.role) ? 'not_on_the_team' : null);
  if (unwelcome) {
    deps.log.info(
      { sessionId, identity: row.identity, reason: unwelcome },
      'connected against the room state: removing',
    );
    await deps.livekit.removeParticipant(roomName, row.identity);
    return null;
  }

  if (kind === 'table') return (await admitToSideRoom(deps, roomName, row, participant.permission)) ? row : null;

  // Most connections are the audience's, with the audience's token: nothing to give or take
  // back, and no call to LiveKit (a join storm makes hundreds of these at once).
  if (accessOf(row) === 'audience' && hasExactly(participant.permission, 'audience')) return row;
  await giveStoredAccess(deps, sessionId, roomName, row);
  return row;
}

/**
 * A connection to a side room (a breakout table) is held to what its capability says: a
 * participant only at their own table, the team at any; a token for another table, kept from
 * before a move, gets nobody in. True when they stay.
 */
async function admitToSideRoom(
  deps: RoomDeps,
  roomName: string,
  row: RoomParticipantRow,
  permission: LiveKitPermission | undefined,
): Promise<boolean> {
  const access = await deps.parts.sideRooms.accessIn(roomName, row);
  if (!access) {
    deps.log.info({ room: roomName, identity: row.identity }, 'connected to a side room not theirs: removing');
    await deps.livekit.removeParticipant(roomName, row.identity);
    return false;
  }
  if (!hasExactly(permission, access)) await deps.livekit.setAccess(roomName, row.identity, access, attributesOf(row));
  return true;
}

/**
 * Sets a connection's permissions to what the room's state gives its holder (the full set, as
 * every permission change does). Read again under the room's lock, so a stage change happening
 * at the same time is applied after this, not undone by it.
 */
async function giveStoredAccess(deps: RoomDeps, sessionId: string, roomName: string, row: RoomParticipantRow) {
  await changeRoom(deps, sessionId, async (tx) => {
    const now = await participantIn(tx, sessionId, row.identity);
    // Removed (or banned) since the look above: out, rather than in with less.
    if (now.removedAt) await deps.livekit.removeParticipant(roomName, now.identity);
    else await deps.livekit.setAccess(roomName, now.identity, accessOf(now), attributesOf(now));
    return [];
  });
}
