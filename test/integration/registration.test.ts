import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

const JOIN_LINK = /\/j\/([A-Za-z0-9_-]{43})/;

describe.each(['pglite', 'postgres'] as const)('registering for a session, with real mail, on %s', (database) => {
  let peer: SmtpPeer;
  let app: TestApp;
  let organizer: Caller;
  let sessionSlug: string;

  const mailTo = async (address: string, subject: RegExp): Promise<ParsedMail> => {
    for (let waited = 0; waited < 15_000; waited += 50) {
      const found = peer.messages.find((m) => toAddress(m) === address && subject.test(m.subject ?? ''));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `no mail to ${address} matching ${subject}; got ${peer.messages.map((m) => `${toAddress(m)}: ${m.subject}`).join(' | ')}`,
    );
  };
  const visitor = anonymous;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    app = await startTestApp({ database, smtpUrl: peer.url });
    organizer = await signUp(app.url, { email: `ayu-${database}@example.id` });
    const slug = `bali-${database}`;
    await organizer.request('/api/communities', {
      method: 'POST',
      body: { name: 'Komunitas Bisnis Bali', slug, timeZone: 'Asia/Makassar' },
    });
    const created = await organizer.request(`/api/communities/${slug}/sessions`, {
      method: 'POST',
      body: {
        title: 'Sharing Online #1: =Pemasaran lewat WhatsApp',
        startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        timeZone: 'Asia/Makassar',
        capacity: 1,
        questions: [{ id: 'company', kind: 'short-text', label: 'Perusahaan', required: true }],
      },
    });
    expect(created.status).toBe(201);
    sessionSlug = (await created.json()).slug;
  });
  afterAll(async () => {
    await app?.stop();
    await peer?.stop();
  });

  it('mails the new organizer a link to confirm their address', async () => {
    const mail = await mailTo(`ayu-${database}@example.id`, /Konfirmasi alamat email/);
    expect(mail.text).toMatch(/\/api\/auth\/verify-email\?token=/);
  });

  it('registers, mails the personal join link with a calendar invitation, and the link shows the registration', async () => {
    const response = await visitor(app.url).request(`/api/sessions/${sessionSlug}/registrations`, {
      method: 'POST',
      body: {
        name: 'Budi',
        email: `budi-${database}@example.id`,
        answers: { company: '=HYPERLINK("x")' },
        locale: 'en',
      },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ status: 'registered', waitlistPosition: null, alreadyRegistered: false });

    const mail = await mailTo(`budi-${database}@example.id`, /^You are registered/);
    const secret = JOIN_LINK.exec(mail.text ?? '')?.[1];
    expect(secret).toBeDefined();
    const ics = mail.attachments.find((a) => a.contentType === 'text/calendar');
    expect(ics?.content.toString()).toMatch(/METHOD:REQUEST[\s\S]*DTSTART;TZID=Asia\/Makassar:/);

    const mine = await visitor(app.url).request(`/api/registrations/${secret}`);
    expect(await mine.json()).toMatchObject({ name: 'Budi', status: 'registered' });
  });

  it('waitlists the next person, and gives them the seat when the first cancels', async () => {
    const waiting = await visitor(app.url).request(`/api/sessions/${sessionSlug}/registrations`, {
      method: 'POST',
      body: { name: 'Citra', email: `citra-${database}@example.id`, answers: { company: 'Toko Citra' } },
    });
    expect(await waiting.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    await mailTo(`citra-${database}@example.id`, /^Daftar tunggu/);

    const budiMail = await mailTo(`budi-${database}@example.id`, /^You are registered/);
    const budiSecret = JOIN_LINK.exec(budiMail.text ?? '')?.[1];
    const cancelled = await visitor(app.url).request(`/api/registrations/${budiSecret}/cancel`, { method: 'POST' });
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled' });

    const promotion = await mailTo(`citra-${database}@example.id`, /^Kursi untuk Anda/);
    expect(promotion.text).toMatch(JOIN_LINK);
    await mailTo(`budi-${database}@example.id`, /^Registration cancelled/);
  });

  it('gives organizers the registrants as CSV with formulas neutralized', async () => {
    const csv = await (await organizer.request(`/api/sessions/${sessionSlug}/registrants.csv`)).text();
    expect(csv).toContain(`citra-${database}@example.id,registered`);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('tells everyone registered of a new time, then of a cancellation', async () => {
    const later = new Date(Date.now() + 8 * 86_400_000).toISOString();
    const moved = await organizer.request(`/api/sessions/${sessionSlug}`, {
      method: 'PATCH',
      body: { startsAt: later },
    });
    expect(moved.status).toBe(200);
    const rescheduled = await mailTo(`citra-${database}@example.id`, /^Jadwal berubah/);
    expect(rescheduled.attachments[0]?.content.toString()).toMatch(/SEQUENCE:1/);

    await organizer.request(`/api/sessions/${sessionSlug}`, { method: 'PATCH', body: { status: 'cancelled' } });
    const cancelled = await mailTo(`citra-${database}@example.id`, /^Dibatalkan/);
    expect(cancelled.attachments[0]?.content.toString()).toMatch(/METHOD:CANCEL[\s\S]*STATUS:CANCELLED/);
  });
});

function toAddress(mail: ParsedMail): string | undefined {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address;
}

describe('raising a session’s capacity', () => {
  it('seats the people waiting, first come first served, and mails them', async () => {
    const peer = await startSmtpPeer();
    const app = await startTestApp({ smtpUrl: peer.url });
    try {
      const organizer = await signUp(app.url);
      await organizer.request('/api/communities', { method: 'POST', body: { name: 'Kapasitas', slug: 'kapasitas' } });
      const created = await organizer.request('/api/communities/kapasitas/sessions', {
        method: 'POST',
        body: {
          title: 'Kelas kecil',
          startsAt: new Date(Date.now() + 86_400_000 * 3).toISOString(),
          timeZone: 'Asia/Jakarta',
          capacity: 1,
        },
      });
      const { slug } = await created.json();
      for (const name of ['satu', 'dua', 'tiga', 'empat']) {
        await anonymous(app.url).request(`/api/sessions/${slug}/registrations`, {
          method: 'POST',
          body: { name, email: `${name}@example.id` },
        });
      }
      await organizer.request(`/api/sessions/${slug}`, { method: 'PATCH', body: { capacity: 3 } });
      const people = await (await organizer.request(`/api/sessions/${slug}/registrants`)).json();
      expect(people.map((p: { name: string; status: string }) => `${p.name}:${p.status}`)).toEqual([
        'satu:registered',
        'dua:registered',
        'tiga:registered',
        'empat:waitlisted',
      ]);
      // The organizer's address confirmation, four registrations, two seats given.
      await peer.waitForMessages(1 + 4 + 2);
      expect(peer.messages.filter((m) => m.subject?.startsWith('Kursi untuk Anda')).map((m) => m.subject)).toHaveLength(
        2,
      );
    } finally {
      await app.stop();
      await peer.stop();
    }
  });
});

describe('a private session', () => {
  it('is filled by invitation: the invitee gets a working personal link, the public cannot see or register', async () => {
    const peer = await startSmtpPeer();
    const app = await startTestApp({ smtpUrl: peer.url });
    try {
      const organizer = await signUp(app.url);
      await organizer.request('/api/communities', { method: 'POST', body: { name: 'Tertutup', slug: 'tertutup' } });
      const created = await organizer.request('/api/communities/tertutup/sessions', {
        method: 'POST',
        body: {
          title: 'Rapat pengurus',
          startsAt: new Date(Date.now() + 86_400_000 * 2).toISOString(),
          timeZone: 'Asia/Jayapura',
          visibility: 'private',
          questions: [{ id: 'divisi', kind: 'short-text', label: 'Divisi', required: true }],
        },
      });
      const { slug } = await created.json();
      expect((await anonymous(app.url).request(`/api/sessions/${slug}`)).status).toBe(404);
      const publicTry = await anonymous(app.url).request(`/api/sessions/${slug}/registrations`, {
        method: 'POST',
        body: { name: 'Orang Luar', email: 'luar@example.id', answers: { divisi: 'x' } },
      });
      expect(publicTry.status).toBe(404);

      const invited = await organizer.request(`/api/sessions/${slug}/invitations`, {
        method: 'POST',
        body: { name: 'Sekar', email: 'sekar@example.id', locale: 'en' },
      });
      expect(invited.status).toBe(201);
      await peer.waitForMessages(2);
      const mail = peer.messages.find((m) => m.subject === 'You are registered: Rapat pengurus');
      const secret = JOIN_LINK.exec(mail?.text ?? '')?.[1];
      const mine = await (await anonymous(app.url).request(`/api/registrations/${secret}`)).json();
      expect(mine).toMatchObject({
        name: 'Sekar',
        status: 'registered',
        session: { title: 'Rapat pengurus', timeZone: 'Asia/Jayapura' },
      });
    } finally {
      await app.stop();
      await peer.stop();
    }
  });
});
