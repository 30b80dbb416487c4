import { communityMembers } from '@serambi/server/communities/schema.ts';
import { register } from '@serambi/server/registrations/service.ts';
import { sessionPeople } from '@serambi/server/sessions/schema.ts';
import type {
  AuditEntry,
  JoinRoomResult,
  LobbySnapshot,
  ParticipantPage,
  Problem,
  RoomOrLobbySnapshot,
  RoomParticipant,
  RoomSnapshot,
} from '@serambi/shared';
import { type Caller, signUpConfirmed } from './accounts.ts';
import type { TestApp } from './app.ts';
import { type ConnectedClient, connect } from './livekit-client.ts';

// The rtc-node client and LiveKit's own view live in livekit-client.ts; tests import them from here too.
export {
  asBot,
  type ConnectedClient,
  claimsOf,
  connect,
  connectWithToken,
  permissionsIn,
  roomService,
  untilDisconnected,
} from './livekit-client.ts';

/** A community with one session starting soon (its doors already open), run by `owner`. */
export async function aRoomSetup(
  app: TestApp,
  options: {
    visibility?: 'public' | 'private';
    startsInMinutes?: number;
    capacity?: number;
    /** An organizer whose address is confirmed already (a server in another process confirms its own). */
    owner?: Caller;
  } = {},
) {
  const owner = options.owner ?? (await signUpConfirmed(app, { name: 'Ayu Lestari' }));
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
      ...(options.capacity === undefined ? {} : { capacity: options.capacity }),
    },
  });
  if (created.status !== 201) throw new Error(`session not created: ${created.status} ${await created.text()}`);
  const session = (await created.json()) as { id: string; slug: string };
  return { owner, community: { slug }, session };
}

/** Registers someone through the organizer's invitation endpoint and returns their personal link's secret. */
/** A speaker named on the session, with an account, who accepted: Made Wirawan, founder of a digital shop. */
export async function aSpeaker(app: TestApp, sessionId: string): Promise<Caller> {
  const speaker = await signUpConfirmed(app, { name: 'Made Wirawan' });
  const user = await app.context.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, speaker.email) });
  await app.context.db.insert(sessionPeople).values({
    sessionId,
    role: 'speaker',
    name: 'Made Wirawan',
    email: speaker.email,
    title: 'Founder, Warung Digital',
    userId: user?.id ?? null,
    acceptedAt: new Date(),
  });
  return speaker;
}

/** A moderator named on the session, with an account, who accepted: Wayan Sudarma. Their person id is how organizers remove them. */
export async function aSessionModerator(
  app: TestApp,
  sessionId: string,
): Promise<{ caller: Caller; personId: string }> {
  const caller = await signUpConfirmed(app, { name: 'Wayan Sudarma' });
  const user = await app.context.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, caller.email) });
  const [person] = await app.context.db
    .insert(sessionPeople)
    .values({
      sessionId,
      role: 'moderator',
      name: 'Wayan Sudarma',
      email: caller.email,
      userId: user?.id ?? null,
      acceptedAt: new Date(),
    })
    .returning();
  if (!person) throw new Error('moderator not added');
  return { caller, personId: person.id };
}

/** A second organizer of the community, arranged in the database (their invitation mail is not the point here). */
export async function aCoOrganizer(app: TestApp, communitySlug: string): Promise<{ caller: Caller; userId: string }> {
  const caller = await signUpConfirmed(app, { name: 'Putu Ayu' });
  const user = await app.context.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, caller.email) });
  const community = await app.context.db.query.communities.findFirst({
    where: (c, { eq }) => eq(c.slug, communitySlug),
  });
  if (!user || !community) throw new Error('co-organizer or community missing');
  await app.context.db
    .insert(communityMembers)
    .values({ communityId: community.id, userId: user.id, role: 'organizer' });
  return { caller, userId: user.id };
}

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

/**
 * A crowd of registrants for a load test, registered by the registration service itself (no
 * invitation mail each): their personal links' secrets, in order.
 */
export async function aCrowdOfRegistrants(app: TestApp, sessionId: string, count: number): Promise<string[]> {
  const session = await app.context.db.query.sessions.findFirst({ where: (s, { eq }) => eq(s.id, sessionId) });
  if (!session) throw new Error(`session ${sessionId} missing`);
  const crowd = Math.random().toString(36).slice(2, 8);
  const secrets: string[] = [];
  for (let i = 1; i <= count; i++) {
    const person = {
      name: `Peserta ${i}`,
      email: `peserta.${i}.${crowd}@example.id`,
      answers: {},
      locale: 'id' as const,
    };
    secrets.push(
      (
        await register(app.context.db, app.context.links, session, person, 'id', app.context.now(), {
          byOrganizer: true,
        })
      ).joinSecret,
    );
  }
  return secrets;
}

/** A join answer of someone let in: the snapshot is the whole room. */
export type JoinedRoom = JoinRoomResult & { snapshot: RoomSnapshot };

/** The join answer of someone let in (throws for someone left in the lobby, with what the room said). */
export function inTheRoom(join: JoinRoomResult): JoinedRoom {
  if (join.snapshot.view !== 'room') throw new Error(`not let in: ${JSON.stringify(join.snapshot.me)}`);
  return join as JoinedRoom;
}

