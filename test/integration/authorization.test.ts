import { communityMembers } from '@serambi/server/communities/schema.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

/**
 * Every endpoint that changes (or reveals) a community's organizer data, called by every kind of
 * caller: anonymous, a signed-in person with no role (a participant with an account), an organizer
 * of another community, and the community's own organizer.
 */
describe('who may do what', () => {
  let app: TestApp;
  let callers: Record<'anonymous' | 'participant' | 'otherOrganizer' | 'organizer', Caller>;
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
    callers = { anonymous: anonymous(app.url), participant: await signUp(app.url), otherOrganizer, organizer };
    await organizer.request('/api/communities', {
      method: 'POST',
      body: { name: 'Matriks', slug, timeZone: 'Asia/Jakarta' },
    });
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

  const expected = { anonymous: 401, participant: 403, otherOrganizer: 403 } as const;

  for (const who of ['anonymous', 'participant', 'otherOrganizer'] as const) {
    it(`refuses every organizer action to ${who} with ${expected[who]}, changing nothing`, async () => {
      for (const [method, path, body] of endpoints()) {
        const response = await callers[who].request(path, { method, body });
        expect(response.status, `${method} ${path}`).toBe(expected[who]);
      }
      const community = await (await anonymous(app.url).request(`/api/communities/${slug}`)).json();
      expect(community.description).toBe('');
    });
  }

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
