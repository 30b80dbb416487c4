import { Room, RoomEvent } from '@livekit/rtc-node';
import {
  type BreakoutConnection,
  type BreakoutState,
  type OpenBreakoutsRequest,
  parseDirectEvent,
  parseRoomEvent,
  type RoomEvent as RoomEventMessage,
  type RoomSnapshot,
} from '@serambi/shared';
import type { RoomClient } from './room.ts';

/**
 * A participant of the room as the web client moves between rooms (docs/breakouts.md#how-the-client-moves):
 * connected to one LiveKit room at a time, it goes to its table when a `breakout.placed` names
 * it (or its snapshot does), and back to the main room on `breakout.ended`, by asking the server
 * for a token each time. No media: it subscribes to nothing. A handful share a process; a crowd
 * is spread over processes (table-crowd.ts).
 */
export interface TableBot {
  identity: string;
  client: RoomClient;
  /** Where it is connected now: 'main', a table's id, or null while moving. */
  readonly where: string | null;
  /** Its last arrival: where, and when (Date.now()). */
  readonly lastArrival: { target: string; at: number } | null;
  /** Every room event it received, in whichever room. */
  events: RoomEventMessage[];
  /** Resolves once it is connected at `target` ('main' or a table's id). */
  arrivedAt(target: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the first event (received already or coming) that matches. */
  nextEvent(match: (event: RoomEventMessage) => boolean, timeoutMs?: number): Promise<RoomEventMessage>;
  /** The LiveKit room it is connected to now. */
  readonly room: Room | null;
  /** Asks the server for a connection and moves there (what the events make it do by itself). */
  moveTo(tableId: string | null): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * Rooms a bot has left, kept until the process disposes rtc-node: a disconnected Room that is
 * garbage-collected drops its native handle again, which rtc-node 1.1 throws as an uncaught
 * "trying to drop an invalid handle" (dozens of moves make it likely).
 */
const leftRooms: Room[] = [];

/** Connects a participant already let in (its join answer in `client`) to the main room, and follows breakout events. */
export async function aTableBot(client: RoomClient): Promise<TableBot> {
  const identity = client.join.snapshot.me.identity;
  const events: RoomEventMessage[] = [];
  const eventWaiters: Array<{ match: (e: RoomEventMessage) => boolean; resolve: (e: RoomEventMessage) => void }> = [];
  const arrivalWaiters: Array<{ target: string; resolve: () => void }> = [];
  let room: Room | null = null;
  let where: string | null = null;
  let lastArrival: { target: string; at: number } | null = null;
  let moving: Promise<void> = Promise.resolve();
  let stopped = false;
  /** Why the last move failed, for the message of a wait that times out. */
  let lastError: unknown;
  const seenVersions = new Set<number>();
  /** What happened to it, newest last, for the message of a wait that times out. */
  const trail: string[] = [];
  const note = (what: string) => {
    trail.push(`${new Date().toISOString().slice(14, 23)} ${what}`);
    if (trail.length > 30) trail.shift();
  };

  const arrived = (target: string) => {
    where = target;
    lastArrival = { target, at: Date.now() };
    for (const waiter of [...arrivalWaiters]) {
      if (waiter.target === target) {
        arrivalWaiters.splice(arrivalWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  /** The newest version seen (events or snapshots): a gap means an event was missed. */
  let newest = client.join.snapshot.version;
  const received = (event: RoomEventMessage, via: string) => {
    note(`event v${event.v} ${event.type} via ${via}`);
    // As the web client's feed does: a version skipped (sent while this connection was elsewhere) is read from a snapshot.
    if (event.v > newest + 1 && !seenVersions.has(event.v)) findPlace().catch(() => undefined);
    newest = Math.max(newest, event.v);
    // The same event may come in two rooms around a move.
    if (seenVersions.has(event.v)) return;
    seenVersions.add(event.v);
    events.push(event);
    for (const waiter of [...eventWaiters]) {
      if (waiter.match(event)) {
        eventWaiters.splice(eventWaiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
    if (event.type === 'breakout.placed') {
      const mine = event.data.placements.find((p) => p.identity === identity);
      if (mine) moveTo(mine.tableId).catch(() => undefined);
    }
    if (event.type === 'breakout.ended') moveTo(null).catch(() => undefined);
  };

  /** Connects, up to three times (rtc-node now and then drops a room's handle while many connect on a busy machine). */
  const connectWith = async (
    connection: Pick<BreakoutConnection, 'url' | 'token'> & { tableId?: string | null },
  ): Promise<Room> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await connectOnce(connection);
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
      }
    }
  };

  const connectOnce = async (connection: Pick<BreakoutConnection, 'url' | 'token'> & { tableId?: string | null }) => {
    const next = new Room();
    const label = connection.tableId ?? 'main';
    note(`connecting ${label}`);
    next.on(RoomEvent.DataReceived, (payload, _participant, _kind, topic) => {
      const message = JSON.parse(new TextDecoder().decode(payload));
      const event = parseRoomEvent(topic, message);
      if (event) received(event, label);
      else parseDirectEvent(topic, message);
    });
    // rtc-node's connect has no time limit of its own (livekit-client, the web's, gives up after 15 s): one that hangs on a busy machine is given up after 20 s and tried again.
    let timer: NodeJS.Timeout | undefined;
    const connecting = next.connect(connection.url, connection.token, { autoSubscribe: false, dynacast: false });
    try {
      await Promise.race([
        connecting,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('connect took over 20 s')), 20_000);
        }),
      ]);
    } catch (error) {
      leftRooms.push(next);
      // A Room given up before its connect settled is not connected yet, so its disconnect does
      // nothing: left once the connect settles, or it stays in LiveKit under this identity (and
      // keeps queueing every event of the process).
      connecting.then(
        () => next.disconnect(),
        () => undefined,
      );
      throw error;
    } finally {
      clearTimeout(timer);
    }
    // Disconnected by the server (moved, removed, tables closed): the snapshot says where to be.
    note(`connected ${label}`);
    next.on(RoomEvent.ConnectionStateChanged, (state) => note(`${label}: connection state ${state}`));
    next.once(RoomEvent.Disconnected, (reason) => {
      note(`disconnected from ${label} (${reason}; current ${room === next})`);
      if (room !== next || stopped) return;
      where = null;
      findPlace().catch(() => undefined);
    });
    return next;
  };

  const findPlace = async () => {
    // The server gone (a test stopping it) or saying no (removed, banned): nowhere to go.
    const response = await client.call('', { method: 'GET' }).catch(() => null);
    if (response?.status !== 200) return;
    const snapshot = (await response.json()) as RoomSnapshot;
    const place = snapshot.breakouts?.status === 'open' ? snapshot.breakouts.myTableId : null;
    newest = Math.max(newest, snapshot.version);
    note(`snapshot v${snapshot.version}: ${snapshot.breakouts?.status} → ${place ?? 'main'}`);
    await moveTo(place).catch(() => undefined);
  };

  /** One move: a token from the server, out of the room it is in, into the other. */
  const moveOnce = async (tableId: string | null) => {
    const target = tableId ?? 'main';
    note(`move to ${target} (at ${where})`);
    if (where === target) return;
    const response = await client.call('/breakouts/connect', { body: { tableId } });
    if (response.status !== 200) throw new Error(`connect ${target}: ${response.status} ${await response.text()}`);
    const connection = (await response.json()) as BreakoutConnection;
    where = null;
    const previous = room;
    room = null;
    // Left before the next connect, as the web client does (a table's connect started while the
    // main room's disconnect was under way hung in rtc-node on a busy machine, each attempt);
    // a disconnect that itself hangs is waited for 10 s at most.
    if (previous) {
      leftRooms.push(previous);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        previous.disconnect().catch(() => undefined),
        new Promise((resolve) => {
          timer = setTimeout(resolve, 10_000);
        }),
      ]);
      clearTimeout(timer);
      note('left the previous room');
    }
    room = await connectWith(connection);
    arrived(target);
    // As the web client does after every move: the room as it is now says whether to stay (an
    // event sent there before this connection was in it, the end for one, is not received again).
    findPlace().catch(() => undefined);
  };

