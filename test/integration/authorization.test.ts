import { dispose } from '@livekit/rtc-node';
import { users } from '@serambi/server/accounts/schema.ts';
import { inviteOrganizer } from '@serambi/server/communities/invitations.ts';
import { communities } from '@serambi/server/communities/schema.ts';
import { registrations } from '@serambi/server/registrations/schema.ts';
import { roomParticipants } from '@serambi/server/room/schema.ts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller, signUp, signUpConfirmed } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { anInvitee } from '../support/attendance.ts';
import { aReadyRecording } from '../support/recordings.ts';
import { aCoOrganizer, aRoomSetup } from '../support/room.ts';
import { aRoomCast, ROOM_STANDINGS, type RoomCast, type RoomStanding } from '../support/room-cast.ts';

/** The standings that bring someone an account but no part in running the community. */
const ROOM_ACCOUNTS = ['lobby', 'denied', 'removedGuest', 'removedModerator'] as const;
type OrganizerMatrixCaller =
  | 'anonymous'
  | 'participant'
  | 'otherOrganizer'
  | 'removedCoOrganizer'
  | 'organizer'
  | (typeof ROOM_ACCOUNTS)[number];

const slug = 'komunitas-matriks';
let app: TestApp;
let organizer: Caller;
/** Everyone a room of the community can have, holding the tickets they were given. */
let cast: RoomCast;

beforeAll(async () => {
  app = await startTestApp();
  organizer = await signUp(app.url);
  await organizer.request('/api/communities', {
    method: 'POST',
    body: { name: 'Matriks', slug, timeZone: 'Asia/Jakarta' },
  });
  cast = await aRoomCast(app, organizer, slug);
});
afterAll(async () => {
  await cast?.leave();
  await app?.stop();
  await dispose();
});

/**
 * Every endpoint that changes (or reveals) a community's organizer data, called by every kind of
 * caller: anonymous, a signed-in person with no role (a participant with an account), an organizer
 * of another community, people whose only part is in one of the community's rooms (waiting in the
 * lobby, turned away, a guest taken off the stage, a moderator removed from the session), a
 * co-organizer the owner removed, and the community's own organizer.
 */
