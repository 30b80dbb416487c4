import { type DatabaseHandle, openDatabase } from '@serambi/server/db/client.ts';
import { createJobRunner, exponentialBackoff, type JobRunner } from '@serambi/server/jobs/runner.ts';
import { findJob } from '@serambi/server/jobs/service.ts';
import { createLogger } from '@serambi/server/logger.ts';
import { queueMail, sendMailJobHandler } from '@serambi/server/notifications/mail-job.ts';
import { createMailer, type Mailer } from '@serambi/server/notifications/mailer.ts';
import { type MailMessage, mailMessageSchema, textAttachment } from '@serambi/server/notifications/message.ts';
import { renderMail } from '@serambi/server/notifications/render.ts';
import { devOutboxRoutes } from '@serambi/server/notifications/routes.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/postgres.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

const silent = createLogger({ level: 'silent', pretty: false });
const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Serambi//ID',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:sesi-3@serambi.test',
  'DTSTART:20260305T120000Z',
  'SUMMARY:Sharing Online #3',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

function confirmationMail(subject: string): MailMessage {
  const { html, text } = renderMail('id', {
    heading: 'Pendaftaran diterima',
    paragraphs: ['Halo Ayu,', 'Sesi dimulai Kamis, 5 Maret 2026 pukul 19.00 WIB.'],
    action: { label: 'Masuk ke sesi', url: 'https://serambi.example/j/abc' },
    footer: 'Komunitas Bisnis Bali',
  });
  return {
    to: 'ayu@example.id',
    subject,
    text,
    html,
    attachments: [textAttachment('sesi.ics', 'text/calendar; method=REQUEST', ics)],
  };
}

/**
 * A database, a mailer and a runner wired as start.ts wires them, with a clock the test moves,
 * set apart from the machine's so that nothing can read that one unnoticed.
 */
async function mailPipeline(database: DatabaseHandle, smtpUrl: string | undefined) {
  let current = new Date('2031-05-05T05:05:05Z');
  const now = () => current;
  const mailer = createMailer({ smtpUrl, from: 'Serambi <no-reply@serambi.test>', db: database.db, log: silent, now });
  const runner = createJobRunner({
    db: database.db,
    // Only the mail kind: the runner claims only kinds it has handlers for.
    kinds: { 'send-mail': mailMessageSchema },
    handlers: { 'send-mail': sendMailJobHandler(mailer) },
    log: silent,
    now,
  });
  const advance = (ms: number) => {
    current = new Date(current.getTime() + ms);
  };
  return { mailer, runner, now, advance };
}

describe('mail through a real SMTP server', () => {
  let database: DatabaseHandle;
  let peer: SmtpPeer;
  let pipeline: { mailer: Mailer; runner: JobRunner; now: () => Date; advance: (ms: number) => void };

  beforeAll(async () => {
    [database, peer] = await Promise.all([
      openDatabase({ kind: 'postgres', url: await createTestDatabase() }),
      startSmtpPeer(),
    ]);
    pipeline = await mailPipeline(database, peer.url);
  });
  afterAll(async () => {
    await pipeline?.mailer.close();
    await peer?.stop();
    await database?.close();
  });

  it('sends a queued mail with its subject, text and HTML parts and the .ics invitation intact', async () => {
    const job = await queueMail(database.db, confirmationMail('Pendaftaran diterima: Sharing Online #3'), {
      runAt: pipeline.now(),
    });
    expect(await pipeline.runner.runDueJobs()).toBe(1);
    const [received] = await peer.waitForMessages(1);
    expect(received?.subject).toBe('Pendaftaran diterima: Sharing Online #3');
    expect(received?.from?.value).toEqual([{ name: 'Serambi', address: 'no-reply@serambi.test' }]);
    expect(received?.date).toEqual(pipeline.now());
    expect(received?.text).toContain('Masuk ke sesi:\nhttps://serambi.example/j/abc');
    expect(received?.html).toContain('<a href="https://serambi.example/j/abc"');
    expect(received?.attachments).toHaveLength(1);
    expect(received?.attachments[0]).toMatchObject({ filename: 'sesi.ics', contentType: 'text/calendar' });
    expect(received?.attachments[0]?.headers.get('content-type')).toMatchObject({ params: { method: 'REQUEST' } });
    expect(received?.attachments[0]?.content.toString('utf8')).toBe(ics);
    expect((await findJob(database.db, job.id))?.status).toBe('done');
  });

  it('retries a mail the server refused for now, and delivers it once', async () => {
    const before = peer.messages.length;
    peer.failNext(1);
    const job = await queueMail(database.db, confirmationMail('Pengingat: besok Sharing Online #3'), {
      runAt: pipeline.now(),
    });
    await pipeline.runner.runDueJobs();
    expect(peer.refused()).toBe(1);
    expect(await findJob(database.db, job.id)).toMatchObject({
      status: 'queued',
      lastError: expect.stringContaining('451'),
    });
    expect(await pipeline.runner.runDueJobs()).toBe(0);

    pipeline.advance(exponentialBackoff(1));
    expect(await pipeline.runner.runDueJobs()).toBe(1);
    await peer.waitForMessages(before + 1);
    const copies = peer.messages.filter((m) => m.subject === 'Pengingat: besok Sharing Online #3');
    expect(copies).toHaveLength(1);
    expect(await findJob(database.db, job.id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('gives up at once on a mail the server refused for good', async () => {
    peer.failNext(1, 550);
    const job = await queueMail(database.db, confirmationMail('Tidak terkirim'), { runAt: pipeline.now() });
    await pipeline.runner.runDueJobs();
    expect(await findJob(database.db, job.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringMatching(/^PermanentJobError: .*550/),
    });
  });
});

describe('mail without SMTP_URL', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite', dir: 'memory://' });
  });
  afterAll(() => database?.close());

  it('lands in the dev outbox, and the outbox page shows it escaped', async () => {
    const { runner, now } = await mailPipeline(database, undefined);
    await queueMail(database.db, confirmationMail('<script>alert(1)</script> Sharing Online #3'), { runAt: now() });
    expect(await runner.runDueJobs()).toBe(1);

    const routes = devOutboxRoutes({
      db: database.db,
      config: { production: false, host: '127.0.0.1', smtpUrl: undefined },
    });
    const list = await (await routes.request('/dev/outbox')).text();
    expect(list).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Sharing Online #3');
    expect(list).not.toContain('<script>');
    const link = list.match(/href="(\/dev\/outbox\/[0-9a-f-]{36})"/)?.[1];
    const message = await (await routes.request(`${link}`)).text();
    expect(message).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; Sharing Online #3</h1>');
    expect(message).toContain('sesi.ics');
    expect(message).not.toContain('<script>');
  });
});