  /** Moves one after the other; a move that fails is tried again (twice), and never blocks the next. */
  const moveTo = (tableId: string | null): Promise<void> => {
    const move = moving.then(async () => {
      for (let attempt = 1; ; attempt++) {
        if (stopped) return;
        try {
          return await moveOnce(tableId);
        } catch (error) {
          lastError = error;
          if (attempt >= 3) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
        }
      }
    });
    moving = move.catch(() => undefined);
    return move;
  };

  const { livekit } = client.join;
  if (!livekit) throw new Error('nowhere to connect: livekit is null');
  room = await connectWith(livekit);
  arrived('main');
  const placed = client.join.snapshot.breakouts?.myTableId;
  if (placed) await moveTo(placed);

  return {
    identity,
    client,
    get where() {
      return where;
    },
    get lastArrival() {
      return lastArrival;
    },
    get room() {
      return room;
    },
    events,
    arrivedAt(target, timeoutMs = 20_000) {
      if (where === target) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `${identity} not at ${target} within ${timeoutMs} ms (at ${where}; last failure: ${String(lastError)}):\n  ${trail.join('\n  ')}`,
              ),
            ),
          timeoutMs,
        );
        arrivalWaiters.push({
          target,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    nextEvent(match, timeoutMs = 20_000) {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`${identity}: no matching event in ${timeoutMs} ms; got ${events.map((e) => e.type)}`)),
          timeoutMs,
        );
        eventWaiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
    moveTo,
    async disconnect() {
      stopped = true;
      await moving.catch(() => undefined);
      if (room) leftRooms.push(room);
      await room?.disconnect();
    },
  };
}

/** Calls a breakout endpoint and answers its JSON, throwing with the problem unless `status` came. */
export async function breakoutCall<T>(
  client: RoomClient,
  path: string,
  init: { method?: string; body?: unknown },
  status = 200,
): Promise<T> {
  const response = await client.call(`/breakouts${path}`, init);
  if (response.status !== status) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (status === 204 ? undefined : await response.json()) as T;
}

export const openTables = (moderator: RoomClient, request: OpenBreakoutsRequest) =>
  breakoutCall<BreakoutState>(moderator, '', { body: request }, 201);
