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
  /** Sends committed events to the session's rooms; the database stays the truth if LiveKit misses one. */
  send(sessionId: string, events: RoomEvent[]): Promise<void>;
}

/**
 * Fan-out through LiveKit (DESIGN.md principle 2). Stage events go to the stage room; session
 * events also to the backstage, where the team waits for "live". A room that does not exist
 * yet has nobody to tell. LiveKit being down loses no state: clients see the version gap (or
 * reconnect) and fetch a snapshot.
 */
export function createRoomBroadcaster(livekit: LiveKitGateway, log: Logger): RoomBroadcaster {
  return {
    async send(sessionId, events) {
      for (const event of events) {
        const topic = topicOf(event.type);
        const rooms =
          topic === 'session' ? [stageRoomName(sessionId), backstageRoomName(sessionId)] : [stageRoomName(sessionId)];
        const results = await Promise.allSettled(rooms.map((room) => livekit.broadcast(room, topic, event)));
        for (const result of results) {
          if (result.status === 'rejected') {
            log.warn({ sessionId, v: event.v, type: event.type, err: result.reason }, 'room event not broadcast');
          }
        }
      }
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
  await deps.broadcaster.send(sessionId, events);
  return events;
}