export interface RoomClient<J extends JoinRoomResult = JoinedRoom> {
  join: J;
  /** Calls a room endpoint with this person's ticket. */
  call(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
}

/** Joins the room as a caller (signed in) or with a personal link's secret; throws unless 200 and let in. */
export async function joinRoom(
  app: Pick<TestApp, 'url'>,
  sessionSlug: string,
  who: { caller?: Caller; joinSecret?: string },
): Promise<RoomClient> {
  const join = await answeredJoin(app, sessionSlug, who);
  return roomClient(app, sessionSlug, inTheRoom(join));
}

/** Asks to join a private session and is left waiting in its lobby; throws unless that is what happened. */
export async function joinLobby(
  app: TestApp,
  sessionSlug: string,
  who: { caller?: Caller; joinSecret?: string },
): Promise<RoomClient<JoinRoomResult & { snapshot: LobbySnapshot }>> {
  const join = await answeredJoin(app, sessionSlug, who);
  if (join.snapshot.view !== 'lobby') throw new Error(`let in, not in the lobby: ${join.snapshot.me.identity}`);
  return roomClient(app, sessionSlug, { ...join, snapshot: join.snapshot });
}

async function answeredJoin(
  app: Pick<TestApp, 'url'>,
  sessionSlug: string,
  who: { caller?: Caller; joinSecret?: string },
) {
  const response = await requestJoin(app, sessionSlug, who);
  if (response.status !== 200) throw new Error(`join failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as JoinRoomResult;
}

export function requestJoin(
  app: Pick<TestApp, 'url'>,
  sessionSlug: string,
  who: { caller?: Caller; joinSecret?: string },
) {
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

/** A room client calling `app` with the ticket of `join` (any instance: tickets are signed with a secret they share). */
export function roomClient<J extends JoinRoomResult>(
  app: Pick<TestApp, 'url'>,
  sessionSlug: string,
  join: J,
): RoomClient<J> {
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

/** The room as this person (let in) sees it now. */
export async function snapshotOf(client: RoomClient<JoinRoomResult>): Promise<RoomSnapshot> {
  const response = await client.call('', { method: 'GET' });
  if (response.status !== 200) throw new Error(`snapshot: ${response.status} ${await response.text()}`);
  const snapshot = (await response.json()) as RoomOrLobbySnapshot;
  if (snapshot.view !== 'room') throw new Error(`sees the lobby only: ${JSON.stringify(snapshot.me)}`);
  return snapshot;
}

/** The problem document of an error answer, with its status. */
export async function problemOf(response: Response): Promise<Problem & { status: number }> {
  return { ...((await response.json()) as Problem), status: response.status };
}

/** The moderator's participant list (first page). */
export async function participantsSeenBy(moderator: RoomClient): Promise<RoomParticipant[]> {
  const response = await moderator.call('/participants?limit=200', { method: 'GET' });
  if (response.status !== 200) throw new Error(`participants: ${response.status} ${await response.text()}`);
  return ((await response.json()) as ParticipantPage).participants;
}

/** Waits until LiveKit's webhook has told the server that `identity` is connected to the stage. */
export function untilConnected(moderator: RoomClient, identity: string): Promise<RoomParticipant> {
  return eventually(async () =>
    (await participantsSeenBy(moderator)).find((p) => p.identity === identity && p.connected),
  );
}

/** The session's moderation audit log, newest first. */
export async function auditSeenBy(moderator: RoomClient): Promise<AuditEntry[]> {
  const response = await moderator.call('/audit', { method: 'GET' });
  if (response.status !== 200) throw new Error(`audit: ${response.status} ${await response.text()}`);
  return (await response.json()) as AuditEntry[];
}

/** A registrant who entered the room and is connected to the stage (as the moderator's list shows). */
export async function anAudienceMember(
  app: TestApp,
  setup: { owner: Caller; session: { slug: string } },
  moderator: RoomClient,
  name: string,
) {
  const secret = await aRegistrant(app, setup.owner, setup.session.slug, name);
  const member = await joinRoom(app, setup.session.slug, { joinSecret: secret });
  const client = await connect(member.join);
  const identity = member.join.snapshot.me.identity;
  await untilConnected(moderator, identity);
  return { secret, member, client, identity };
}

/**
 * Waits until `clients` have received a change the moderator announces after everything so far
 * (LiveKit delivers a room's packets in the order the server sent them): whatever they have not
 * received by then was never sent to them.
 */
export async function afterEverythingSoFar(moderator: RoomClient, clients: ConnectedClient[]) {
  const marked = await moderator.call('/settings', { method: 'PATCH', body: { locked: false } });
  if (marked.status !== 200) throw new Error(`settings: ${marked.status} ${await marked.text()}`);
  const { version } = await snapshotOf(moderator);
  await Promise.all(clients.map((client) => client.nextEvent((e) => e.v >= version)));
}

/** A session gone live, its host and one registrant in (by HTTP only: nobody connected to LiveKit). */
export async function aLiveSession(app: TestApp) {
  const setup = await aRoomSetup(app);
  const secret = await aRegistrant(app, setup.owner, setup.session.slug, 'Budi Santoso');
  const backstage = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  const live = await backstage.call('/live');
  if (live.status !== 204) throw new Error(`live: ${live.status} ${await live.text()}`);
  const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  const viewer = await joinRoom(app, setup.session.slug, { joinSecret: secret });
  return { ...setup, secret, host, viewer };
}
