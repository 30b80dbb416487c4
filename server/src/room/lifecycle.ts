import {
  type AuditEntry,
  doorsOpenWindow,
  isWithinWindow,
  MAX_DOORS_OPEN_EARLY_HOURS,
  type RoomSettings,
  type UpdateRoomSettingsRequest,
} from '@serambi/shared';
import { desc, eq } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { moveSessionStatus } from '../sessions/status.ts';
import { recordAudit } from './caller.ts';
import type { RoomDeps } from './deps.ts';
import { backstageRoomName, changeRoom, type EventDraft, stageRoomName } from './events.ts';
import { authorizeInRoom, roomRules } from './rules.ts';
import { type RoomParticipantRow, roomAudit, roomParticipants, type SessionRoomRow, sessionRooms } from './schema.ts';
import { roomSettings } from './snapshot.ts';

/**
 * What other capabilities do when the session goes live or ends (recording starts by itself,
 * and stops before the rooms close; the "now answering" pin ends; certificates are checked once
 * it ended). Passed in where the app is composed (app.ts), so the room does not depend on them;
 * each capability's hooks run in the order they are given.
 */
export interface RoomLifecycleHooks {
  afterLive?(session: SessionRow): Promise<void>;
  beforeEnd?(session: SessionRow, moderator: RoomParticipantRow): Promise<void>;
  /** Runs inside the transaction that ends the session (`WhileEnding`). */
  whileEnding?: WhileEnding;
}

/**
 * Go live: the session turns live, the audience's waiting screen becomes the stage, and the
 * team moves from the backstage to the stage (their clients join again on the event). The
 * stage room is made first, so a LiveKit outage changes nothing. Going live twice is a no-op.
 * Then each hook's `afterLive` runs (unless it was live already).
 */
export async function goLive(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  hooks: RoomLifecycleHooks[] = [],
) {
  authorizeInRoom(roomRules, 'goLive', moderator);
  if (session.status === 'live') return;
  await becomeLive(deps, session, moderator);
  for (const hook of hooks) await hook.afterLive?.(session);
}

async function becomeLive(deps: RoomDeps, session: SessionRow, moderator: RoomParticipantRow) {
  if (session.status !== 'scheduled') throw new AppError(409, 'room_not_scheduled', 'problems.roomNotScheduled');
  await deps.livekit.ensureRoom(stageRoomName(session.id));
  await changeRoom(deps, session.id, async (tx) => {
    const at = deps.now();
    // Another moderator pressed it at the same moment.
    if (!(await moveSessionStatus(tx, session.id, 'scheduled', 'live', at))) return [];
    await tx.update(sessionRooms).set({ liveAt: at }).where(eq(sessionRooms.sessionId, session.id));
    await recordAudit(tx, { sessionId: session.id, at, action: 'go_live', actor: moderator });
    return [{ type: 'session.status', data: { status: 'live', liveAt: at.toISOString(), endedAt: null } }];
  });
}

/**
 * What another capability does in the transaction that ends a session, under the room's lock
 * (`RoomLifecycleHooks.whileEnding`): it writes what it keeps of the end (a certificate check,
 * the end of the "now answering" pin), so it happens exactly when the session ends, and says
 * what to announce; its events go out before `session.status`.
 */
export type WhileEnding = (tx: Tx, session: SessionRow, room: SessionRoomRow, at: Date) => Promise<EventDraft[]>;

/**
 * Ends the session for everyone: each hook's `beforeEnd` runs first (while it is live), then
 * the status turns ended, the stage and hands are cleared, and both LiveKit rooms are closed
 * (which disconnects everyone, after the event is out). Each hook's `whileEnding` runs in the
 * same transaction, in order.
 */
