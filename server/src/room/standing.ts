import { isTeamRole, type RoomRole, sessionStatusGroups } from '@serambi/shared';
import { and, eq, ne, notInArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import type { RegistrationRow } from '../registrations/schema.ts';
import type { SessionViewer } from '../sessions/rules.ts';
import { type SessionRow, sessions } from '../sessions/schema.ts';
import { viewerOf } from '../sessions/service.ts';
import type { RoomDeps } from './deps.ts';
import { backstageRoomName, stageRoomName } from './events.ts';
import { type RoomParticipantRow, roomParticipants } from './schema.ts';

/**
 * Whether someone still stands in the room as their ticket and their LiveKit connection say.
 * Tickets live hours and LiveKit refreshes tokens by itself, so neither is where a right is
 * kept: each request and each connection asks here, against the room and the session's team as
 * they are now. A right lost (a ban, a removal, a role taken away, a cancelled registration)
 * therefore counts from the moment it is lost, whatever was minted before.
 */

/** Why someone's ticket and connection no longer stand. */
export type LostStanding = 'banned' | 'removed' | 'team_role_changed' | 'registration_cancelled' | 'waitlisted';

/** The room role a team member has by the session's people and the community's organizers; null when none. */
export function teamRoleOf(viewer: SessionViewer): RoomRole | null {
  // Organizers run the room like its moderators.
  if (viewer.communityRole !== null) return 'moderator';
  return viewer.sessionRole;
}

/** The team role of a user in a session now (one look at the session's people and the community's members). */
export async function currentTeamRole(
  db: Database,
  session: Pick<SessionRow, 'id' | 'communityId'>,
  userId: string,
): Promise<RoomRole | null> {
  return teamRoleOf(await viewerOf(db, session, { id: userId }));
}

/**
 * Why the holder of `row` may no longer act in the room or be connected to it, or null while they
 * may. A team member's role is read again each time: it was theirs when they entered, and an
 * organizer may have taken it away since.
 */
export async function lostStanding(
  db: Database,
  session: Pick<SessionRow, 'id' | 'communityId'>,
  row: RoomParticipantRow,
  registration: RegistrationRow['status'] | null,
): Promise<LostStanding | null> {
  if (row.bannedAt) return 'banned';
  if (row.removedAt) return 'removed';
  if (registration === 'cancelled') return 'registration_cancelled';
  if (registration === 'waitlisted') return 'waitlisted';
  if (isTeamRole(row.role) && row.userId && (await currentTeamRole(db, session, row.userId)) !== row.role) {
    return 'team_role_changed';
  }
  return null;
}

/** The answer to a request made with a ticket that no longer stands. */
export function refusalFor(lost: LostStanding): AppError {
  switch (lost) {
    case 'banned':
      return new AppError(403, 'room_banned', 'problems.roomBanned');
    case 'removed':
      return new AppError(403, 'room_removed', 'problems.roomRemoved');
    // The same codes as at the door, as refusals: the ticket was theirs, the seat no longer is.
    case 'registration_cancelled':
      return new AppError(403, 'room_registration_cancelled', 'problems.roomRegistrationCancelled');
    case 'waitlisted':
      return new AppError(403, 'room_waitlisted', 'problems.roomWaitlisted');
    case 'team_role_changed':
      // The ticket was for the role they had: entering again gives them what they are now.
      return new AppError(401, 'room_ticket', 'problems.roomRoleChanged');
  }
}

/**
 * After an organizer took away someone's part in sessions' teams (removed from a session's people
 * or from the community): disconnects them from the LiveKit rooms of those sessions where they
 * are on the team by a role they no longer have. Their tickets already stop working (see
 * `lostStanding`); this ends the connection they have now, which LiveKit would otherwise keep,
 * publishing, for as long as it lasts. They may enter again as whatever they still are.
 */
export async function disconnectFormerTeamMember(
  deps: Pick<RoomDeps, 'db' | 'livekit' | 'log' | 'parts' | 'now'>,
  userId: string,
  where: { sessionId: string } | { communityId: string },
): Promise<void> {
  const rows = await deps.db
    .select({ session: { id: sessions.id, communityId: sessions.communityId }, role: roomParticipants.role })
    .from(roomParticipants)
    .innerJoin(sessions, eq(sessions.id, roomParticipants.sessionId))
    .where(
      and(
        eq(roomParticipants.identity, `u_${userId}`),
        ne(roomParticipants.role, 'participant'),
        notInArray(sessions.status, [...sessionStatusGroups.over]),
        'sessionId' in where ? eq(sessions.id, where.sessionId) : eq(sessions.communityId, where.communityId),
      ),
    );
  for (const { session, role } of rows) {
    if ((await currentTeamRole(deps.db, session, userId)) === role) continue;
    deps.log.info({ sessionId: session.id, userId }, 'team role taken away: disconnecting from the room');
    const identity = `u_${userId}`;
    // What published for them (their OBS) may not come back either.
    const companions = (await deps.parts.publishingFor?.of(deps.db, session.id, identity)) ?? [];
    const by = { identity: 'serambi', name: 'Serambi' };
    await deps.db.transaction(
      (tx) => deps.parts.publishingFor?.end(tx, session.id, identity, by, 'role_lost', deps.now()) ?? Promise.resolve(),
    );
    try {
      await Promise.all(
        [identity, ...companions.map((companion) => companion.identity)].flatMap((who) => [
          deps.livekit.removeParticipant(stageRoomName(session.id), who),
          deps.livekit.removeParticipant(backstageRoomName(session.id), who),
        ]),
      );
    } catch (error) {
      // The role is already gone (the change is committed): an unreachable LiveKit must not make
      // the organizer's request fail. The participant_joined webhook removes them if they reconnect.
      if (!(error instanceof AppError && error.status === 503)) throw error;
      deps.log.warn({ err: error, sessionId: session.id, userId }, 'former team member not disconnected');
    }
  }
}
