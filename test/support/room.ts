import { Room, RoomEvent } from '@livekit/rtc-node';
import { type JoinRoomResult, parseRoomEvent, type RoomEvent as RoomEventMessage } from '@serambi/shared';
import { RoomServiceClient } from 'livekit-server-sdk';
import { type Caller, signUp } from './accounts.ts';
import type { TestApp } from './app.ts';
import type { Bot } from './bots.ts';

/** A community with one session starting soon (its doors already open), run by `owner`. */
export async function aRoomSetup(
  app: TestApp,
  options: { visibility?: 'public' | 'private'; startsInMinutes?: number } = {},
) {
  const owner = await signUp(app.url, { name: 'Ayu Lestari' });
  const slug = `komunitas-${Math.random().toString(36).slice(2, 8)}`;
  await owner.request('/api/communities', {
    method: 'POST',
    body: { name: 'Komunitas Ruang', slug, timeZone: 'Asia/Makassar' },
  });
  const startsAt = new Date(Date.now() + (options.startsInMinutes ?? 5) * 60_000).toISOString();
  const created = await owner.request(`/api/communities/${slug}/sessions`, {
    method: 'POST',
    body: {
      title: 'Bincang Usaha Langsung',
      startsAt,
      timeZone: 'Asia/Makassar',
      visibility: options.visibility ?? 'public',
    },
  });
  if (created.status !== 201) throw new Error(`session not created: ${created.status} ${await created.text()}`);
  const session = (await created.json()) as { id: string; slug: string };
  return { owner, session };
}

/** Registers someone through the organizer's invitation endpoint and returns their personal link's secret. */
export async function aRegistrant(app: TestApp, owner: Caller, sessionSlug: string, name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Math.random().toString(36).slice(2, 6)}@example.id`;
  const response = await owner.request(`/api/sessions/${sessionSlug}/invitations`, {
    method: 'POST',
    body: { name, email },
  });
  if (response.status !== 201) throw new Error(`registration failed: ${response.status} ${await response.text()}`);
  const row = await app.context.db.query.registrations.findFirst({ where: (r, { eq }) => eq(r.email, email) });
  if (!row) throw new Error('registration row missing');
  return app.context.links.secretFor(row.id, row.linkGeneration);
}

export interface RoomClient {
  join: JoinRoomResult;
  /** Calls a room endpoint with this person's ticket. */
  call(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
}

/** Joins the room as a caller (signed in) or with a personal link's secret; throws unless 200. */
export async function joinRoom(app: TestApp, sessionSlug: string, who: { caller?: Caller; joinSecret?: string }) {
  const response = await requestJoin(app, sessionSlug, who);
  if (response.status !== 200) throw new Error(`join failed: ${response.status} ${await response.text()}`);
  const join = (await response.json()) as JoinRoomResult;
  return roomClient(app, sessionSlug, join);
}

export function requestJoin(app: TestApp, sessionSlug: string, who: { caller?: Caller; joinSecret?: string }) {
  return fetch(`${app.url}/api/sessions/${sessionSlug}/room/join`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: app.url,
      ...(who.caller?.cookie ? { Cookie: who.caller.cookie } : {}),
    },
    body: JSON.stringify(who.joinSecret ? { joinSecret: who.joinSecret } : {}),
  });
}

function roomClient(app: TestApp, sessionSlug: string, join: JoinRoomResult): RoomClient {
  return {
    join,
    call: (path, init = {}) =>
      fetch(`${app.url}/api/sessions/${sessionSlug}/room${path}`, {
        method: init.method ?? 'POST',
        headers: {
          Authorization: `Bearer ${join.ticket}`,
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
  };
}

/** An rtc-node participant connected with the server's token, collecting the room's events. */
export interface ConnectedClient {
  room: Room;
  events: RoomEventMessage[];
  /** Resolves with the first event (already received or coming) that matches. */
  nextEvent(match: (event: RoomEventMessage) => boolean, timeoutMs?: number): Promise<RoomEventMessage>;
  disconnect(): Promise<void>;
}

export async function connect(join: JoinRoomResult): Promise<ConnectedClient> {
  if (!join.livekit) throw new Error('nowhere to connect: livekit is null');
  const room = new Room();
  const events: RoomEventMessage[] = [];
  const waiters: Array<{ match: (e: RoomEventMessage) => boolean; resolve: (e: RoomEventMessage) => void }> = [];
  room.on(RoomEvent.DataReceived, (payload, _participant, _kind, topic) => {
    const event = parseRoomEvent(topic, JSON.parse(new TextDecoder().decode(payload)));
    if (!event) return;
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.match(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  await room.connect(join.livekit.url, join.livekit.token, { autoSubscribe: true, dynacast: false });
  return {
    room,
    events,
    nextEvent(match, timeoutMs = 10_000) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no matching room event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.type))}`,
              ),
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
    disconnect: () => room.disconnect(),
  };
}

/** Polls until `check` passes (for state that arrives through LiveKit's webhooks). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
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
