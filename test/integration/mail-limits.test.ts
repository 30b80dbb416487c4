import { randomBytes } from 'node:crypto';
import { jobs } from '@serambi/server/jobs/schema.ts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, callerWith, sessionCookie } from '../support/accounts.ts';
import type { TestApp } from '../support/app.ts';
import { startTestApp } from '../support/app.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { problemOf } from '../support/room.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

/**
 * Issue 17: nothing can be turned into a mail cannon. Every route that mails someone or makes a
 * record in someone else's name is limited per sender (a client network or an organizer's
 * account) and per recipient (one mail of a kind to one address per five minutes, whoever
 * asks), and the limits hold across instances: two apps share one PostgreSQL here, and every
 * test alternates between them.
 */
describe('no mail cannon (RATE_LIMITS=on, two apps on one PostgreSQL, one SMTP peer)', () => {
  let peer: SmtpPeer;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    peer = await startSmtpPeer();
    const databaseUrl = await createTestDatabase();
    const env = { RATE_LIMITS: 'on' };
    first = await startTestApp({ databaseUrl, smtpUrl: peer.url, env });
    second = await startTestApp({ databaseUrl, smtpUrl: peer.url, env });
  }, 60_000);
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await peer?.stop();
  });

  let clients = 0;
  /** A client address of its own for each caller: the apps read X-Forwarded-For from loopback. */
  const aClient = () => {
    clients++;
    return `10.17.${Math.floor(clients / 250)}.${(clients % 250) + 1}`;
  };
  const anAddress = (name: string) => `${name}.${randomBytes(3).toString('hex')}@example.id`;

  const post = (
    app: TestApp,
    path: string,
    body: unknown,
    from: { client?: string; cookie?: string | null; language?: string } = {},
  ) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: app.url,
        'X-Forwarded-For': from.client ?? aClient(),
        ...(from.cookie ? { Cookie: from.cookie } : {}),
        ...(from.language ? { 'Accept-Language': from.language } : {}),
      },
      body: JSON.stringify(body),
    });

  /** An organizer signed up from a client of their own (sign-up is limited per client too). */
  async function anOrganizer(app: TestApp, name = 'Ayu Lestari'): Promise<Caller> {
    const email = anAddress('penyelenggara');
    const response = await post(app, '/api/auth/sign-up/email', { name, email, password: 'kata-sandi-rahasia' });
    expect(response.status, await response.clone().text()).toBe(200);
    return callerWith(app.url, email, sessionCookie(response));
  }

  async function aCommunity(owner: Caller): Promise<string> {
    const slug = `komunitas-${randomBytes(3).toString('hex')}`;
    const response = await owner.request('/api/communities', {
      method: 'POST',
      body: { name: 'Komunitas Batas', slug, timeZone: 'Asia/Jakarta' },
    });
    expect(response.status).toBe(201);
    return slug;
  }

  async function aSession(
    owner: Caller,
    community: string,
    extra: { questions?: unknown[] } = {},
  ): Promise<{ id: string; slug: string }> {
    const response = await owner.request(`/api/communities/${community}/sessions`, {
      method: 'POST',
      body: {
        title: 'Bincang Usaha',
        startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        timeZone: 'Asia/Jakarta',
        ...extra,
      },
    });
    expect(response.status).toBe(201);
    return response.json();
  }

  async function aSeries(owner: Caller, community: string): Promise<{ id: string }> {
    const year = new Date().getUTCFullYear() + 1;
    const response = await owner.request(`/api/communities/${community}/series`, {
      method: 'POST',
      body: {
        title: 'Kelas Mingguan',
        schedule: {
          firstDate: `${year}-03-01`,
          startTime: '19:00',
          timeZone: 'Asia/Jakarta',
          rule: { kind: 'weekly' },
          end: { kind: 'count', count: 2 },
        },
      },
    });
    expect(response.status).toBe(201);
    return response.json();
  }

  /** Mails queued to `email` (a job each; a refused request queues none). */
  const mailsQueuedTo = async (email: string) =>
    (
      await first.context.db
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.kind, 'send-mail'), sql`${jobs.payload}->>'to' = ${email}`))
    ).length;

  /** A 429 problem saying when to try again: in Retry-After (seconds, at most `maxSeconds`) and in words. */
  async function expectTooSoon(response: Response, maxSeconds: number) {
    expect(response.status).toBe(429);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    const retryAfter = Number(response.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
    const problem = await problemOf(response);
    expect(problem.code).toBe('rate_limited');
    return problem;
  }

  describe('registering', () => {
    let owner: Caller;
    let community: string;
    beforeAll(async () => {
      owner = await anOrganizer(first);
      community = await aCommunity(owner);
    });
    const register = (app: TestApp, slug: string, email: string, from: { client?: string; language?: string } = {}) =>
      post(app, `/api/sessions/${slug}/registrations`, { name: 'Budi Santoso', email }, from);

    it('mails one address at most one confirmation for a session in five minutes, whoever asks through whichever instance', async () => {
      const session = await aSession(owner, community);
      const target = anAddress('korban');
      expect((await register(first, session.slug, target)).status).toBe(201);

      // Someone else registers the same address again (each time a confirmation would go out).
      const again = await register(second, session.slug, target.toUpperCase());
      const problem = await expectTooSoon(again, 300);
      expect(problem.detail).toMatch(/baru saja dikirim/);
      expect(problem.detail).toMatch(/\d+ menit/);
      const inEnglish = await register(first, session.slug, target, { language: 'en' });
      expect((await expectTooSoon(inEnglish, 300)).detail).toMatch(/just sent .* try again in \d+ min/i);
      // The organizer adding the same address by hand is held back too: the limit is the recipient's.
      const byOrganizer = await owner.request(`/api/sessions/${session.slug}/invitations`, {
        method: 'POST',
        body: { name: 'Budi Santoso', email: target },
      });
      await expectTooSoon(byOrganizer, 300);
      expect(await mailsQueuedTo(target)).toBe(1);

      // The same person registering for another session gets that confirmation at once.
      const other = await aSession(owner, community);
      expect((await register(second, other.slug, target)).status).toBe(201);
      expect(await mailsQueuedTo(target)).toBe(2);
    });

    it('does not use up the one confirmation on a registration that was refused', async () => {
      const session = await aSession(owner, community, {
        questions: [{ id: 'usaha', label: 'Nama usaha Anda', kind: 'short-text', required: true }],
      });
      const person = anAddress('teliti');
      const answering = (answers: object) =>
        post(first, `/api/sessions/${session.slug}/registrations`, { name: 'Budi Santoso', email: person, answers });
      // The required answer is missing: nothing is registered, nothing is mailed.
      expect((await answering({})).status).toBe(422);
      expect((await answering({ usaha: 'Warung Budi' })).status).toBe(201);
      expect(await mailsQueuedTo(person)).toBe(1);
    });

    it('limits series registration per recipient and per client, like registration for one session', async () => {
      const series = await aSeries(owner, community);
      const register = (app: TestApp, email: string, client?: string) =>
        post(app, `/api/series/${series.id}/registrations`, { name: 'Wayan Putra', email }, { client });
      const target = anAddress('seri');
      expect((await register(first, target)).status).toBe(201);
      await expectTooSoon(await register(second, target), 300);
      expect(await mailsQueuedTo(target)).toBe(1);

      // One client registering many people for the series: 30 in ten minutes, then it waits.
      const client = aClient();
      for (let i = 0; i < 30; i++) {
        const response = await register(i % 2 ? first : second, anAddress(`peserta${i}`), client);
        expect(response.status, `series registration ${i + 1}`).toBe(201);
      }
      await expectTooSoon(await register(first, anAddress('satu-lagi'), client), 600);
    }, 90_000);

    it('counts IPv6 clients by their /64: a client cannot take a fresh budget with every address of its network', async () => {
      const session = await aSession(owner, community);
      const network = `2001:db8:${randomBytes(2).toString('hex')}:17`;
      for (let i = 1; i <= 30; i++) {
        const response = await register(i % 2 ? first : second, session.slug, anAddress(`v6-${i}`), {
          client: `${network}::${i.toString(16)}`,
        });
        expect(response.status, `registration ${i} from ${network}::${i.toString(16)}`).toBe(201);
      }
      const sameNetwork = await register(first, session.slug, anAddress('v6-lagi'), {
        client: `${network}:ffff:ffff:ffff:ffff`,
      });
      await expectTooSoon(sameNetwork, 600);
      // The neighbouring /64 is another client.
      const neighbour = await register(second, session.slug, anAddress('tetangga'), { client: `${network}1::1` });
      expect(neighbour.status).toBe(201);
    }, 90_000);
  });

  describe('inviting speakers, moderators and organizers', () => {
    it('invites one address to speak or moderate at a session at most once in five minutes', async () => {
      const owner = await anOrganizer(second);
      const community = await aCommunity(owner);
      const session = await aSession(owner, community);
      const speaker = anAddress('pembicara');
      const add = (role: string) =>
        owner.request(`/api/sessions/${session.slug}/people`, {
          method: 'POST',
          body: { role, name: 'Made Wirawan', email: speaker },
        });
      expect((await add('speaker')).status).toBe(201);
      await expectTooSoon(await add('moderator'), 300);
      expect(await mailsQueuedTo(speaker)).toBe(1);
    });

    it('invites one address to organize at most once in five minutes, whichever community asks', async () => {
      const target = anAddress('calon');
      const invite = async (app: TestApp) => {
        const owner = await anOrganizer(app);
        const community = await aCommunity(owner);
        return owner.request(`/api/communities/${community}/invitations`, { method: 'POST', body: { email: target } });
      };
      expect((await invite(first)).status).toBe(201);
      await expectTooSoon(await invite(second), 300);
      expect(await mailsQueuedTo(target)).toBe(1);
    });

    it('lets one organizer send at most 20 organizer invitations an hour, counted across instances', async () => {
      const owner = await anOrganizer(first);
      const community = await aCommunity(owner);
      for (let i = 0; i < 20; i++) {
        const app = i % 2 ? first : second;
        const response = await callerWith(app.url, owner.email, owner.cookie).request(
          `/api/communities/${community}/invitations`,
          { method: 'POST', body: { email: anAddress(`rekan${i}`) } },
        );
        expect(response.status, `invitation ${i + 1}`).toBe(201);
      }
      const more = await owner.request(`/api/communities/${community}/invitations`, {
        method: 'POST',
        body: { email: anAddress('rekan-lagi') },
      });
      const problem = await expectTooSoon(more, 3600);
      expect(problem.detail).toMatch(/\d+ menit/);
    });
  });

  describe('account mails (better-auth)', () => {
    const requestReset = (app: TestApp, email: string, from: { client?: string; language?: string } = {}) =>
      post(app, '/api/auth/request-password-reset', { email, redirectTo: `${app.url}/reset-password` }, from);

    it('mails one address at most one reset link in five minutes, and answers the same whether or not it has an account', async () => {
      const person = await anOrganizer(first, 'Lupa Sandi');
      expect((await requestReset(first, person.email)).status).toBe(200);
      const again = await requestReset(second, person.email, { language: 'en' });
      expect((await expectTooSoon(again, 300)).detail).toMatch(/just sent/i);

      // An address without an account is answered the same way: no way to tell which addresses have one.
      const nobody = anAddress('tidak-ada');
      expect((await requestReset(second, nobody)).status).toBe(200);
      const nobodyAgain = await requestReset(first, nobody, { language: 'en' });
      expect((await expectTooSoon(nobodyAgain, 300)).detail).toMatch(/just sent/i);

      const resets = await first.context.db
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.kind, 'send-mail'), sql`${jobs.payload}->>'to' = ${person.email}`))
        .orderBy(jobs.createdAt);
      // The confirmation of the sign-up, and one reset link.
      expect(resets).toHaveLength(2);
    });

    it('sends the confirmation mail again at most once in five minutes, counting the one sign-up sent', async () => {
      const person = await anOrganizer(second, 'Baru Daftar');
      const resend = await post(first, '/api/auth/send-verification-email', { email: person.email });
      await expectTooSoon(resend, 300);
      expect(await mailsQueuedTo(person.email)).toBe(1);
    });

    it("answers better-auth's own per-client limit as a problem with Retry-After, in the caller's language", async () => {
      const client = aClient();
      for (let i = 0; i < 3; i++) {
        expect((await requestReset(i % 2 ? first : second, anAddress(`coba${i}`), { client })).status).toBe(200);
      }
      const limited = await requestReset(first, anAddress('coba-lagi'), { client });
      const problem = await expectTooSoon(limited, 60);
      expect(problem.detail).toMatch(/Tunggu \d+ detik/);
    });
  });
});
