import type { MutableSource } from '@serambi/shared';
import { AppError } from '../http/errors.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { participantIn, recordAudit, updateParticipant } from './caller.ts';
import type { RoomDeps } from './deps.ts';
import { backstageRoomName, changeRoom, stageRoomName } from './events.ts';
import { authorizeInRoom, roomRules } from './rules.ts';
import type { RoomParticipantRow } from './schema.ts';

/** Moderators' actions on one person; each is written to the audit log with who, whom and when. */

/** The LiveKit room someone publishes in right now. */
const publishingRoom = (session: SessionRow, target: RoomParticipantRow) =>
  target.role !== 'participant' && session.status !== 'live'
    ? backstageRoomName(session.id)
    : stageRoomName(session.id);

/** Mutes a microphone or camera, or stops a screen share (the sharer's client ends it on the event). */
export async function muteParticipant(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  identity: string,
  source: MutableSource,
) {
  authorizeInRoom(roomRules, 'mute', moderator);
  // At a breakout table, they publish there (docs/breakouts.md#who-may-do-what). Read before the
  // room's lock: the side rooms read the database on their own connection.
  const sideRoom = await deps.parts.sideRooms.roomOf(session.id, identity);
  await changeRoom(deps, session.id, async (tx) => {
    const target = await participantIn(tx, session.id, identity);
    const room = publishingRoom(session, target);
    // Their browser's track (at their breakout table too), and what publishes for them elsewhere
    // (their OBS) as that source.
    const companions = (await deps.parts.publishingFor?.of(tx, session.id, target.identity)) ?? [];
    const results = await Promise.all([
      ...(sideRoom !== null ? [deps.livekit.muteSource(sideRoom, target.identity, source)] : []),
      deps.livekit.muteSource(room, target.identity, source),
      ...companions.flatMap((companion) => {
        const theirs = companion.sourceFor[source];
        return theirs ? [deps.livekit.muteSource(room, companion.identity, theirs)] : [];
      }),
    ]);
    const muted = results.some(Boolean);
    if (!muted) throw new AppError(409, 'room_no_track', 'problems.roomNoTrack', { params: { name: target.name } });
    await recordAudit(tx, {
      sessionId: session.id,
      at: deps.now(),
      action: 'mute',
      actor: moderator,
      target,
      detail: { source },
    });
    return [{ type: 'participant.muted', data: { identity: target.identity, source } }];
  });
}

/**
 * Removes someone from the session now: their tickets and LiveKit tokens stop working
 * (`removedAt`; LiveKit's webhook removes them again if a kept or refreshed token gets them back
 * in). Without a ban they may come back by entering again (a reload, a second chance); with a ban
 * they cannot.
 */
export async function removeFromSession(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  identity: string,
  options: { ban: boolean },
) {
  authorizeInRoom(roomRules, options.ban ? 'ban' : 'remove', moderator);
  // Read before the room's lock: the side rooms read the database on their own connection.
  const sideRoom = await deps.parts.sideRooms.roomOf(session.id, identity);
  await changeRoom(deps, session.id, async (tx) => {
    const target = await participantIn(tx, session.id, identity);
    if (target.identity === moderator.identity) throw new AppError(409, 'conflict', 'problems.conflict');
    if (options.ban && target.role !== 'participant') {
      throw new AppError(409, 'room_not_participant', 'problems.roomNotParticipant', { params: { name: target.name } });
    }
    const at = deps.now();
    await updateParticipant(tx, target, {
      stage: 'none',
      stageSince: null,
      handRaisedAt: null,
      removedAt: at,
      ...(options.ban ? { bannedAt: at } : {}),
    });
    await recordAudit(tx, {
      sessionId: session.id,
      at,
      action: options.ban ? 'ban' : 'remove',
      actor: moderator,
      target,
    });
    // What publishes for them (their OBS) goes with them, and may not come back when they do.
    const companions = (await deps.parts.publishingFor?.of(tx, session.id, target.identity)) ?? [];
    await deps.parts.publishingFor?.end(tx, session.id, target.identity, moderator, 'removed', at);
    await Promise.all([
      ...[target.identity, ...companions.map((companion) => companion.identity)].flatMap((who) => [
        deps.livekit.removeParticipant(stageRoomName(session.id), who),
        deps.livekit.removeParticipant(backstageRoomName(session.id), who),
      ]),
      ...(sideRoom ? [deps.livekit.removeParticipant(sideRoom, target.identity)] : []),
    ]);
    return [{ type: 'participant.removed', data: { identity: target.identity, banned: options.ban } }];
  });
}

export async function unbanParticipant(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  identity: string,
) {
  authorizeInRoom(roomRules, 'unban', moderator);
  await changeRoom(deps, session.id, async (tx) => {
    const target = await participantIn(tx, session.id, identity);
    if (target.bannedAt === null) return [];
    await updateParticipant(tx, target, { bannedAt: null });
    await recordAudit(tx, { sessionId: session.id, at: deps.now(), action: 'unban', actor: moderator, target });
    return [];
  });
}

/** Admits someone waiting in a private session's lobby, or turns them away. */
export async function decideLobby(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  identity: string,
  admitted: boolean,
) {
  authorizeInRoom(roomRules, 'decideLobby', moderator);
  await changeRoom(deps, session.id, async (tx) => {
    const target = await participantIn(tx, session.id, identity);
    if (target.admission !== 'pending') {
      throw new AppError(409, 'room_not_in_lobby', 'problems.roomNotInLobby', { params: { name: target.name } });
    }
    await updateParticipant(tx, target, { admission: admitted ? 'admitted' : 'denied' });
    await recordAudit(tx, {
      sessionId: session.id,
      at: deps.now(),
      action: admitted ? 'admit' : 'deny',
      actor: moderator,
      target,
    });
    return [{ type: 'lobby.decided', data: { identity: target.identity, admitted } }];
  });
}