describe('who may do what', () => {
  let callers: Record<OrganizerMatrixCaller, Caller>;
  let removedCoOrganizerLink: string;
  let seriesId: string;
  let sessionSlug: string;
  let speakerId: string;
  let invitationId: string;
  let coOrganizerId: string;

  beforeAll(async () => {
    const otherOrganizer = await signUp(app.url);
    await otherOrganizer.request('/api/communities', {
      method: 'POST',
      body: { name: 'Lain', slug: 'komunitas-lain' },
    });
    const roomAccounts = Object.fromEntries(
      ROOM_ACCOUNTS.map((standing) => {
        const account = cast.people[standing].account;
        if (!account) throw new Error(`${standing} has no account`);
        return [standing, account];
      }),
    ) as Record<(typeof ROOM_ACCOUNTS)[number], Caller>;
    const removed = await aRemovedCoOrganizer(app, organizer, slug);
    removedCoOrganizerLink = removed.link;
    callers = {
      anonymous: anonymous(app.url),
      participant: await signUp(app.url),
      otherOrganizer,
      removedCoOrganizer: removed.caller,
      organizer,
      ...roomAccounts,
    };
    const series = await organizer.request(`/api/communities/${slug}/series`, {
      method: 'POST',
      body: {
        title: 'Sharing Online',
        schedule: {
          firstDate: nextYearDate(),
          startTime: '20:00',
          timeZone: 'Asia/Jakarta',
          rule: { kind: 'weekly' },
          end: { kind: 'count', count: 3 },
        },
      },
    });
    expect(series.status).toBe(201);
    const created = await series.json();
    seriesId = created.id;
    sessionSlug = created.sessions[0].slug;
    const speaker = await organizer.request(`/api/sessions/${sessionSlug}/people`, {
      method: 'POST',
      body: { role: 'speaker', name: 'Made', email: 'made@example.id' },
    });
    speakerId = (await speaker.json()).id;
    const invitation = await organizer.request(`/api/communities/${slug}/invitations`, {
      method: 'POST',
      body: { email: 'dicabut@example.id' },
    });
    invitationId = (await invitation.json()).id;
    coOrganizerId = (await aCoOrganizer(app, slug)).userId;
  });

  const endpoints = () =>
    [
      ['PATCH', `/api/communities/${slug}`, { description: 'Baru' }],
      ['GET', `/api/communities/${slug}/members`, undefined],
      ['POST', `/api/communities/${slug}/invitations`, { email: 'rekan@example.id' }],
      ['POST', `/api/communities/${slug}/invitations`, { email: 'pemilik@example.id', role: 'owner' }],
      [
        'POST',
        `/api/communities/${slug}/sessions`,
        { title: 'Sesi tambahan', startsAt: `${nextYearDate()}T12:00:00Z`, timeZone: 'Asia/Jakarta' },
      ],
      ['PATCH', `/api/sessions/${sessionSlug}`, { description: 'Diubah' }],
      ['POST', `/api/sessions/${sessionSlug}/people`, { role: 'speaker', name: 'Dewi', email: 'dewi@example.id' }],
      ['GET', `/api/sessions/${sessionSlug}/registrants`, undefined],
      ['GET', `/api/sessions/${sessionSlug}/registrants.csv`, undefined],
      ['POST', `/api/sessions/${sessionSlug}/invitations`, { name: 'Tamu Undangan', email: 'tamu@example.id' }],
      [
        'POST',
        `/api/communities/${slug}/series`,
        {
          title: 'Seri kedua',
          schedule: {
            firstDate: nextYearDate(),
            startTime: '19:00',
            timeZone: 'Asia/Jakarta',
            rule: { kind: 'biweekly' },
            end: { kind: 'count', count: 2 },
          },
        },
      ],
      ['PATCH', `/api/series/${seriesId}/sessions/3/following`, { startTime: '19:30' }],
      ['PATCH', `/api/sessions/${sessionSlug}/people/${speakerId}`, { title: 'Penulis' }],
      ['GET', `/api/sessions/${sessionSlug}/recordings`, undefined],
      ['PATCH', `/api/sessions/${sessionSlug}/recordings/settings`, { replayAccess: 'public', autoRecord: true }],
      ['POST', `/api/sessions/${sessionSlug}/recordings/stop`, undefined],
      ['GET', `/api/communities/${slug}/recording-retention`, undefined],
      ['PATCH', `/api/communities/${slug}/recording-retention`, { retentionDays: 90 }],
      ['GET', `/api/sessions/${sessionSlug}/report/attendance`, undefined],
      ['GET', `/api/sessions/${sessionSlug}/report/attendance.csv`, undefined],
      ['GET', `/api/series/${seriesId}/report`, undefined],
      ['GET', `/api/sessions/${sessionSlug}/report/feedback`, undefined],
      ['GET', `/api/sessions/${sessionSlug}/feedback/form`, undefined],
      ['PUT', `/api/sessions/${sessionSlug}/feedback/form`, { enabled: true, questions: [] }],
      ['GET', `/api/sessions/${sessionSlug}/certificates/program`, undefined],
      ['PUT', `/api/sessions/${sessionSlug}/certificates/program`, { enabled: true }],
      ['GET', `/api/series/${seriesId}/certificates/program`, undefined],
      ['PUT', `/api/series/${seriesId}/certificates/program`, { enabled: true, minSessions: 2 }],
      ['GET', `/api/sessions/${sessionSlug}/certificates`, undefined],
      ['GET', `/api/series/${seriesId}/certificates`, undefined],
      ['GET', `/api/sessions/${sessionSlug}/certificates/preview.pdf`, undefined],
      ['DELETE', `/api/sessions/${sessionSlug}/certificates/program`, undefined],
      ['DELETE', `/api/sessions/${sessionSlug}/people/${speakerId}`, undefined],
      ['DELETE', `/api/communities/${slug}/invitations/${invitationId}`, undefined],
      ['DELETE', `/api/communities/${slug}/members/${coOrganizerId}`, undefined],
    ] as const;

  const expected = {
    anonymous: 401,
    participant: 403,
    otherOrganizer: 403,
    removedCoOrganizer: 403,
    lobby: 403,
    denied: 403,
    removedGuest: 403,
    removedModerator: 403,
  } as const;

  for (const who of ['anonymous', 'participant', 'otherOrganizer', 'removedCoOrganizer', ...ROOM_ACCOUNTS] as const) {
    it(`refuses every organizer action to ${who} with ${expected[who]}, changing nothing`, async () => {
      for (const [method, path, body] of endpoints()) {
        const response = await callers[who].request(path, { method, body });
        expect(response.status, `${method} ${path}`).toBe(expected[who]);
      }
      const community = await (await anonymous(app.url).request(`/api/communities/${slug}`)).json();
      expect(community.description).toBe('');
    });
  }

  it('does not let a removed co-organizer back in with the invitation link they once accepted', async () => {
    const again = await callers.removedCoOrganizer.request(
      `/api/organizer-invitations/${removedCoOrganizerLink}/accept`,
      {
        method: 'POST',
      },
    );
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('invitation_used');
    expect((await callers.removedCoOrganizer.request(`/api/communities/${slug}/members`)).status).toBe(403);
  });

  it('lets the community’s organizer do every one of them', async () => {
    for (const [method, path, body] of endpoints()) {
      const response = await callers.organizer.request(path, { method, body });
      expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
    }
  });

  it('hides a draft session from everyone but its organizers (404, not 403)', async () => {
    const draft = await callers.organizer.request(`/api/communities/${slug}/sessions`, {
      method: 'POST',
      body: {
        title: 'Draf rahasia',
        startsAt: `${nextYearDate()}T12:00:00Z`,
        timeZone: 'Asia/Jakarta',
        status: 'draft',
      },
    });
    const { slug: draftSlug } = await draft.json();
    for (const who of ['anonymous', 'participant', 'otherOrganizer'] as const) {
      expect((await callers[who].request(`/api/sessions/${draftSlug}`)).status, who).toBe(404);
      expect((await callers[who].request(`/api/sessions/${draftSlug}`, { method: 'PATCH', body: {} })).status).toBe(
        404,
      );
    }
    expect((await callers.organizer.request(`/api/sessions/${draftSlug}`)).status).toBe(200);
  });
});

