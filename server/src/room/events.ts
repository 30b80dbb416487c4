import { DIRECT_TOPIC, type DirectEvent, type RoomEvent, topicOf } from '@serambi/shared';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database, Tx } from '../db/client.ts';
import type { LiveKitGateway } from '../livekit/gateway.ts';
import { roomParticipants, sessionRooms } from './schema.ts';

type Draft<E> = E extends { v: number; at: string } ? Omit<E, 'v' | 'at'> : never;
/** An event before it has its place in the session's sequence. */
export type RoomEventDraft = Draft<RoomEvent>;
/**
 * An event for some people only (moderators see the review list, an asker hears their question
 * was dismissed). It is outside the sequence: see `DIRECT_TOPIC` in shared and
 * docs/architecture.md#direct-events.
 */
export type DirectEventDraft = Draft<DirectEvent> & { to: string[] | 'moderators' | 'team' };
export type EventDraft = RoomEventDraft | DirectEventDraft;

/** What leaves for LiveKit: an event, its topic and, for a direct one, its recipients. */
export interface OutgoingEvent {
  topic: string;
  event: RoomEvent | DirectEvent;
  to?: string[];
}

const isDirect = (draft: EventDraft): draft is DirectEventDraft => 'to' in draft;

/** The LiveKit room of the stage (the audience's room) and of the team's backstage. */
export const stageRoomName = (sessionId: string) => sessionId;
export const backstageRoomName = (sessionId: string) => `${sessionId}-backstage`;
/** A breakout table's own LiveKit room (docs/breakouts.md#one-livekit-room-per-table). */
export const tableRoomName = (sessionId: string, tableId: string) => `${sessionId}${TABLE_INFIX}${tableId}`;
const TABLE_INFIX = '-table-';

export type SessionRoomKind = 'stage' | 'backstage' | 'table';

