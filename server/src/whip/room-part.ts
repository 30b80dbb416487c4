import type { MutableSource } from '@serambi/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import type { LiveKitGateway } from '../livekit/gateway.ts';
import { participantIn, recordAudit } from '../room/caller.ts';
import { backstageRoomName } from '../room/events.ts';
import type { PublishingFor } from '../room/parts.ts';
import type { RoomLifecycleHooks } from '../room/routes.ts';
import { obsIdentityOf } from './keys.ts';
import { whipKeys } from './schema.ts';

/** Which of OBS's sources (a camera and a microphone, as LiveKit labels WHIP tracks) stands for which of its holder's. */
const SOURCES_SHOWN_AS: Record<string, Partial<Record<MutableSource, MutableSource>>> = {
  camera: { camera: 'camera', microphone: 'microphone' },
  screen_share: { screen_share: 'camera', microphone: 'microphone' },
};

/**
 * What WHIP adds to the room core (RoomParts.publishingFor): a person's OBS, by their key that
 * counts now, for moderation to reach; and the end of that key when the person loses their place.
 */
export function whipPublishingFor(): PublishingFor {
  return {
    async of(db: Database | Tx, sessionId, identity) {
      const [row] = await db
        .select()
        .from(whipKeys)
        .where(and(eq(whipKeys.sessionId, sessionId), eq(whipKeys.identity, identity)));
      // A revoked key's OBS is removed when it is revoked; the newest one is what may still be connected.
      if (!row) return [];
      return [{ identity: obsIdentityOf(identity, row.generation), sourceFor: SOURCES_SHOWN_AS[row.shownAs] ?? {} }];
    },
    async end(tx, sessionId, identity, by, reason, at) {
      const [row] = await tx
        .update(whipKeys)
        .set({ revokedAt: at })
        .where(and(eq(whipKeys.sessionId, sessionId), eq(whipKeys.identity, identity), isNull(whipKeys.revokedAt)))
        .returning();
      if (!row) return;
      const target = await participantIn(tx, sessionId, identity).catch(() => ({ identity, name: identity }));
      await recordAudit(tx, {
        sessionId,
        at,
        action: 'whip_key_revoke',
        actor: by,
        target,
        detail: { reason, key: row.generation },
      });
    },
  };
}

/**
 * When the session goes live the team moves from the backstage to the stage; so does OBS. A WHIP
 * connection cannot move rooms, so each OBS connected backstage is disconnected: OBS connects
 * again (by itself, or with "Start Streaming"), and Serambi's WHIP door sends it to the stage.
 */
export function whipLifecycleHooks(deps: { db: Database; livekit: LiveKitGateway }): RoomLifecycleHooks {
  return {
    async afterLive(session) {
      const keys = await deps.db
        .select()
        .from(whipKeys)
        .where(and(eq(whipKeys.sessionId, session.id), isNull(whipKeys.revokedAt)));
      await Promise.all(
        keys.map((row) =>
          deps.livekit.removeParticipant(backstageRoomName(session.id), obsIdentityOf(row.identity, row.generation)),
        ),
      );
    },
  };
}