/** A room request as the table sends it: which operation of the API document, with values and a body that validates. */
interface RoomRequest {
  operation: string;
  method: string;
  path: string;
  body?: unknown;
}

/**
 * Every endpoint that takes a room ticket, and who it is for: a body for those that need one.
 * The API document is the list: an endpoint missing here fails the first test below.
 */
function roomEndpoints(cast: RoomCast): Record<string, { for: 'everyone' | 'team' | 'moderators'; body?: unknown }> {
  return {
    'GET /sessions/{ref}/room': { for: 'everyone' },
    'POST /sessions/{ref}/room/hand': { for: 'everyone', body: { raised: true } },
    'POST /sessions/{ref}/room/stage/answer': { for: 'everyone', body: { accept: true } },
    'POST /sessions/{ref}/room/stage/leave': { for: 'everyone' },
    'POST /sessions/{ref}/room/questions': { for: 'everyone', body: { text: 'Apakah ada rekamannya?' } },
    'PATCH /sessions/{ref}/room/questions/{id}': { for: 'everyone', body: { text: 'Apakah rekamannya dibagikan?' } },
    'PUT /sessions/{ref}/room/questions/{id}/vote': { for: 'everyone', body: { voted: true } },
    'DELETE /sessions/{ref}/room/questions/{id}': { for: 'everyone' },
    'POST /sessions/{ref}/room/chat': { for: 'everyone', body: { text: 'Halo dari Denpasar' } },
    'POST /sessions/{ref}/room/polls/{id}/vote': { for: 'everyone', body: { optionIds: [cast.poll.optionId] } },
    'POST /sessions/{ref}/room/reactions': { for: 'everyone', body: { reaction: 'clap' } },
    'GET /sessions/{ref}/room/feedback': { for: 'everyone' },
    'PUT /sessions/{ref}/room/feedback': { for: 'everyone', body: { rating: 5 } },
    'GET /sessions/{ref}/room/materials': { for: 'everyone' },
    'POST /sessions/{ref}/room/live': { for: 'moderators' },
    'POST /sessions/{ref}/room/end': { for: 'moderators' },
    'PATCH /sessions/{ref}/room/settings': { for: 'moderators', body: { locked: true } },
    'GET /sessions/{ref}/room/participants': { for: 'moderators' },
    'GET /sessions/{ref}/room/audit': { for: 'moderators' },
    'POST /sessions/{ref}/room/participants/{identity}/{action}': { for: 'moderators' },
    'POST /sessions/{ref}/room/participants/{identity}/mute': { for: 'moderators', body: { source: 'microphone' } },
    'POST /sessions/{ref}/room/questions/{id}/merge': { for: 'moderators', body: { into: cast.questionId } },
    'POST /sessions/{ref}/room/questions/{id}/{action}': { for: 'moderators' },
    'DELETE /sessions/{ref}/room/chat/{id}': { for: 'moderators' },
    'POST /sessions/{ref}/room/chat/{id}/question': { for: 'moderators' },
    'POST /sessions/{ref}/room/polls': {
      for: 'moderators',
      body: { question: 'Lanjut minggu depan?', options: ['Ya', 'Tidak'] },
    },
    'PUT /sessions/{ref}/room/polls/{id}': {
      for: 'moderators',
      body: { question: 'Lanjut?', options: ['Ya', 'Tidak'] },
    },
    'DELETE /sessions/{ref}/room/polls/{id}': { for: 'moderators' },
    'POST /sessions/{ref}/room/polls/{id}/{action}': { for: 'moderators' },
    'POST /sessions/{ref}/room/recording/start': { for: 'moderators' },
    'POST /sessions/{ref}/room/recording/stop': { for: 'moderators' },
    'PUT /sessions/{ref}/room/materials/pin': { for: 'moderators', body: { materialId: null } },
    'GET /sessions/{ref}/room/whip-key': { for: 'team' },
    'POST /sessions/{ref}/room/whip-key': { for: 'team', body: { as: 'camera' } },
    'DELETE /sessions/{ref}/room/whip-key': { for: 'team' },
    'DELETE /sessions/{ref}/room/participants/{identity}/whip-key': { for: 'moderators' },
    'GET /sessions/{ref}/room/stream': { for: 'moderators' },
    'POST /sessions/{ref}/room/stream/start': { for: 'moderators' },
    'POST /sessions/{ref}/room/stream/stop': { for: 'moderators' },
    'POST /sessions/{ref}/room/breakouts': {
      for: 'moderators',
      body: { count: 2, minutes: 5, assignment: 'choose', sizeLimit: 2 },
    },
    'PUT /sessions/{ref}/room/breakouts/placements/{identity}': { for: 'moderators', body: { tableId: null } },
    'POST /sessions/{ref}/room/breakouts/extend': { for: 'moderators', body: { minutes: 1 } },
    'POST /sessions/{ref}/room/breakouts/broadcast': { for: 'moderators', body: { message: 'Kembali dua menit lagi' } },
    'POST /sessions/{ref}/room/breakouts/end': { for: 'moderators' },
    'POST /sessions/{ref}/room/breakouts/choose': { for: 'everyone', body: { tableId: null } },
    'POST /sessions/{ref}/room/breakouts/help': { for: 'everyone', body: {} },
    'POST /sessions/{ref}/room/breakouts/connect': { for: 'everyone', body: { tableId: null } },
  };
}