/** The session a LiveKit room belongs to, and which of its rooms it is (with the table's id for a table). */
export function roomOfName(name: string): { sessionId: string; kind: SessionRoomKind; tableId?: string } {
  if (name.endsWith('-backstage')) return { sessionId: name.slice(0, -'-backstage'.length), kind: 'backstage' };
  const table = name.indexOf(TABLE_INFIX);
  if (table > 0) {
    return { sessionId: name.slice(0, table), kind: 'table', tableId: name.slice(table + TABLE_INFIX.length) };
  }
  return { sessionId: name, kind: 'stage' };
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
 * they announce: an event exists only if its change was committed. Direct events get the
 * version the sequence reached, and their recipients.
 */
export async function sequence(tx: Tx, sessionId: string, at: Date, drafts: EventDraft[]): Promise<OutgoingEvent[]> {
  if (drafts.length === 0) return [];
  const sequenced = drafts.filter((draft) => !isDirect(draft)).length;
  const [row] = await tx
    .update(sessionRooms)
    .set({ version: sql`${sessionRooms.version} + ${sequenced}` })
    .where(eq(sessionRooms.sessionId, sessionId))
    .returning({ version: sessionRooms.version });
  if (!row) throw new Error(`session room ${sessionId} missing`);
  const moderators = drafts.some((draft) => isDirect(draft) && draft.to === 'moderators')
    ? await moderatorsOf(tx, sessionId)
    : [];
  const team = drafts.some((draft) => isDirect(draft) && draft.to === 'team') ? await teamOf(tx, sessionId) : [];
  let next = row.version - sequenced + 1;
  const when = at.toISOString();
  return drafts.flatMap((draft): OutgoingEvent[] => {
    if (!isDirect(draft)) {
      const event = { ...draft, v: next++, at: when } as RoomEvent;
      return [{ topic: topicOf(event.type), event }];
    }
    const { to, ...rest } = draft;
    const recipients = to === 'moderators' ? moderators : to === 'team' ? team : to;
    if (recipients.length === 0) return [];
    return [{ topic: DIRECT_TOPIC, event: { ...rest, v: row.version, at: when } as DirectEvent, to: recipients }];
  });
}

async function moderatorsOf(tx: Tx, sessionId: string): Promise<string[]> {
  const rows = await tx
    .select({ identity: roomParticipants.identity })
    .from(roomParticipants)
    .where(
      and(
        eq(roomParticipants.sessionId, sessionId),
        eq(roomParticipants.role, 'moderator'),
        isNull(roomParticipants.removedAt),
      ),
    );
  return rows.map((r) => r.identity);
}

/** Speakers and moderators still in the room: whom a call for help from a breakout table reaches. */
async function teamOf(tx: Tx, sessionId: string): Promise<string[]> {
  const rows = await tx
    .select({ identity: roomParticipants.identity })
    .from(roomParticipants)
    .where(
      and(
        eq(roomParticipants.sessionId, sessionId),
        ne(roomParticipants.role, 'participant'),
        isNull(roomParticipants.removedAt),
      ),
    );
  return rows.map((r) => r.identity);
}

export interface RoomBroadcaster {
  /**
   * Queues committed events for the session's rooms and returns at once; the database stays the
   * truth if LiveKit misses one. Per room, events leave in the order they were queued.
   */
  send(sessionId: string, events: OutgoingEvent[]): void;
  /** Resolves once everything queued so far for the session has been sent (or given up). */
  flushed(sessionId: string): Promise<void>;
  /** Data packets handed to LiveKit since start (each room counts): what the benchmarks watch. */
  readonly sent: number;
}

/**
 * Fan-out through LiveKit (docs/architecture.md#fan-out), off the request's path: a slow or absent
 * room delays no answer. Every event goes to the stage room and to the backstage, where the
 * team waits (hands and the lobby matter there too), and to the session's side rooms open now
 * (breakout tables: `sideRooms`), so nobody in one misses a version. LiveKit being down loses no
 * state: clients see the version gap, or reconnect, and fetch a snapshot.
 */
export function createRoomBroadcaster(
  livekit: LiveKitGateway,
  log: Logger,
  sideRooms: (sessionId: string) => Promise<string[]> = async () => [],
): RoomBroadcaster {
  const queues = new Map<string, Promise<void>>();
  let sent = 0;
  const sendAll = async (room: string, events: OutgoingEvent[]) => {
    for (const { topic, event, to } of events) {
      try {
        sent++;
        await livekit.broadcast(room, topic, event, to);
      } catch (error) {
        log.warn({ room, v: event.v, type: event.type, err: error }, 'room event not broadcast');
      }
    }
  };
  const enqueue = (key: string, work: () => Promise<void>) => {
    const next = (queues.get(key) ?? Promise.resolve()).then(work);
    queues.set(key, next);
    void next.then(() => {
      if (queues.get(key) === next) queues.delete(key);
    });
  };
  // Side rooms share one queue per session: which rooms are open is read when the events leave.
  const sideKey = (sessionId: string) => `${sessionId}\u0000side`;
  return {
    send(sessionId, events) {
      if (events.length === 0) return;
      for (const room of [stageRoomName(sessionId), backstageRoomName(sessionId)]) {
        enqueue(room, () => sendAll(room, events));
      }
      enqueue(sideKey(sessionId), async () => {
        const rooms = await sideRooms(sessionId).catch((error: unknown) => {
          log.warn({ sessionId, err: error }, 'side rooms not read: events not sent there');
          return [];
        });
        await Promise.all(rooms.map((room) => sendAll(room, events)));
      });
    },
    async flushed(sessionId) {
      await Promise.all([
        queues.get(stageRoomName(sessionId)),
        queues.get(backstageRoomName(sessionId)),
        queues.get(sideKey(sessionId)),
      ]);
    },
    get sent() {
      return sent;
    },
  };
}

/**
 * One change to a room's state (docs/conventions.md#one-function-per-state-change): under the
 * room's lock, `work` writes and says what happened; the events get their versions in the same
 * transaction and are broadcast once it has committed. Returns the sequenced events.
 */
export async function changeRoom(
  deps: { db: Database; broadcaster: RoomBroadcaster; now: () => Date },
  sessionId: string,
  work: (tx: Tx, room: typeof sessionRooms.$inferSelect) => Promise<EventDraft[]>,
): Promise<RoomEvent[]> {
  const outgoing = await deps.db.transaction(async (tx) => {
    const room = await lockRoom(tx, sessionId);
    return sequence(tx, sessionId, deps.now(), await work(tx, room));
  });
  deps.broadcaster.send(sessionId, outgoing);
  return outgoing.filter((o) => o.topic !== DIRECT_TOPIC).map((o) => o.event as RoomEvent);
}
