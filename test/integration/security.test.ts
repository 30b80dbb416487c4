import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSharedRateLimiter } from '@serambi/server/http/rate-limit.ts';
import { ROOM_TICKET_TTL_SECONDS } from '@serambi/server/room/tickets.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { aRoomSetup, claimsOf, eventually, joinRoom, problemOf } from '../support/room.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';
import { postWebhook, signedWebhook } from '../support/webhooks.ts';

const EVIL_ORIGIN = 'https://evil.example';

/** Every header a response must carry, whatever it is (web app page or API JSON). */
function expectSecurityHeaders(response: Response, what: string) {
  const csp = response.headers.get('Content-Security-Policy') ?? '';
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  expect(directives.get('default-src'), what).toEqual(["'self'"]);
  expect(directives.get('script-src'), what).toEqual(["'self'"]);
  expect(directives.get('object-src'), what).toEqual(["'none'"]);
  expect(directives.get('base-uri'), what).toEqual(["'self'"]);
  expect(directives.get('form-action'), what).toEqual(["'self'"]);
  expect(directives.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(response.headers.get('X-Frame-Options'), what).toBe('DENY');
  expect(response.headers.get('Referrer-Policy'), what).toBe('no-referrer');
  expect(response.headers.get('X-Content-Type-Options'), what).toBe('nosniff');
  const permissions = response.headers.get('Permissions-Policy') ?? '';
  for (const feature of ['camera=(self)', 'microphone=(self)', 'display-capture=(self)', 'geolocation=()']) {
    expect(permissions.split(/,\s*/), what).toContain(feature);
  }
}

/** A LiveKit webhook's Authorization: an HS256 JWT over the body's SHA-256, valid from `nbf` to `exp`. */
function webhookJwt(app: TestApp, body: string, times: { nbf: number; exp: number }): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const sha256 = createHash('sha256').update(body).digest('base64');
  const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iss: app.liveKit.apiKey, sha256, ...times })}`;
  return `${head}.${createHmac('sha256', app.liveKit.apiSecret).update(head).digest('base64url')}`;
}

function setCookies(response: Response) {
  return response.headers.getSetCookie().map((line) => {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const name = pair.slice(0, pair.indexOf('='));
    return { name, attributes: attributes.map((a) => a.toLowerCase()) };
  });
}

describe('security defences over plain http (PUBLIC_URL http)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('sends CSP, frame, referrer and permission headers on the web app and the API, and no HSTS over http', async () => {
    for (const path of ['/', '/j/some-secret', '/api/health', '/api/no-such-thing']) {
      const response = await fetch(`${app.url}${path}`);
      expectSecurityHeaders(response, path);
      expect(response.headers.get('Strict-Transport-Security'), path).toBeNull();
      await response.arrayBuffer();
    }
  });

  it('serves an index.html whose scripts and styles are all files, so script-src self needs no inline exception', async () => {
    const html = await (await fetch(`${app.url}/`)).text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toMatch(/\ssrc="/);
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, on path /, and not Secure over http', async () => {
    const response = await fetch(`${app.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: app.context.config.publicUrl },
      body: JSON.stringify({ name: 'Ayu Lestari', email: 'kuki@example.id', password: 'kata-sandi-rahasia' }),
    });
    expect(response.status).toBe(200);
    const session = setCookies(response).find((c) => c.name === 'serambi.session_token');
    expect(session?.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(session?.attributes).not.toContain('secure');
    // An auth session lives 30 days (renewed daily while used).
    expect(session?.attributes).toContain(`max-age=${30 * 24 * 3600}`);
  });

  describe('cross-site request forgery', () => {
    let owner: Caller;
    beforeAll(async () => {
      owner = await signUp(app.url);
    });
    /** A cookie-authenticated change, with exactly the given origin headers (Node's fetch adds none). */
    const createCommunity = (headers: Record<string, string>) =>
      fetch(`${app.url}/api/communities`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: owner.cookie ?? '', ...headers },
        body: JSON.stringify({
          name: 'Komunitas Lintas',
          slug: `lintas-${randomBytes(3).toString('hex')}`,
          timeZone: 'Asia/Jakarta',
        }),
      });

    it('refuses a cookie-authenticated change from another origin with 403 cross_site_request, and changes nothing', async () => {
      const before = await app.context.db.query.communities.findMany();
      const fromEvil = await createCommunity({ Origin: EVIL_ORIGIN });
      expect(fromEvil.status).toBe(403);
      const problem = await problemOf(fromEvil);
      expect(problem.code).toBe('cross_site_request');
      expect(problem.detail).toMatch(/situs lain/);
      expect(fromEvil.headers.get('Content-Type')).toContain('application/problem+json');
      expect((await createCommunity({ Origin: 'null' })).status).toBe(403);
      // No Origin, but the browser says where the request came from.
      const crossSite = await createCommunity({ 'Sec-Fetch-Site': 'cross-site' });
      expect(crossSite.status).toBe(403);
      expect((await createCommunity({ 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
      expect(await app.context.db.query.communities.findMany()).toHaveLength(before.length);
    });

    it('lets the app itself through: PUBLIC_URL, the address it was reached at, same-origin fetches, and non-browser clients', async () => {
      expect((await createCommunity({ Origin: app.context.config.publicUrl })).status).toBe(201);
      expect((await createCommunity({ Origin: app.url })).status).toBe(201);
      expect((await createCommunity({ 'Sec-Fetch-Site': 'same-origin' })).status).toBe(201);
      // Without Origin and Sec-Fetch-Site the request is not from a browser: no victim's cookie to abuse.
      expect((await createCommunity({})).status).toBe(201);
    });

    it('leaves room tickets (no cookie) alone, whatever the origin', async () => {
      const { owner: host, session } = await aRoomSetup(app);
      const moderator = await joinRoom(app, session.slug, { caller: host });
      const response = await fetch(`${app.url}/api/sessions/${session.slug}/room/live`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${moderator.join.ticket}`, Origin: EVIL_ORIGIN },
      });
      expect(response.status).not.toBe(403);
      expect(response.status).toBeLessThan(300);
    });

    it("relies on better-auth's own origin check for /api/auth (active under test too): cross-site sign-in is refused", async () => {
      const signIn = (headers: Record<string, string>) =>
        fetch(`${app.url}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify({ email: owner.email, password: 'kata-sandi-rahasia' }),
        });
      // A browser on another site (it sends cookies of its own, or Fetch Metadata): refused.
      expect((await signIn({ Origin: EVIL_ORIGIN, Cookie: 'serambi.theme=gelap' })).status).toBe(403);
      expect(
        (await signIn({ Origin: EVIL_ORIGIN, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors' })).status,
      ).toBe(403);
      // The app's own page: accepted.
      expect(
        (await signIn({ Origin: app.url, 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors' })).status,
      ).toBe(200);
      // A forged sign-out (session cookie, other origin) is stopped before better-auth: still signed in.
      const signOut = await fetch(`${app.url}/api/auth/sign-out`, {
        method: 'POST',
        headers: { Origin: EVIL_ORIGIN, Cookie: owner.cookie ?? '' },
      });
      expect(signOut.status).toBe(403);
      expect(await (await owner.request('/api/auth/get-session')).json()).toMatchObject({
        user: { email: owner.email },
      });
    });
  });

  it('issues room tickets for at most four hours, bound to one session', async () => {
    const { owner, session } = await aRoomSetup(app);
    const host = await joinRoom(app, session.slug, { caller: owner });
    const claims = claimsOf(host.join.ticket);
    expect(claims.sid).toBe(session.id);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(ROOM_TICKET_TTL_SECONDS);
    expect(ROOM_TICKET_TTL_SECONDS).toBeLessThanOrEqual(4 * 3600);
  });

  it('issues password-reset tokens that expire within an hour', async () => {
    const person = await signUp(app.url, { email: 'reset-ttl@example.id' });
    const requested = await fetch(`${app.url}/api/auth/request-password-reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: app.context.config.publicUrl },
      body: JSON.stringify({ email: person.email, redirectTo: `${app.context.config.publicUrl}/reset-password` }),
    });
    expect(requested.status).toBe(200);
    const tokens = (await app.context.db.query.verifications.findMany()).filter((v) =>
      v.identifier.startsWith('reset-password:'),
    );
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(token.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
  });

  it('refuses a genuine webhook signature once it has expired, though it matches the body', async () => {
    const event = {
      event: 'room_started',
      id: `EV_${randomBytes(6).toString('hex')}`,
      createdAt: String(Math.floor(Date.now() / 1000)),
      room: { sid: 'RM_replay', name: 'no-such-room' },
    };
    const body = JSON.stringify(event);
    const now = Math.floor(Date.now() / 1000);
    const expired = webhookJwt(app, body, { nbf: now - 7200, exp: now - 3600 });
    expect((await postWebhook(app, { body, authorization: expired })).status).toBe(401);
    expect(
      await app.context.db.query.liveKitWebhookDeliveries.findMany({ where: (d, { eq }) => eq(d.id, event.id) }),
    ).toEqual([]);
    // The same construction, still valid, is accepted: it was the expiry that was refused.
    const fresh = webhookJwt(app, body, { nbf: now - 60, exp: now + 600 });
    expect((await postWebhook(app, { body, authorization: fresh })).status).toBe(204);
    // And a delivery signed for another body is refused even before it expires.
    const other = await signedWebhook(app, { ...event, id: `EV_${randomBytes(6).toString('hex')}` });
    expect((await postWebhook(app, { body, authorization: other.authorization })).status).toBe(401);
  });
});

describe('security defences behind https (PUBLIC_URL https)', () => {
  const publicUrl = 'https://serambi.example';
  let app: TestApp;
  let mailServer: SmtpPeer;
  beforeAll(async () => {
    // An https PUBLIC_URL is production whatever NODE_ENV says (here: test), and production needs SMTP_URL.
    mailServer = await startSmtpPeer();
    app = await startTestApp({ smtpUrl: mailServer.url, env: { PUBLIC_URL: publicUrl } });
  });
  afterAll(async () => {
    await app?.stop();
    await mailServer?.stop();
  });

  it('runs in production under NODE_ENV=test too: no development outbox, no metrics without a token', async () => {
    // A password reset: the mail the outbox would show anyone who asks.
    const post = (path: string, body: object) =>
      fetch(`${app.url}/api/auth/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: publicUrl },
        body: JSON.stringify(body),
      });
    const email = 'lupa-sandi@example.id';
    expect((await post('sign-up/email', { name: 'Wayan Putra', email, password: 'kata-sandi-rahasia' })).status).toBe(
      200,
    );
    expect((await post('request-password-reset', { email, redirectTo: `${publicUrl}/reset-password` })).status).toBe(
      200,
    );
    // The reset link went out through SMTP instead.
    await eventually(async () => mailServer.messages.some((m) => m.text?.includes('/reset-password/')));
    for (const path of ['/dev/outbox', '/dev/outbox/00000000-0000-4000-8000-000000000000', '/metrics']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toMatch(/reset|<html/i);
    }
  });

  it('adds HSTS and marks the session cookie Secure with the __Secure- prefix', async () => {
    const page = await fetch(`${app.url}/`);
    expectSecurityHeaders(page, '/');
    expect(page.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d{7,}/);
    await page.arrayBuffer();

    const response = await fetch(`${app.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: publicUrl },
      body: JSON.stringify({ name: 'Ayu Lestari', email: 'aman@example.id', password: 'kata-sandi-rahasia' }),
    });
    expect(response.status).toBe(200);
    const session = setCookies(response).find((c) => c.name === '__Secure-serambi.session_token');
    expect(session?.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'secure']));
  });
});

describe('rate limits shared by every instance (RATE_LIMITS=on, two apps on one PostgreSQL)', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    first = await startTestApp({ databaseUrl, env: { RATE_LIMITS: 'on' } });
    second = await startTestApp({ databaseUrl, env: { RATE_LIMITS: 'on' } });
  }, 60_000);
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
  });

  /** Each test is its own client: the same-machine proxy rule reads the client from X-Forwarded-For. */
  const aClient = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}`;

  const signIn = (app: TestApp, client: string, email: string) =>
    fetch(`${app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: app.url, 'X-Forwarded-For': client },
      body: JSON.stringify({ email, password: 'bukan-kata-sandinya' }),
    });

  it('lets one client try to sign in three times in ten seconds across both instances, then answers 429', async () => {
    const client = aClient();
    const email = 'coba@example.id';
    expect((await signIn(first, client, email)).status).toBe(401);
    expect((await signIn(second, client, email)).status).toBe(401);
    expect((await signIn(first, client, email)).status).toBe(401);
    const limited = await signIn(second, client, email);
    expect(limited.status).toBe(429);
    // Another client is not held back by the first one's attempts.
    expect((await signIn(first, `198.51.100.${Math.floor(Math.random() * 250) + 1}`, email)).status).toBe(401);
  });

  it('counts atomically: of 20 requests at once from both instances, exactly the allowed 5 pass; a new window starts afresh', async () => {
    let clock = new Date();
    const options = { max: 5, windowSeconds: 60, now: () => clock };
    const limiters = [
      createSharedRateLimiter(first.context.db, options),
      createSharedRateLimiter(second.context.db, options),
    ];
    const key = `test:${randomBytes(4).toString('hex')}`;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => limiters[i % 2]?.take(key) ?? Promise.reject(new Error('no limiter'))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toMatchObject({ status: 429, code: 'rate_limited' });

    clock = new Date(clock.getTime() + 61_000);
    await expect(limiters[0]?.take(key)).resolves.toMatchObject({ giveBack: expect.any(Function) });
  });

  it('limits registrations per email (the same confirmation once in 5 minutes, 3 in 10) and per client address (30), across both instances', async () => {
    const { owner, community, session } = await aRoomSetup(first, { capacity: 500 });
    // Three more sessions of the same community (sign-ups from this one test client are limited too).
    const others: string[] = [];
    for (const title of ['Sesi Kedua', 'Sesi Ketiga', 'Sesi Keempat']) {
      const created = await owner.request(`/api/communities/${community.slug}/sessions`, {
        method: 'POST',
        body: { title, startsAt: new Date(Date.now() + 86_400_000).toISOString(), timeZone: 'Asia/Makassar' },
      });
      others.push(((await created.json()) as { slug: string }).slug);
    }
    const register = (app: TestApp, client: string, email: string, slug = session.slug) =>
      fetch(`${app.url}/api/sessions/${slug}/registrations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: app.url, 'X-Forwarded-For': client },
        body: JSON.stringify({ name: 'Budi Santoso', email }),
      });

    // The same address again and again (each time a confirmation mail), from different clients.
    const target = `korban.${randomBytes(3).toString('hex')}@example.id`;
    expect((await register(first, aClient(), target)).status).toBe(201);
    const again = await register(second, aClient(), target.toUpperCase());
    expect(again.status).toBe(429);
    expect((await problemOf(again)).code).toBe('rate_limited');
    // Other sessions: three confirmations to one address in ten minutes, then it waits.
    expect((await register(first, aClient(), target, others[0])).status).toBe(201);
    expect((await register(second, aClient(), target, others[1])).status).toBe(201);
    const perEmail = await register(first, aClient(), target, others[2]);
    expect(perEmail.status).toBe(429);
    expect((await problemOf(perEmail)).detail).toMatch(/beberapa email/);

    // One client registering many people: 30 go through, the 31st waits.
    const client = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    for (let i = 0; i < 30; i++) {
      const response = await register(
        i % 2 ? first : second,
        client,
        `orang.${i}.${randomBytes(2).toString('hex')}@example.id`,
      );
      expect(response.status, `registration ${i + 1}`).toBe(201);
    }
    const perAddress = await register(first, client, `satu.lagi@example.id`);
    expect(perAddress.status).toBe(429);
    expect(Number(perAddress.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await problemOf(perAddress)).detail).toMatch(/Coba lagi dalam \d+ menit/);
  }, 90_000);
});