interface OpenApiOperation {
  security?: Array<Record<string, unknown>>;
  parameters?: Array<{ name: string; in: string; schema?: { enum?: string[] } }>;
}

/** The operations of the API document that take a room ticket, each with every value its `{action}` may take. */
async function roomTicketOperations(app: TestApp): Promise<Array<{ operation: string; actions: string[] }>> {
  const document = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, operation]) =>
      operation.security?.some((scheme) => 'roomTicket' in scheme)
        ? [
            {
              operation: `${method.toUpperCase()} ${path}`,
              actions: operation.parameters?.find((p) => p.name === 'action')?.schema?.enum ?? [],
            },
          ]
        : [],
    ),
  );
}

/** Every room request there is: each operation with the cast's session, things and target, once per action. */
async function everyRoomRequest(app: TestApp, cast: RoomCast): Promise<RoomRequest[]> {
  const table = roomEndpoints(cast);
  return (await roomTicketOperations(app)).flatMap(({ operation, actions }) => {
    const entry = table[operation];
    if (!entry) throw new Error(`${operation} is missing from the room table`);
    const [method = '', template = ''] = operation.split(' ');
    const id = template.includes('/questions/')
      ? cast.questionId
      : template.includes('/polls/')
        ? cast.poll.id
        : cast.chatMessageId;
    const path = template
      .replace('{ref}', cast.session.slug)
      .replace('{identity}', cast.bystander.identity)
      .replace('{id}', id);
    return (actions.length > 0 ? actions : [undefined]).map((action) => ({
      operation,
      method,
      path: `/api${action ? path.replace('{action}', action) : path}`,
      body: entry.body,
    }));
  });
}

