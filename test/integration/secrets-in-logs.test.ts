import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { jobs } from '@serambi/server/jobs/schema.ts';
import { recordings } from '@serambi/server/recordings/schema.ts';
import type { Replay } from '@serambi/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, sessionCookie, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { aRoomSetup, eventually, requestJoin } from '../support/room.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

/**
 * Issue 17: secrets stay out of logs and out of old rows. A registrant, a speaker, a
 * co-organizer and an organizer who forgot her password go through their flows against the
 * real app with every log line it writes captured (debug level); then every secret those flows
 * used is looked for in the captured lines and in the jobs table.
 */
describe('secrets in logs and in sent mail (a real flow, every log line captured)', () => {
  let peer: SmtpPeer;
  let app: TestApp;
  const lines: string[] = [];
  /** Every secret the flow used, by what it is, to look for afterwards. */
  const secrets = new Map<string, string>();
  const keep = (what: string, secret: string | undefined) => {
    if (!secret) throw new Error(`no ${what} found`);
    secrets.set(what, secret);
    return secret;
  };

  beforeAll(async () => {
    peer = await startSmtpPeer();
    app = await startTestApp({ smtpUrl: peer.url, logs: { level: 'debug', lines } });
  });
  afterAll(async () => {
    await app?.stop();
    await peer?.stop();
  });

  const mailTo = (address: string, subject?: RegExp): Promise<ParsedMail> =>
    eventually(async () =>
      peer.messages.find(
        (m) => JSON.stringify(m.to ?? '').includes(address) && (!subject || subject.test(m.subject ?? '')),
      ),
    );
  /** The secret after `path` in the first link of that shape in a mail. */
  const secretIn = (mail: ParsedMail, path: string) =>
    new RegExp(`${path.replace(/\//g, '\\/')}([A-Za-z0-9_-]{20,})`).exec(mail.text ?? '')?.[1];
  const get = (path: string, init: RequestInit = {}) => fetch(`${app.url}${path}`, { redirect: 'manual', ...init });

  it('writes no personal link, invitation secret, reset token, media token or cookie into any log line', async () => {
    const { owner, community, session } = await aRoomSetup(app);
    keep('organizer cookie', owner.cookie?.split('=')[1]);

    // A registrant registers, opens the link from the mail, joins the room, watches the replay.
    const email = `peserta.${randomBytes(3).toString('hex')}@example.id`;
    const registered = await anonymous(app.url).request(`/api/sessions/${session.slug}/registrations`, {
      method: 'POST',
      body: { name: 'Sari Dewi', email },
    });
    expect(registered.status).toBe(201);
    const join = keep('join link', secretIn(await mailTo(email), '/j/'));
    for (const path of [`/j/${join}`, `/j/${join}/live`, `/api/registrations/${join}`]) await (await get(path)).text();
    const joined = await requestJoin(app, session.slug, { joinSecret: join });
    expect(joined.status).toBe(200);
    keep('room ticket', ((await joined.json()) as { ticket: string }).ticket);

    const recordingId = crypto.randomUUID();
    const mediaKey = `${session.id}/${recordingId}.mp4`;
    await writeFile(await app.context.recordingStore.scratchPath(mediaKey), randomBytes(4096));
    await app.context.db.insert(recordings).values({
      id: recordingId,
      sessionId: session.id,
      part: 1,
      backend: 'builtin',
      status: 'ready',
      mediaKey,
      durationMs: 60_000,
      endedAt: new Date(),
    });
    const replay = (await (await get(`/api/registrations/${join}/replay`)).json()) as Replay;
    const mediaUrl = replay.parts[0]?.mediaUrl ?? '';
    keep('media token', new URL(mediaUrl, app.url).searchParams.get('token') ?? undefined);
    expect((await get(mediaUrl)).status).toBe(200);

    // The link used again after cancelling, and a guessed one: refused, and still not logged.
    expect(
      (await get(`/api/registrations/${join}/cancel`, { method: 'POST', headers: { Origin: app.url } })).status,
    ).toBe(200);
    await (await get(`/api/registrations/${join}/replay`)).text();
    const guessed = keep('guessed link', randomBytes(32).toString('base64url'));
    expect((await get(`/api/registrations/${guessed}`)).status).toBe(404);

    // A speaker and a co-organizer accept their invitations.
    const speakerEmail = `pembicara.${randomBytes(3).toString('hex')}@example.id`;
    await owner.request(`/api/sessions/${session.slug}/people`, {
      method: 'POST',
      body: { role: 'speaker', name: 'Made Wirawan', email: speakerEmail },
    });
    const speak = keep('speaker invitation', secretIn(await mailTo(speakerEmail), '/speak/'));
    await (await get(`/speak/${speak}`)).text();
    expect((await get(`/api/session-invitations/${speak}`)).status).toBe(200);
    const speaker = await signUp(app.url, { name: 'Made Wirawan', email: speakerEmail });
    keep('speaker cookie', speaker.cookie?.split('=')[1]);
    expect((await speaker.request(`/api/session-invitations/${speak}/accept`, { method: 'POST' })).status).toBe(200);

    const colleagueEmail = `rekan.${randomBytes(3).toString('hex')}@example.id`;
    await owner.request(`/api/communities/${community.slug}/invitations`, {
      method: 'POST',
      body: { email: colleagueEmail },
    });
    const invitation = keep('organizer invitation', secretIn(await mailTo(colleagueEmail), '/invitations/'));
    await (await get(`/invitations/${invitation}`)).text();
    expect((await get(`/api/organizer-invitations/${invitation}`)).status).toBe(200);
    const colleague = await signUp(app.url, { name: 'Komang Ari', email: colleagueEmail });

    // The colleague confirms the address (an organizer invitation is accepted only by a confirmed
    // one), accepts, forgets the password and sets a new one.
    const verifyLink = /(http\S+\/api\/auth\/verify-email\?token=\S+)/.exec(
      (await mailTo(colleagueEmail, /Konfirmasi alamat/)).text ?? '',
    )?.[1];
    keep('verification token', new URL(verifyLink ?? 'http://x').searchParams.get('token') ?? undefined);
    expect(
      (await fetch((verifyLink ?? '').replace(app.context.config.publicUrl, app.url), { redirect: 'manual' })).status,
    ).toBeLessThan(400);
    expect(
      (await colleague.request(`/api/organizer-invitations/${invitation}/accept`, { method: 'POST' })).status,
    ).toBe(200);
    const forgot = await anonymous(app.url).request('/api/auth/request-password-reset', {
      method: 'POST',
      body: { email: colleagueEmail, redirectTo: `${app.context.config.publicUrl}/reset-password` },
    });
    expect(forgot.status).toBe(200);
    const resetMail = await mailTo(colleagueEmail, /Atur ulang kata sandi/);
    const reset = keep(
      'reset token',
      /\/api\/auth\/reset-password\/([^?\s]+)\?callbackURL=/.exec(resetMail.text ?? '')?.[1],
    );
    const landing = await get(
      `/api/auth/reset-password/${reset}?callbackURL=${encodeURIComponent(`${app.context.config.publicUrl}/reset-password`)}`,
    );
    expect(landing.status).toBe(302);
    await (await get(`/reset-password?token=${reset}`)).text();
    const changed = await anonymous(app.url).request('/api/auth/reset-password', {
      method: 'POST',
      body: { token: reset, newPassword: 'kata-sandi-baru-sekali' },
    });
    expect(changed.status).toBe(200);
    // The reset link used a second time.
    await get(
      `/api/auth/reset-password/${reset}?callbackURL=${encodeURIComponent(`${app.context.config.publicUrl}/reset-password`)}`,
    );
    const signedIn = await anonymous(app.url).request('/api/auth/sign-in/email', {
      method: 'POST',
      body: { email: colleagueEmail, password: 'kata-sandi-baru-sekali' },
    });
    keep('new cookie', sessionCookie(signedIn).split('=')[1]);

    // The logs were captured, a request line for every request, and no secret is in any of them.
    const log = lines.join('\n');
    const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    expect(requests.length).toBeGreaterThan(25);
    for (const [what, secret] of secrets) expect(log.includes(secret), `the ${what} is in the logs`).toBe(false);
    // Each request line names its route, and the path with the secret left out.
    expect(requests.map((entry) => entry.route)).toEqual(
      expect.arrayContaining([
        '/api/registrations/:secret',
        '/api/registrations/:secret/replay',
        '/api/session-invitations/:secret/accept',
        '/api/organizer-invitations/:secret',
      ]),
    );
    expect(requests.map((entry) => entry.path)).toEqual(
      expect.arrayContaining([
        '/j/:secret',
        '/speak/:secret',
        '/invitations/:secret',
        '/api/auth/reset-password/:token',
      ]),
    );
  });

  it('leaves the secret out of the request line of every API route that takes one in its path', async () => {
    const document = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const withSecrets = Object.entries(document.paths).filter(([path]) => /\{(secret|token)\}/.test(path));
    expect(withSecrets.length).toBeGreaterThanOrEqual(10);
    const from = lines.length;
    const used: string[] = [];
    for (const [template, operations] of withSecrets) {
      for (const method of Object.keys(operations)) {
        const secret = randomBytes(32).toString('base64url');
        used.push(secret);
        const path = template.replace(/\{(secret|token)\}/g, secret).replace(/\{\w+\}/g, '1');
        const response = await fetch(`${app.url}/api${path}`, {
          method: method.toUpperCase(),
          headers: { 'Content-Type': 'application/json', Origin: app.url },
          body: method === 'get' ? undefined : '{}',
        });
        await response.arrayBuffer();
      }
    }
    const written = lines.slice(from);
    expect(written.filter((line) => line.includes('"msg":"request"')).length).toBeGreaterThanOrEqual(used.length);
    for (const secret of used) expect(written.join('\n')).not.toContain(secret);
  });

  it('keeps who and what of a sent mail in its job, not the body with the personal links', async () => {
    const sent = await app.context.db
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.kind, 'send-mail'), eq(jobs.status, 'done')));
    expect(sent.length).toBeGreaterThanOrEqual(6);
    for (const { payload } of sent) {
      expect(payload).toMatchObject({ to: expect.any(String), subject: expect.any(String) });
      const stored = JSON.stringify(payload);
      for (const [what, secret] of secrets)
        expect(stored.includes(secret), `the ${what} is in a sent mail's job`).toBe(false);
      expect(stored).not.toMatch(/\/j\/|\/speak\/|\/invitations\/|reset-password\/|verify-email/);
    }
  });

  it('keeps the body of a mail not yet sent, so it can still go out', async () => {
    const email = `antre.${randomBytes(3).toString('hex')}@example.id`;
    const { owner, session } = await aRoomSetup(app);
    // Its sign-up mail goes first, so the refusal meets the registration's.
    await mailTo(owner.email);
    peer.failNext(1);
    await anonymous(app.url).request(`/api/sessions/${session.slug}/registrations`, {
      method: 'POST',
      body: { name: 'Wayan Putra', email },
    });
    const waiting = await eventually(async () => {
      const [job] = await app.context.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, 'send-mail'), sql`${jobs.payload}->>'to' = ${email}`));
      return job?.status === 'queued' && job.attempts === 1 ? job : undefined;
    });
    expect(JSON.stringify(waiting.payload)).toMatch(/\/j\/[A-Za-z0-9_-]{43}/);
  });
});
