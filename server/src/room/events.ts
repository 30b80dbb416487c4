import { type RoomEvent, topicOf } from '@serambi/shared';
import { eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';
import type { LiveKitGateway } from '../livekit/gateway.ts';
import { sessionRooms } from './schema.ts';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** An event before it has its place in the session's sequence. */
export type RoomEventDraft = RoomEvent extends infer E ? (E extends RoomEvent ? Omit<E, 'v' | 'at'> : never) : never;

/** The LiveKit room of the stage (the audience's room) and of the team's backstage. */
export const stageRoomName = (sessionId: string) => sessionId;
export const backstageRoomName = (sessionId: string) => `${sessionId}-backstage`;

/** The session a LiveKit room belongs to, and which of its rooms it is. */
export function roomOfName(name: string): { sessionId: string; kind: 'stage' | 'backstage' } {
  return name.endsWith('-backstage')
    ? { sessionId: name.slice(0, -'-backstage'.length), kind: 'backstage' }
    : { sessionId: name, kind: 'stage' };
}

/**
 * Takes the session room's lock for the rest of the transaction (creating the room row on first
 * use), so every change to one room's state happens one at a time and in version order.
 */
export async function lockRoom(tx: Tx, sessionId: string) {
  await tx.insert(sessionRooms).values({ sessionId }).onConflictDoNothing();
  const [room] = await tx.select().from(sessionRooms).where(eq(sessionRooms.sessionId, sessionId)).for('update');
  if (!room) throw new Error(`session room ${sessionId} missing after insert`);
  return room;
}

/**
 * Gives events the session's next sequence numbers, in the transaction that makes the change
 * they announce: an event exists only if its change was committed.
 */
export async function sequence(tx: Tx, sessionId: string, at: Date, drafts: RoomEventDraft[]): Promise<RoomEvent[]> {
  if (drafts.length === 0) return [];
  const [row] = await tx
    .update(sessionRooms)
    .set({ version: sql`${sessionRooms.version} + ${drafts.length}` })
    .where(eq(sessionRooms.sessionId, sessionId))
    .returning({ version: sessionRooms.version });
  if (!row) throw new Error(`session room ${sessionId} missing`);
  const first = row.version - drafts.length + 1;
  return drafts.map((draft, i) => ({ ...draft, v: first + i, at: at.toISOString() }) as RoomEvent);
}

export interface RoomBroadcaster {
  /**
   * Queues committed events for the session's rooms and returns at once; the database stays the
   * truth if LiveKit misses one. Per room, events leave in the order they were queued.
   */
  send(sessionId: string, events: RoomEvent[]): void;
  /** Resolves once everything queued so far for the session has been sent (or given up). */
  flushed(sessionId: string): Promise<void>;
}

/**
 * Fan-out through LiveKit (DESIGN.md principle 2), off the request's path: a slow or absent
 * room delays no answer. Every event goes to the stage room and to the backstage, where the
 * team waits (hands and the lobby matter there too). LiveKit being down loses no state:
 * clients see the version gap, or reconnect, and fetch a snapshot.
 */
export function createRoomBroadcaster(livekit: LiveKitGateway, log: Logger): RoomBroadcaster {
  const queues = new Map<string, Promise<void>>();
  const sendAll = async (room: string, events: RoomEvent[]) => {
    for (const event of events) {
      try {
        await livekit.broadcast(room, topicOf(event.type), event);
      } catch (error) {
        log.warn({ room, v: event.v, type: event.type, err: error }, 'room event not broadcast');
      }
    }
  };
  return {
    send(sessionId, events) {
      if (events.length === 0) return;
      for (const room of [stageRoomName(sessionId), backstageRoomName(sessionId)]) {
        const next = (queues.get(room) ?? Promise.resolve()).then(() => sendAll(room, events));
        queues.set(room, next);
        void next.then(() => {
          if (queues.get(room) === next) queues.delete(room);
        });
      }
    },
    async flushed(sessionId) {
      await Promise.all([queues.get(stageRoomName(sessionId)), queues.get(backstageRoomName(sessionId))]);
    },
  };
}

/**
 * One change to a room's state (STYLE.md: one function per state change): under the room's
 * lock, `work` writes and says what happened; the events get their versions in the same
 * transaction and are broadcast once it has committed.
 */
export async function changeRoom(
  deps: { db: Database; broadcaster: RoomBroadcaster; now: () => Date },
  sessionId: string,
  work: (tx: Tx, room: typeof sessionRooms.$inferSelect) => Promise<RoomEventDraft[]>,
): Promise<RoomEvent[]> {
  const events = await deps.db.transaction(async (tx) => {
    const room = await lockRoom(tx, sessionId);
    return sequence(tx, sessionId, deps.now(), await work(tx, room));
  });
  deps.broadcaster.send(sessionId, events);
  return events;
}