/** The refusals at the room's door: a ticket that is not (or no longer) good, or a person who is not let in. */
const DOOR_REFUSALS = ['room_ticket', 'room_banned', 'room_removed', 'room_not_admitted', 'room_moderators_only'];

type Expected = { status: number; code: string } | 'let in' | 'lobby view';

/** What each standing gets from each room request. */
function expectedAnswer(
  standing: RoomStanding,
  request: RoomRequest,
  who: 'everyone' | 'team' | 'moderators',
): Expected {
  const isSnapshot = request.operation === 'GET /sessions/{ref}/room';
  switch (standing) {
    case 'participant':
    case 'removedGuest':
      if (who === 'team') return { status: 403, code: 'whip_team_only' };
      return who === 'moderators' ? { status: 403, code: 'room_moderators_only' } : 'let in';
    case 'lobby':
    case 'denied':
      return isSnapshot ? 'lobby view' : { status: 403, code: 'room_not_admitted' };
    case 'banned':
      return { status: 403, code: 'room_banned' };
    case 'removed':
      return { status: 403, code: 'room_removed' };
    case 'removedModerator':
    case 'removedCoOrganizer':
      return { status: 401, code: 'room_ticket' };
  }
}

/**
 * Every room endpoint, called with the ticket of everyone a room can have. Only people let in
 * get past the door; someone in the lobby or turned away sees the session and their own standing
 * and nothing else; a removal or a lost role counts from that moment, whatever the ticket says.
 */
