import { isTeamRole, sessionStatusGroups, type WhipKey, type WhipShownAs } from '@serambi/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import type { LiveKitGateway } from '../livekit/gateway.ts';
import { participantIn, recordAudit } from '../room/caller.ts';
import { backstageRoomName, stageRoomName } from '../room/events.ts';
import { authorizeInRoom } from '../room/rules.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import { lostStanding } from '../room/standing.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { isCurrent, keyExpiry, keyRowOf, keyView, obsIdentityOf } from './keys.ts';
import { whipRules } from './rules.ts';
import { type WhipKeyRow, whipKeys } from './schema.ts';

/** What WHIP keys use, built once at start. */
export interface WhipDeps {
  db: Database;
  livekit: LiveKitGateway;
  /** Serambi's public origin (PUBLIC_URL's): OBS reaches WHIP there. */
  publicOrigin: string;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  now: () => Date;
}

/** The WHIP deps of the app's context. */
export function whipDepsOf(ctx: {
  db: Database;
  livekit: LiveKitGateway;
  config: { publicUrl: string };
  log: WhipDeps['log'] & { child(bindings: object): WhipDeps['log'] };
  now: () => Date;
}): WhipDeps {
  return {
    db: ctx.db,
    livekit: ctx.livekit,
    publicOrigin: new URL(ctx.config.publicUrl).origin,
    log: ctx.log.child({ part: 'whip' }),
    now: ctx.now,
  };
}

/** Why a key stopped counting, in the audit log. */
export type RevokeReason = 'holder' | 'moderator' | 'removed' | 'role_lost' | 'replaced';

const isOver = (session: Pick<SessionRow, 'status'>) =>
  (sessionStatusGroups.over as readonly string[]).includes(session.status);

/** The caller's key as it stands: null when they have none that still opens the room. */
export async function currentWhipKey(
  deps: WhipDeps,
  session: SessionRow,
  me: RoomParticipantRow,
): Promise<WhipKey | null> {
  authorizeInRoom(whipRules, 'readOwnKey', me);
  const row = await keyRowOf(deps.db, session.id, me.identity);
  const now = deps.now();
  if (!row || !isCurrent(row, now) || isOver(session)) return null;
  return keyView(deps.livekit, deps.publicOrigin, session, me, row, now);
}

/**
 * A new key for the caller: the one before stops counting (its OBS, if connected, is
 * disconnected), the new one is written with the next number, and both are in the audit log.
 */
export async function issueWhipKey(
  deps: WhipDeps,
  session: SessionRow,
  me: RoomParticipantRow,
  shownAs: WhipShownAs,
): Promise<WhipKey> {
  authorizeInRoom(whipRules, 'issueOwnKey', me);
  if (isOver(session)) throw new AppError(409, 'whip_session_over', 'problems.whipSessionOver');
  const now = deps.now();
  const expiresAt = keyExpiry(session, now);
  const { row, before } = await deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(whipKeys)
      .where(and(eq(whipKeys.sessionId, session.id), eq(whipKeys.identity, me.identity)))
      .for('update');
    const values = {
      generation: (before?.generation ?? 0) + 1,
      shownAs,
      issuedAt: now,
      expiresAt,
      revokedAt: null,
    };
    const [row] = await tx
      .insert(whipKeys)
      .values({ sessionId: session.id, identity: me.identity, ...values })
      .onConflictDoUpdate({ target: [whipKeys.sessionId, whipKeys.identity], set: values })
      .returning();
    if (!row) throw new Error('whip key not written');
    if (before && isCurrent(before, now)) {
      await recordAudit(tx, {
        sessionId: session.id,
        at: now,
        action: 'whip_key_revoke',
        actor: me,
        target: me,
        detail: { reason: 'replaced', key: before.generation },
      });
    }
    await recordAudit(tx, {
      sessionId: session.id,
      at: now,
      action: 'whip_key_issue',
      actor: me,
      target: me,
      detail: { as: shownAs, key: row.generation, expiresAt: expiresAt.toISOString() },
    });
    return { row, before };
  });
  if (before) await disconnectObs(deps, session.id, obsIdentityOf(me.identity, before.generation));
  return keyView(deps.livekit, deps.publicOrigin, session, me, row, now);
}