export async function endSession(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  hooks: RoomLifecycleHooks[] = [],
) {
  authorizeInRoom(roomRules, 'end', moderator);
  if (session.status === 'live') for (const hook of hooks) await hook.beforeEnd?.(session, moderator);
  const whileEnding = hooks.flatMap((hook) => (hook.whileEnding ? [hook.whileEnding] : []));
  if (session.status === 'ended') return;
  if (session.status !== 'live') throw new AppError(409, 'room_not_live', 'problems.roomNotLive');
  await changeRoom(deps, session.id, async (tx, room) => {
    const at = deps.now();
    if (!(await moveSessionStatus(tx, session.id, 'live', 'ended', at))) return [];
    await tx.update(sessionRooms).set({ endedAt: at }).where(eq(sessionRooms.sessionId, session.id));
    await tx
      .update(roomParticipants)
      .set({ stage: 'none', stageSince: null, handRaisedAt: null })
      .where(eq(roomParticipants.sessionId, session.id));
    await recordAudit(tx, { sessionId: session.id, at, action: 'end', actor: moderator });
    const theirs: EventDraft[] = [];
    for (const hook of whileEnding) theirs.push(...(await hook(tx, session, room, at)));
    return [
      ...theirs,
      {
        type: 'session.status',
        data: { status: 'ended', liveAt: room.liveAt?.toISOString() ?? null, endedAt: at.toISOString() },
      },
    ];
  });
  // Everyone hears "ended" before the rooms close under them.
  await deps.broadcaster.flushed(session.id);
  await Promise.all([
    deps.livekit.deleteRoom(stageRoomName(session.id)),
    deps.livekit.deleteRoom(backstageRoomName(session.id)),
  ]);
}

/** Doors-open time, lock, the stage's guest limit, and how Q&A and chat run. */
export async function updateRoomSettings(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  changes: UpdateRoomSettingsRequest,
): Promise<RoomSettings> {
  authorizeInRoom(roomRules, 'changeSettings', moderator);
  if (changes.doorsOpenAt !== undefined) checkDoorsOpen(session, new Date(changes.doorsOpenAt));
  let settings: RoomSettings | undefined;
  const values = {
    ...(changes.doorsOpenAt !== undefined ? { doorsOpenAt: new Date(changes.doorsOpenAt) } : {}),
    ...(changes.locked !== undefined ? { locked: changes.locked } : {}),
    ...(changes.stageGuestLimit !== undefined ? { stageGuestLimit: changes.stageGuestLimit } : {}),
    ...(changes.qaMode !== undefined ? { qaMode: changes.qaMode } : {}),
    ...(changes.anonymousQuestions !== undefined ? { anonymousQuestions: changes.anonymousQuestions } : {}),
    ...(changes.chatClosed !== undefined ? { chatClosed: changes.chatClosed } : {}),
    ...(changes.chatSlowModeSeconds !== undefined ? { chatSlowModeSeconds: changes.chatSlowModeSeconds } : {}),
  };
  const changesNothing = Object.keys(values).length === 0;
  await changeRoom(deps, session.id, async (tx) => {
    const at = deps.now();
    const where = eq(sessionRooms.sessionId, session.id);
    // An empty change (`{}`) is valid: it answers the settings as they are, and writes nothing.
    const [room] = changesNothing
      ? await tx.select().from(sessionRooms).where(where)
      : await tx.update(sessionRooms).set(values).where(where).returning();
    if (!room) throw new Error('session room missing under its lock');
    settings = roomSettings(session, room);
    if (changesNothing) return [];
    await recordAudit(tx, { sessionId: session.id, at, action: 'settings', actor: moderator, detail: { ...changes } });
    return [{ type: 'session.settings', data: settings }];
  });
  if (!settings) throw new Error('settings not written');
  return settings;
}

/** Doors open on the day of the session, before it starts (doorsOpenWindow). */
function checkDoorsOpen(session: SessionRow, doorsOpenAt: Date): void {
  if (isWithinWindow(doorsOpenWindow(session.startsAt), doorsOpenAt)) return;
  throw AppError.validation([
    { path: 'doorsOpenAt', message: 'validation.doorsOpen', params: { hours: MAX_DOORS_OPEN_EARLY_HOURS } },
  ]);
}

/** The moderation audit log, newest first. */
export async function auditLog(
  db: Database,
  session: SessionRow,
  moderator: RoomParticipantRow,
): Promise<AuditEntry[]> {
  authorizeInRoom(roomRules, 'readAudit', moderator);
  const rows = await db
    .select()
    .from(roomAudit)
    .where(eq(roomAudit.sessionId, session.id))
    .orderBy(desc(roomAudit.at))
    .limit(500);
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    action: row.action as AuditEntry['action'],
    actor: { identity: row.actorIdentity, name: row.actorName },
    target: row.targetIdentity ? { identity: row.targetIdentity, name: row.targetName ?? '' } : null,
    detail: row.detail,
  }));
}
