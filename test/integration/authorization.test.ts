import { users } from '@serambi/server/accounts/schema.ts';
import { inviteOrganizer } from '@serambi/server/communities/invitations.ts';
import { communities, communityMembers } from '@serambi/server/communities/schema.ts';
import { registrations } from '@serambi/server/registrations/schema.ts';
import { roomParticipants } from '@serambi/server/room/schema.ts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller, signUp, signUpConfirmed } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { anInvitee } from '../support/attendance.ts';
import { aReadyRecording } from '../support/recordings.ts';
import { aRoomSetup } from '../support/room.ts';

/**
 * Every endpoint that changes (or reveals) a community's organizer data, called by every kind of
 * caller: anonymous, a signed-in person with no role (a participant with an account), an organizer
 * of another community, a co-organizer the owner removed, and the community's own organizer.
 */
describe('who may do what', () => {
  let app: TestApp;
  let callers: Record<'anonymous' | 'participant' | 'otherOrganizer' | 'removedCoOrganizer' | 'organizer', Caller>;
  let removedCoOrganizerLink: string;
  let seriesId: string;
  let sessionSlug: string;
  let speakerId: string;
  let invitationId: string;
  let coOrganizerId: string;
  const slug = 'komunitas-matriks';

  beforeAll(async () => {
    app = await startTestApp();
    const organizer = await signUp(app.url);
    const otherOrganizer = await signUp(app.url);
    await otherOrganizer.request('/api/communities', {
      method: 'POST',
      body: { name: 'Lain', slug: 'komunitas-lain' },
    });
    await organizer.request('/api/communities', {
      method: 'POST',
      body: { name: 'Matriks', slug, timeZone: 'Asia/Jakarta' },
    });
    const removed = await aRemovedCoOrganizer(app, organizer, slug);
    removedCoOrganizerLink = removed.link;
    callers = {
      anonymous: anonymous(app.url),
      participant: await signUp(app.url),
      otherOrganizer,
      removedCoOrganizer: removed.caller,
      organizer,
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
    coOrganizerId = await aCoOrganizer(app, slug);
  });
  afterAll(() => app?.stop());

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

  const expected = { anonymous: 401, participant: 403, otherOrganizer: 403, removedCoOrganizer: 403 } as const;

  for (const who of ['anonymous', 'participant', 'otherOrganizer', 'removedCoOrganizer'] as const) {
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

/** A second organizer of the community, arranged in the database (their invitation mail is not the point here). */
async function aCoOrganizer(app: TestApp, slug: string): Promise<string> {
  const coOrganizer = await signUp(app.url);
  const { user } = await (await coOrganizer.request('/api/auth/get-session')).json();
  const community = await (await anonymous(app.url).request(`/api/communities/${slug}`)).json();
  await app.context.db
    .insert(communityMembers)
    .values({ communityId: community.id, userId: user.id, role: 'organizer' });
  return user.id;
}

function nextYearDate(): string {
  return `${new Date().getUTCFullYear() + 1}-03-01`;
}

/**
 * What a person's address grants them (their seat in the room as a registrant, the replay kept for
 * registrants, an organizer invitation sent to it), asked for by an account that holds the
 * address but never confirmed it: refused with email_unconfirmed, nothing changed; the same
 * requests succeed once the address is confirmed.
 */
describe('what an address grants', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.stop());

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
