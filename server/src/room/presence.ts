import { and, count, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { connectionJoinedAt } from '../livekit/participant-time.ts';
import type { LiveKitEvents, LiveKitWebhook } from '../livekit/webhook-routes.ts';
import { admitConnection } from './admittance.ts';
import type { RoomDeps } from './deps.ts';
import { changeRoom, roomOfName } from './events.ts';
import { roomParticipants } from './schema.ts';

/** How often at most a session's head count is broadcast, however many join at once. */
export const PRESENCE_BROADCAST_MS = 1_000;

/**
 * Presence and ban enforcement from LiveKit's webhooks (the audience is hidden, so the server
 * counts it: docs/livekit.md#the-hidden-audience; bans: docs/livekit.md#kicked-clients-can-rejoin).
 * Joins and leaves only mark who is connected; the head count is announced at most once a second
 * per session. Webhooks may arrive in any order: `last_seen_at` holds when the connection on record
 * joined (LiveKit's clock), so a stale "joined" or a late "left" of an earlier connection changes
 * nothing. Every connection is first held to the room's state (`admittance.ts`): someone banned,
 * removed or no longer on the team is removed again, everyone else gets the permissions the state
 * gives, whatever their token says.
 */
export function watchPresence(deps: RoomDeps, events: LiveKitEvents): { stop(): void } {
  const pending = new Map<string, NodeJS.Timeout>();

  const announceSoon = (sessionId: string) => {
    if (pending.has(sessionId)) return;
    const timer = setTimeout(() => {
      pending.delete(sessionId);
      announcePresence(deps, sessionId).catch((err: unknown) =>
        deps.log.warn({ err, sessionId }, 'presence not announced'),
      );
    }, PRESENCE_BROADCAST_MS);
    timer.unref();
    pending.set(sessionId, timer);
  };

  const joined = async (event: LiveKitWebhook) => {
    const participant = event.participant;
    const identity = participant?.identity;
    if (!event.room?.name || !participant || !identity) return;
    const row = await admitConnection(deps, event.room.name, { identity, permission: participant.permission });
    const { sessionId, kind } = roomOfName(event.room.name);
    if (!row || kind !== 'stage') return;
    const sid = participant.sid;
    const joinedAt = connectionJoinedAt(participant) ?? deps.now();
    // Only a connection newer than the one on record, and not one already seen leaving (its
    // "left" can be handled first): LiveKit sends webhooks from several workers at once.
    const marked = await deps.db
      .update(roomParticipants)
      .set({
        connected: true,
        connectionSid: sid,
        firstJoinedAt: sql`coalesce(${roomParticipants.firstJoinedAt}, ${deps.now().toISOString()}::timestamptz)`,
        lastSeenAt: joinedAt,
      })
      .where(
        and(
          eq(roomParticipants.id, row.id),
          sql`${roomParticipants.connectionSid} is distinct from ${sid}`,
          or(isNull(roomParticipants.lastSeenAt), lte(roomParticipants.lastSeenAt, joinedAt)),
        ),
      )
      .returning({ id: roomParticipants.id });
    if (marked.length > 0) announceSoon(sessionId);
  };

  const left = async (event: LiveKitWebhook) => {
    const participant = event.participant;
    const identity = participant?.identity;
    if (!event.room?.name || !participant || !identity) return;
    const { sessionId, kind } = roomOfName(event.room.name);
    if (kind !== 'stage') return;
    const sid = participant.sid;
    const joinedAt = connectionJoinedAt(participant);
    const person = and(eq(roomParticipants.sessionId, sessionId), eq(roomParticipants.identity, identity));
    // The connection on record left; or one newer than it, whose "joined" is still to come (and
    // will then be ignored). A late "left" of an earlier connection changes nothing.
    const updated = await deps.db
      .update(roomParticipants)
      .set({ connected: false, connectionSid: sid, ...(joinedAt ? { lastSeenAt: joinedAt } : {}) })
      .where(
        and(
          person,
          joinedAt
            ? or(
                eq(roomParticipants.connectionSid, sid),
                isNull(roomParticipants.lastSeenAt),
                lt(roomParticipants.lastSeenAt, joinedAt),
              )
            : eq(roomParticipants.connectionSid, sid),
        ),
      )
      .returning({ id: roomParticipants.id });
    if (updated.length > 0) announceSoon(sessionId);
  };

  const finished = async (event: LiveKitWebhook) => {
    if (!event.room?.name) return;
    const { sessionId, kind } = roomOfName(event.room.name);
    if (kind !== 'stage') return;
    const disconnected = await deps.db
      .update(roomParticipants)
      .set({ connected: false })
      .where(and(eq(roomParticipants.sessionId, sessionId), eq(roomParticipants.connected, true)))
      .returning({ id: roomParticipants.id });
    if (disconnected.length > 0) announceSoon(sessionId);
  };

  const unsubscribe = [
    events.on('participant_joined', joined),
    events.on('participant_left', left),
    events.on('participant_connection_aborted', left),
    events.on('room_finished', finished),
  ];
  return {
    stop() {
      for (const off of unsubscribe) off();
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}

async function announcePresence(deps: RoomDeps, sessionId: string) {
  await changeRoom(deps, sessionId, async (tx) => {
    const [row] = await tx
      .select({ n: count() })
      .from(roomParticipants)
      .where(and(eq(roomParticipants.sessionId, sessionId), eq(roomParticipants.connected, true)));
    return [{ type: 'session.presence', data: { connected: row?.n ?? 0 } }];
  });
}