describe('who may do what in the room', () => {
  it('has an answer in the table for every endpoint that takes a room ticket', async () => {
    const requests = await everyRoomRequest(app, cast);
    expect(new Set(requests.map((r) => r.operation))).toEqual(new Set(Object.keys(roomEndpoints(cast))));
  });

  for (const standing of ROOM_STANDINGS) {
    it(`answers ${standing} at every room endpoint as their standing allows`, async () => {
      const table = roomEndpoints(cast);
      const { room } = cast.people[standing];
      const answers: Array<{ request: string; answer: Expected | { status: number; code?: string } }> = [];
      const wanted: typeof answers = [];
      for (const request of await everyRoomRequest(app, cast)) {
        const name = `${request.method} ${request.path}`;
        const expected = expectedAnswer(standing, request, table[request.operation]?.for ?? 'everyone');
        const response = await fetch(`${app.url}${request.path}`, {
          method: request.method,
          headers: {
            Authorization: `Bearer ${room.join.ticket}`,
            ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        });
        wanted.push({ request: name, answer: expected });
        answers.push({ request: name, answer: await answerOf(response, expected) });
      }
      expect(answers).toEqual(wanted);
    });
  }

  it('answers someone entering the lobby with the session and their own standing only', async () => {
    for (const standing of ['lobby', 'denied'] as const) {
      const { join } = cast.people[standing].room;
      expect(Object.keys(join.snapshot).sort(), standing).toEqual(['me', 'session', 'view']);
      expect(join.snapshot).toMatchObject({ view: 'lobby', me: { admission: 'pending' } });
      expect(join.livekit, standing).toBeNull();
    }
    const waiting = await (await cast.people.lobby.room.call('', { method: 'GET' })).json();
    const turnedAway = await (await cast.people.denied.room.call('', { method: 'GET' })).json();
    expect(waiting).toEqual({ view: 'lobby', session: waiting.session, me: { ...waiting.me, admission: 'pending' } });
    expect(turnedAway.me.admission).toBe('denied');
    expect(Object.keys(waiting.me).sort()).toEqual(['admission', 'identity', 'name']);
    expect(waiting.session).toEqual((await (await cast.host.call('', { method: 'GET' })).json()).session);
  });
});

/**
 * How a response compares with what was expected: the expectation itself when it holds (so a
 * table of them reads as one difference when it does not), or the status and code it got.
 */
async function answerOf(response: Response, expected: Expected): Promise<Expected | { status: number; code?: string }> {
  const text = await response.text();
  const body = text ? (JSON.parse(text) as { code?: string; view?: string } & Record<string, unknown>) : {};
  const got = { status: response.status, ...(body.code ? { code: body.code } : {}) };
  if (expected === 'let in') return body.code && DOOR_REFUSALS.includes(body.code) ? got : 'let in';
  if (expected === 'lobby view') {
    const onlyTheLobby = response.status === 200 && body.view === 'lobby' && Object.keys(body).length === 3;
    return onlyTheLobby
      ? 'lobby view'
      : { ...got, code: `view ${String(body.view)} with ${Object.keys(body).join(',')}` };
  }
  return got.status === expected.status && got.code === expected.code ? expected : got;
}

function nextYearDate(): string {
  return `${new Date().getUTCFullYear() + 1}-03-01`;
}

/**
 * Someone invited as co-organizer who accepted with the invited (confirmed) address and was then
 * removed by the owner; the invitation is made by the service (its link would otherwise be read
 * from the mail).
 */
async function aRemovedCoOrganizer(app: TestApp, owner: Caller, slug: string) {
  const email = `mantan-${crypto.randomUUID().slice(0, 8)}@example.id`;
  const [community] = await app.context.db.select().from(communities).where(eq(communities.slug, slug));
  const { user: inviter } = await (await owner.request('/api/auth/get-session')).json();
  if (!community) throw new Error(`no community ${slug}`);
  const { secret } = await inviteOrganizer(
    app.context.db,
    community,
    { email, role: 'organizer' },
    inviter,
    new Date(),
  );
  const caller = await signUpConfirmed(app, { email });
  const accepted = await caller.request(`/api/organizer-invitations/${secret}/accept`, { method: 'POST' });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${await accepted.text()}`);
  const { user } = await (await caller.request('/api/auth/get-session')).json();
  const removed = await owner.request(`/api/communities/${slug}/members/${user.id}`, { method: 'DELETE' });
  if (removed.status !== 204) throw new Error(`remove: ${removed.status} ${await removed.text()}`);
  return { caller, link: secret };
}

/**
 * What a person's address grants them (their seat in the room as a registrant, the replay kept for
 * registrants, an organizer invitation sent to it), asked for by an account that holds the
 * address but never confirmed it: refused with email_unconfirmed, nothing changed; the same
 * requests succeed once the address is confirmed.
 */
describe('what an address grants', () => {
  it('refuses it all to an unconfirmed account with a registrant’s email, changing nothing; confirmed, the same requests succeed', async () => {
    const { owner, community, session } = await aRoomSetup(app);
    const email = `sari-${crypto.randomUUID().slice(0, 8)}@example.id`;
    await anInvitee(app, owner, session, { name: 'Sari Dewi', email });
    await aReadyRecording(app, session.id);
    const [communityRow] = await app.context.db.select().from(communities).where(eq(communities.slug, community.slug));
    const { user: inviter } = await (await owner.request('/api/auth/get-session')).json();
    if (!communityRow) throw new Error('no community');
    const { secret } = await inviteOrganizer(
      app.context.db,
      communityRow,
      { email, role: 'organizer' },
      inviter,
      new Date(),
    );
    const claimant = await signUp(app.url, { name: 'Bukan Sari', email });

    const requests = [
      ['POST', `/api/sessions/${session.slug}/room/join`, {}],
      ['GET', `/api/sessions/${session.slug}/replay`, undefined],
      ['POST', `/api/organizer-invitations/${secret}/accept`, undefined],
    ] as const;
    for (const [method, path, body] of requests) {
      const response = await claimant.request(path, { method, body });
      expect({ path, status: response.status, code: (await response.json()).code }).toEqual({
        path,
        status: 403,
        code: 'email_unconfirmed',
      });
    }
    expect(await app.context.db.select().from(roomParticipants).where(eq(roomParticipants.email, email))).toEqual([]);
    const { members } = await (await owner.request(`/api/communities/${community.slug}/members`)).json();
    expect(members).toHaveLength(1);

    const { user } = await (await claimant.request('/api/auth/get-session')).json();
    await confirmInDatabase(app, user.id);
    const [registration] = await app.context.db.select().from(registrations).where(eq(registrations.email, email));
    const join = await claimant.request(`/api/sessions/${session.slug}/room/join`, { method: 'POST', body: {} });
    expect(join.status).toBe(200);
    expect((await join.json()).snapshot.me.identity).toBe(`r_${registration?.id}`);
    expect((await (await claimant.request(`/api/sessions/${session.slug}/replay`)).json()).state).toBe('available');
    const accepted = await claimant.request(`/api/organizer-invitations/${secret}/accept`, { method: 'POST' });
    expect(accepted.status).toBe(200);
  });
});

async function confirmInDatabase(app: TestApp, userId: string) {
  await app.context.db.update(users).set({ emailVerified: true }).where(eq(users.id, userId));
}
