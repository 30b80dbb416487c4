import { jobs } from '@serambi/server/jobs/schema.ts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { aRoomSetup, eventually, joinRoom } from '../support/room.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

const PEOPLE = ['Wayan Putra', 'Sari Dewi', 'Komang Ayu'];
const emailOf = (name: string) => `${name.toLowerCase().replace(/\W+/g, '.')}@example.id`;

/** The `send-mail` jobs addressed to these people, as the runner left them. */
async function mailJobsTo(app: TestApp, emails: string[]) {
  const all = await app.context.db.select().from(jobs).where(eq(jobs.kind, 'send-mail'));
  return all.filter((job) => emails.includes((job.payload as { to: string }).to));
}

/** What the peer received for these addresses (the organizer's own sign-up mail goes there too). */
function mailsTo(peer: SmtpPeer, emails: string[]) {
  return peer.messages
    .map((message) => {
      const to = Array.isArray(message.to) ? message.to[0] : message.to;
      return { to: to?.value[0]?.address ?? '', subject: message.subject ?? '' };
    })
    .filter(({ to }) => emails.includes(to));
}

describe('when the mail server goes down during a live session', () => {
  let peer: SmtpPeer;
  let app: TestApp;
  beforeAll(async () => {
    peer = await startSmtpPeer();
    app = await startTestApp({ smtpUrl: peer.url });
  });
  afterAll(async () => {
    await app?.stop();
    await peer?.stop();
  });

  it('still registers people, retries their mail with backoff, and delivers each mail once when it returns', async () => {
    const { owner, session } = await aRoomSetup(app);
    const host = await joinRoom(app, session.slug, { caller: owner });
    expect((await host.call('/live')).status).toBe(204);

    await peer.takeDown();

    for (const name of PEOPLE) {
      const response = await fetch(`${app.url}/api/sessions/${session.slug}/registrations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: app.url },
        body: JSON.stringify({ name, email: emailOf(name), answers: {}, locale: 'en' }),
      });
      expect(response.status).toBe(201);
    }
    const emails = PEOPLE.map(emailOf);
    // Each confirmation was tried, failed to connect, and waits for its next attempt.
    const waiting = await eventually(async () => {
      const mails = await mailJobsTo(app, emails);
      return mails.length === PEOPLE.length && mails.every((job) => job.attempts >= 1 && job.status === 'queued')
        ? mails
        : undefined;
    }, 20_000);
    for (const job of waiting) {
      expect(job.lastError).toMatch(/ECONNREFUSED|connect/i);
      // Backed off (30 s for the first retry), not hammering the peer that is down.
      expect(job.runAt.getTime() - job.createdAt.getTime()).toBeGreaterThanOrEqual(30_000);
    }
    expect(mailsTo(peer, emails)).toHaveLength(0);

    await peer.bringBack();

    // The runner retries by itself at the backed-off time; every mail arrives, once.
    await eventually(async () => {
      const mails = await mailJobsTo(app, emails);
      return mails.every((job) => job.status === 'done');
    }, 75_000);
    const received = mailsTo(peer, emails);
    expect(received.map(({ to }) => to).sort()).toEqual([...emails].sort());
    expect(received.every(({ subject }) => /You are registered/.test(subject))).toBe(true);
  }, 120_000);
});
