import { Room, RoomEvent } from '@livekit/rtc-node';
import {
  type DirectEvent,
  type JoinRoomResult,
  parseDirectEvent,
  parseRoomEvent,
  type RoomEvent as RoomEventMessage,
} from '@serambi/shared';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { TestApp } from './app.ts';
import type { Bot } from './bots.ts';

/**
 * The room as LiveKit carries it, for integration tests: an rtc-node participant connected with
 * the server's token that collects the room's events, and what LiveKit itself says of rooms and
 * participants. `room.ts` arranges the people and speaks the room's HTTP API.
 */

/** An rtc-node participant connected with the server's token, collecting the room's events. */
export interface ConnectedClient {
  room: Room;
  /** The session's sequenced events, as received. */
  events: RoomEventMessage[];
  /** Events addressed to this client alone or to the moderators (topic `direct`), as received. */
  direct: DirectEvent[];
  /** Resolves with the first event (already received or coming) that matches. */
  nextEvent(match: (event: RoomEventMessage) => boolean, timeoutMs?: number): Promise<RoomEventMessage>;
  /** Resolves with the first direct event (already received or coming) that matches. */
  nextDirect(match: (event: DirectEvent) => boolean, timeoutMs?: number): Promise<DirectEvent>;
  disconnect(): Promise<void>;
}

export async function connect(join: JoinRoomResult): Promise<ConnectedClient> {
  if (!join.livekit) throw new Error('nowhere to connect: livekit is null');
  return connectWithToken(join.livekit.url, join.livekit.token);
}

/** Connects with any LiveKit token (e.g. an earlier join's, still valid after a ban). */
export async function connectWithToken(url: string, token: string): Promise<ConnectedClient> {
  const room = new Room();
  const events = collector<RoomEventMessage>('room event');
  const direct = collector<DirectEvent>('direct event');
  room.on(RoomEvent.DataReceived, (payload, _participant, _kind, topic) => {
    const message = JSON.parse(new TextDecoder().decode(payload));
    const event = parseRoomEvent(topic, message);
    if (event) events.add(event);
    const addressed = parseDirectEvent(topic, message);
    if (addressed) direct.add(addressed);
  });
  await room.connect(url, token, { autoSubscribe: true, dynacast: false });
  return {
    room,
    events: events.seen,
    direct: direct.seen,
    nextEvent: events.next,
    nextDirect: direct.next,
    disconnect: () => room.disconnect(),
  };
}

/** What a client received of one kind, and the tests waiting for something in it. */
function collector<E extends { type: string }>(kind: string) {
  const seen: E[] = [];
  const waiters: Array<{ match: (e: E) => boolean; resolve: (e: E) => void }> = [];
  return {
    seen,
    add(event: E) {
      seen.push(event);
      for (const waiter of [...waiters]) {
        if (waiter.match(event)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
    },
    next(match: (e: E) => boolean, timeoutMs = 10_000): Promise<E> {
      const found = seen.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`no matching ${kind} within ${timeoutMs} ms; got ${JSON.stringify(seen.map((e) => e.type))}`),
            ),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
  };
}

/** The client as the bot helpers see it (to publish synthetic media with the server's grants). */
export function asBot(client: ConnectedClient, identity: string): Bot {
  const now = performance.now();
  return {
    identity,
    room: client.room,
    connectStartedAt: now,
    connectedAt: now,
    disconnect: () => client.disconnect(),
  };
}

/** What LiveKit itself says a participant may do (rtc-node does not expose its own permissions). */
export async function permissionsIn(app: TestApp, room: string, identity: string) {
  const service = new RoomServiceClient(
    app.liveKit.url.replace(/^ws/, 'http'),
    app.liveKit.apiKey,
    app.liveKit.apiSecret,
  );
  return (await service.getParticipant(room, identity)).permission;
}

/** The server API of the app's LiveKit (to see rooms, participants and tracks as LiveKit sees them). */
export function roomService(app: TestApp): RoomServiceClient {
  return new RoomServiceClient(app.liveKit.url.replace(/^ws/, 'http'), app.liveKit.apiKey, app.liveKit.apiSecret);
}

/** The claims of a JWT (LiveKit token or room ticket), read without checking its signature. */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Resolves once the client has been disconnected (by the server or LiveKit), or at once if it already was. */
export function untilDisconnected(client: ConnectedClient, timeoutMs = 10_000): Promise<void> {
  if (!client.room.isConnected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    client.room.once(RoomEvent.Disconnected, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