/** The caller revokes their own key. */
export async function revokeOwnWhipKey(deps: WhipDeps, session: SessionRow, me: RoomParticipantRow): Promise<void> {
  authorizeInRoom(whipRules, 'revokeOwnKey', me);
  await revokeWhipKey(deps, session.id, me, me.identity, 'holder');
}

/** A moderator revokes someone's key; 404 when that person never entered the room. */
export async function revokeWhipKeyOf(
  deps: WhipDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  identity: string,
): Promise<void> {
  authorizeInRoom(whipRules, 'revokeKeyOf', moderator);
  await participantIn(deps.db, session.id, identity);
  await revokeWhipKey(deps, session.id, moderator, identity, 'moderator');
}

/**
 * Ends someone's key: it is marked revoked (with an audit entry, unless it was not current
 * anyway) and the OBS connected with it is disconnected from both rooms. A key that comes back
 * (straight to LiveKit, past Serambi) is removed again on its `participant_joined`
 * (connections.ts), and Serambi's WHIP door refuses it before LiveKit sees it.
 */
export async function revokeWhipKey(
  deps: WhipDeps,
  sessionId: string,
  actor: Pick<RoomParticipantRow, 'identity' | 'name'>,
  identity: string,
  reason: RevokeReason,
): Promise<void> {
  const now = deps.now();
  const revoked = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(whipKeys)
      .set({ revokedAt: now })
      .where(and(eq(whipKeys.sessionId, sessionId), eq(whipKeys.identity, identity), isNull(whipKeys.revokedAt)))
      .returning();
    if (!row) return null;
    const target = await participantIn(tx, sessionId, identity).catch(() => ({ identity, name: identity }));
    await recordAudit(tx, {
      sessionId,
      at: now,
      action: 'whip_key_revoke',
      actor,
      target,
      detail: { reason, key: row.generation },
    });
    return row;
  });
  const row = revoked ?? (await keyRowOf(deps.db, sessionId, identity));
  if (row) await disconnectObs(deps, sessionId, obsIdentityOf(identity, row.generation));
}

/** Disconnects one OBS identity from the session's rooms (wherever it is). */
async function disconnectObs(deps: Pick<WhipDeps, 'livekit'>, sessionId: string, obsIdentity: string) {
  await Promise.all([
    deps.livekit.removeParticipant(stageRoomName(sessionId), obsIdentity),
    deps.livekit.removeParticipant(backstageRoomName(sessionId), obsIdentity),
  ]);
}

/** Why a key does not open the room now; null when it does. */
export type KeyRefusal = 'unknown' | 'replaced' | 'revoked' | 'expired' | 'session_over' | 'holder_lost_place';

/**
 * Whether the key number `generation` of `identity` opens the session's rooms now: it is their
 * newest, not revoked, not expired, the session is not over, and they still stand in the room as
 * a speaker or moderator (a holder who lost that has their key revoked here, once).
 */
export async function checkKey(
  deps: WhipDeps,
  session: Pick<SessionRow, 'id' | 'communityId' | 'status'>,
  identity: string,
  generation: number,
): Promise<
  | { refusal: KeyRefusal; row?: undefined; owner?: undefined }
  | { refusal: null; row: WhipKeyRow; owner: RoomParticipantRow }
> {
  const row = await keyRowOf(deps.db, session.id, identity);
  if (!row) return { refusal: 'unknown' };
  if (row.generation !== generation) return { refusal: 'replaced' };
  if (row.revokedAt) return { refusal: 'revoked' };
  if (row.expiresAt <= deps.now()) return { refusal: 'expired' };
  if (isOver(session)) return { refusal: 'session_over' };
  const owner = await participantIn(deps.db, session.id, identity).catch(() => null);
  const lost = owner ? await lostStanding(deps.db, session, owner, null) : 'removed';
  if (!owner || lost || !isTeamRole(owner.role) || owner.admission !== 'admitted') {
    await revokeWhipKey(
      deps,
      session.id,
      { identity: 'serambi', name: 'Serambi' },
      identity,
      lost === 'team_role_changed' ? 'role_lost' : 'removed',
    );
    return { refusal: 'holder_lost_place' };
  }
  return { refusal: null, row, owner };
}
