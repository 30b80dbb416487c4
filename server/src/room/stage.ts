import { and, count, eq, inArray } from 'drizzle-orm';
import { AppError } from '../http/errors.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { participantIn, recordAudit, updateParticipant } from './caller.ts';
import type { RoomDeps } from './deps.ts';
import { changeRoom, type RoomEventDraft, stageRoomName } from './events.ts';
import { attributesOf } from './join.ts';
import { authorizeInRoom, roomRules } from './rules.ts';
import { type RoomParticipantRow, roomParticipants } from './schema.ts';

/**
 * Raise hand → invite → consent → on stage. Nobody is put on stage without accepting, and
 * only the server changes who may publish (LiveKit permissions, always the full set).
 */

/** Raises or lowers the caller's own hand; doing it twice changes nothing and announces nothing. */
export async function raiseHand(deps: RoomDeps, session: SessionRow, caller: RoomParticipantRow, raised: boolean) {
  authorizeInRoom(roomRules, 'raiseHand', caller);
  await changeRoom(deps, session.id, async (tx) => {
    const me = await participantIn(tx, session.id, caller.identity);
    if (raised && me.handRaisedAt === null) {
      const at = deps.now();
      await updateParticipant(tx, me, { handRaisedAt: at });
      return [{ type: 'hand.raised', data: { identity: me.identity, name: me.name, raisedAt: at.toISOString() } }];
    }
    if (!raised && me.handRaisedAt !== null) {
      await updateParticipant(tx, me, { handRaisedAt: null });
      return [{ type: 'hand.lowered', data: { identity: me.identity } }];
    }
    return [];
  });
}

/** A moderator invites someone in the audience to the stage; they still have to accept. */
export async function inviteToStage(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  identity: string,
) {
  authorizeInRoom(roomRules, 'inviteToStage', moderator);
  await changeRoom(deps, session.id, async (tx, room) => {
    const target = await participantIn(tx, session.id, identity);
    if (target.role !== 'participant') {
      throw new AppError(409, 'room_not_participant', 'problems.roomNotParticipant', { params: { name: target.name } });
    }
    if (!target.connected) {
      throw new AppError(409, 'room_participant_left', 'problems.roomParticipantLeft', {
        params: { name: target.name },
      });
    }
    if (target.stage !== 'none') return [];
    const [guests] = await tx
      .select({ n: count() })
      .from(roomParticipants)
      .where(and(eq(roomParticipants.sessionId, session.id), inArray(roomParticipants.stage, ['invited', 'on_stage'])));
    if ((guests?.n ?? 0) >= room.stageGuestLimit) {
      throw new AppError(409, 'room_stage_full', 'problems.roomStageFull', { params: { limit: room.stageGuestLimit } });
    }
    const at = deps.now();
    await updateParticipant(tx, target, { stage: 'invited', stageSince: at });
    await recordAudit(tx, { sessionId: session.id, at, action: 'invite', actor: moderator, target });
    return [{ type: 'stage.invited', data: { identity: target.identity, name: target.name, since: at.toISOString() } }];
  });
}

/**
 * The invited person accepts (they get publish rights and become visible) or declines. The
 * LiveKit change happens inside the transaction: if LiveKit refuses, nothing is recorded.
 */
export async function answerInvitation(
  deps: RoomDeps,
  session: SessionRow,
  caller: RoomParticipantRow,
  accept: boolean,
) {
  authorizeInRoom(roomRules, 'answerInvitation', caller);
  await changeRoom(deps, session.id, async (tx) => {
    const me = await participantIn(tx, session.id, caller.identity);
    if (me.stage !== 'invited') throw new AppError(409, 'room_no_invitation', 'problems.roomNoInvitation');
    if (!accept) {
      await updateParticipant(tx, me, { stage: 'none', stageSince: null });
      return [{ type: 'stage.left', data: { identity: me.identity, reason: 'declined' } }];
    }
    const at = deps.now();
    const granted = await deps.livekit.setAccess(
      stageRoomName(session.id),
      me.identity,
      'publisher',
      attributesOf({ ...me, stage: 'on_stage' }),
    );
    if (!granted) {
      throw new AppError(409, 'room_participant_left', 'problems.roomParticipantLeft', { params: { name: me.name } });
    }
    await updateParticipant(tx, me, { stage: 'on_stage', stageSince: at, handRaisedAt: null });
    const events: RoomEventDraft[] = [
      { type: 'stage.joined', data: { identity: me.identity, name: me.name, since: at.toISOString() } },
    ];
    if (me.handRaisedAt) events.push({ type: 'hand.lowered', data: { identity: me.identity } });
    return events;
  });
}

/** A guest leaves the stage by themselves. */
export async function leaveStage(deps: RoomDeps, session: SessionRow, caller: RoomParticipantRow) {
  authorizeInRoom(roomRules, 'leaveStage', caller);
  await takeOffStage(deps, session, caller.identity, 'self');
}

/** A moderator brings a guest down from the stage. */
export async function removeFromStage(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  identity: string,
) {
  authorizeInRoom(roomRules, 'removeFromStage', moderator);
  await takeOffStage(deps, session, identity, { moderator });
}

/**
 * Publish rights are revoked and LiveKit unpublishes the guest's tracks. Someone who already
 * left keeps no rights to revoke.
 */
async function takeOffStage(
  deps: RoomDeps,
  session: SessionRow,
  identity: string,
  by: { moderator: RoomParticipantRow } | 'self',
) {
  await changeRoom(deps, session.id, async (tx) => {
    const target = await participantIn(tx, session.id, identity);
    if (target.stage === 'none') {
      throw new AppError(409, 'room_not_on_stage', 'problems.roomNotOnStage', { params: { name: target.name } });
    }
    await deps.livekit.setAccess(
      stageRoomName(session.id),
      target.identity,
      'audience',
      attributesOf({ ...target, stage: 'none' }),
    );
    await updateParticipant(tx, target, { stage: 'none', stageSince: null });
    if (by !== 'self') {
      await recordAudit(tx, {
        sessionId: session.id,
        at: deps.now(),
        action: 'remove_from_stage',
        actor: by.moderator,
        target,
      });
    }
    return [{ type: 'stage.left', data: { identity: target.identity, reason: by === 'self' ? 'left' : 'removed' } }];
  });
}

/** A moderator lowers someone's hand (answered, or raised by mistake). */
export async function lowerHandOf(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  identity: string,
) {
  authorizeInRoom(roomRules, 'lowerHandOf', moderator);
  await changeRoom(deps, session.id, async (tx) => {
    const target = await participantIn(tx, session.id, identity);
    if (target.handRaisedAt === null) return [];
    await updateParticipant(tx, target, { handRaisedAt: null });
    await recordAudit(tx, { sessionId: session.id, at: deps.now(), action: 'lower_hand', actor: moderator, target });
    return [{ type: 'hand.lowered', data: { identity: target.identity } }];
  });
}
