import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

describe.each(['pglite', 'postgres'] as const)('a weekly series on %s', (database) => {
  let peer: SmtpPeer;
  let app: TestApp;
  let organizer: Caller;
  let series: {
    id: string;
    sessions: Array<{ slug: string; title: string; startsAt: string; series: { number: number } }>;
  };
  const year = new Date().getUTCFullYear() + 1;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    app = await startTestApp({ database, smtpUrl: peer.url });
    organizer = await signUp(app.url);
    await organizer.request('/api/communities', {
      method: 'POST',
      body: { name: 'Komunitas Bisnis Bali', slug: 'bisnis-bali', timeZone: 'Asia/Makassar' },
    });
    const created = await organizer.request('/api/communities/bisnis-bali/series', {
      method: 'POST',
      body: {
        title: 'Sharing Online',
        schedule: {
          firstDate: `${year}-01-01`,
          startTime: '20:00',
          timeZone: 'Asia/Makassar',
          rule: { kind: 'weekly' },
          end: { kind: 'count', count: 10 },
        },
        capacity: 50,
        people: [
          { role: 'speaker', name: 'Dewi Sartika', email: `dewi-${database}@example.id`, title: 'Pemilik Toko Dewi' },
        ],
      },
    });
    expect(created.status).toBe(201);
    series = await created.json();
  });
  afterAll(async () => {
    await app?.stop();
    await peer?.stop();
  });

  it('numbers ten sessions, each at 20.00 WITA (12:00 UTC) a week apart, public to anyone', async () => {
    expect(series.sessions.map((s) => s.title)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Sharing Online #${i + 1}`),
    );
    expect(series.sessions.every((s) => s.startsAt.endsWith('T12:00:00.000Z'))).toBe(true);
    const gaps = series.sessions
      .slice(1)
      .map((s, i) => Date.parse(s.startsAt) - Date.parse(series.sessions[i]?.startsAt ?? ''));
    expect(new Set(gaps)).toEqual(new Set([7 * 86_400_000]));
    const publicView = await (await anonymous(app.url).request(`/api/series/${series.id}`)).json();
    expect(publicView.sessions[3].series).toEqual({ id: series.id, title: 'Sharing Online', number: 4 });
  });

  it('invites the series’ speaker once, and her link makes her speaker of every session', async () => {
    const invite = await waitForSubject(peer, /^Undangan sebagai pembicara: Sharing Online$/);
    const secret = /\/speak\/([A-Za-z0-9_-]{43})/.exec(invite.text ?? '')?.[1];
    const dewi = await signUp(app.url, { name: 'Dewi Sartika' });
    const accepted = await dewi.request(`/api/session-invitations/${secret}/accept`, { method: 'POST' });
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).title).toBe('Sharing Online #1');
    const tenth = await (await anonymous(app.url).request(`/api/sessions/${series.sessions[9]?.slug}`)).json();
    expect(tenth.people).toMatchObject([{ role: 'speaker', name: 'Dewi Sartika', title: 'Pemilik Toko Dewi' }]);
  });

  it('registers a person for every session with one mail holding all the personal links', async () => {
    const response = await anonymous(app.url).request(`/api/series/${series.id}/registrations`, {
      method: 'POST',
      body: { name: 'Wayan', email: `wayan-${database}@example.id`, locale: 'en' },
    });
    expect(response.status).toBe(201);
    expect((await response.json()).sessions).toHaveLength(10);
    const seriesMail = await waitForSubject(peer, /^Registered for the series Sharing Online$/);
    expect(seriesMail?.text?.match(/\/j\/[A-Za-z0-9_-]{43}/g)?.length).toBeGreaterThanOrEqual(10);
    expect(seriesMail?.attachments[0]?.content.toString().match(/BEGIN:VEVENT/g)).toHaveLength(10);
  });

  it('moves session 6 and all following to 19.00, keeping the first five, and tells the registrant', async () => {
    const moved = await organizer.request(`/api/series/${series.id}/sessions/6/following`, {
      method: 'PATCH',
      body: { startTime: '19:00' },
    });
    expect(moved.status).toBe(200);
    const after = (await moved.json()).sessions as Array<{ startsAt: string }>;
    expect(after.slice(0, 5).every((s) => s.startsAt.endsWith('T12:00:00.000Z'))).toBe(true);
    expect(after.slice(5).every((s) => s.startsAt.endsWith('T11:00:00.000Z'))).toBe(true);
    // Two sign-up confirmations, the speaker's invitation, the series registration, five new times.
    await peer.waitForMessages(2 + 1 + 1 + 5);
    expect(peer.messages.filter((m) => m.subject?.startsWith('New time: Sharing Online #'))).toHaveLength(5);
  });
});

async function waitForSubject(peer: SmtpPeer, subject: RegExp) {
  for (let waited = 0; waited < 15_000; waited += 50) {
    const found = peer.messages.find((m) => subject.test(m.subject ?? ''));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail matching ${subject}: ${peer.messages.map((m) => m.subject).join(' | ')}`);
}
