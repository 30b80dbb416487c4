import { and, count, eq, sql } from 'drizzle-orm';
import type { WebhookEvent } from 'livekit-server-sdk';
import type { LiveKitEvents } from '../livekit/webhook-routes.ts';
import type { RoomDeps } from './deps.ts';
import { changeRoom, roomOfName } from './events.ts';
import { roomParticipants } from './schema.ts';

/** How often at most a session's head count is broadcast, however many join at once. */
export const PRESENCE_BROADCAST_MS = 1_000;

/**
 * Presence and ban enforcement from LiveKit's webhooks (DESIGN.md principle 4: the audience is
 * hidden, so the server counts it). Joins and leaves only mark who is connected; the head
 * count is announced at most once a second per session. A banned identity that gets back in
 * (LiveKit refreshes tokens of connected clients) is removed again as soon as it joins.
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

  const joined = async (event: WebhookEvent) => {
    const identity = event.participant?.identity;
    if (!event.room?.name || !identity) return;
    const { sessionId, kind } = roomOfName(event.room.name);
    const [row] = await deps.db
      .select()
      .from(roomParticipants)
      .where(and(eq(roomParticipants.sessionId, sessionId), eq(roomParticipants.identity, identity)));
    if (!row) return;
    if (row.bannedAt) {
      deps.log.info({ sessionId, identity }, 'banned participant got back in: removing again');
      await deps.livekit.removeParticipant(event.room.name, identity);
      return;
    }
    if (kind !== 'stage') return;
    const now = deps.now();
    await deps.db
      .update(roomParticipants)
      .set({
        connected: true,
        connectionSid: event.participant?.sid ?? null,
        firstJoinedAt: sql`coalesce(${roomParticipants.firstJoinedAt}, ${now.toISOString()}::timestamptz)`,
        lastSeenAt: now,
      })
      .where(eq(roomParticipants.id, row.id));
    announceSoon(sessionId);
  };

  const left = async (event: WebhookEvent) => {
    const identity = event.participant?.identity;
    if (!event.room?.name || !identity) return;
    const { sessionId, kind } = roomOfName(event.room.name);
    if (kind !== 'stage') return;
    const updated = await deps.db
      .update(roomParticipants)
      .set({ connected: false, lastSeenAt: deps.now() })
      .where(
        and(
          eq(roomParticipants.sessionId, sessionId),
          eq(roomParticipants.identity, identity),
          eq(roomParticipants.connectionSid, event.participant?.sid ?? ''),
        ),
      )
      .returning({ id: roomParticipants.id });
    if (updated.length > 0) announceSoon(sessionId);
  };

  const finished = async (event: WebhookEvent) => {
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
