import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/postgres.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { createMailer, type Mailer } from './mailer.ts';
import { textAttachment } from './message.ts';
import { devOutboxRoutes } from './routes.ts';

const ics =
  'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:Sharing Online #3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
const hostile = {
  to: 'ayu@example.id',
  subject: '<script>alert(1)</script> Sharing Online #3',
  text: 'Halo <Ayu>,\nTautan pribadi: https://serambi.example/j/rahasia',
  html: '<p onclick="x()">Halo "Ayu"</p><script>alert(2)</script>',
  attachments: [textAttachment('undangan sesi.ics', 'text/calendar; method=REQUEST', ics)],
};

describe.each(['pglite', 'postgres'] as const)('the dev outbox on %s', (engine) => {
  let handle: DatabaseHandle;
  let mailer: Mailer;
  const logLines: Array<Record<string, unknown>> = [];
  let now = new Date('2026-03-01T02:00:00Z');

  beforeAll(async () => {
    handle = await openDatabase(
      engine === 'pglite'
        ? { kind: 'pglite', dir: 'memory://' }
        : { kind: 'postgres', url: await createTestDatabase() },
    );
    const log = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
    mailer = createMailer({
      smtpUrl: undefined,
      from: 'Serambi <no-reply@serambi.test>',
      db: handle.db,
      log,
      now: () => now,
    });
  });
  afterAll(() => handle?.close());

  /** The outbox as `pnpm start` serves it: development, on 127.0.0.1, no SMTP_URL. */
  const development = { production: false, host: '127.0.0.1', smtpUrl: undefined };
  const outbox = () => devOutboxRoutes({ db: handle.db, config: development });

  it('keeps a message in the outbox and logs who and what, never the body', async () => {
    const { messageId } = await mailer.send(hostile);
    expect(mailer.delivery).toBe('outbox');
    expect(messageId).toMatch(/^<[0-9a-f-]{36}@outbox\.serambi\.invalid>$/);
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).toMatchObject({ level: 30, msg: `mail to ayu@example.id: ${hostile.subject}` });
    expect(JSON.stringify(logLines[0])).not.toContain('rahasia');
  });

  it('lists the newest messages first, escaped, in the reader’s language', async () => {
    now = new Date('2026-03-01T03:00:00Z');
    await mailer.send({ ...hostile, subject: 'Pengingat: besok', attachments: undefined });
    const indonesian = await outbox().request('/dev/outbox');
    expect(indonesian.status).toBe(200);
    expect(indonesian.headers.get('cache-control')).toBe('no-store');
    const page = await indonesian.text();
    expect(page).toContain('Kotak keluar pengembangan');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Sharing Online #3');
    expect(page).not.toContain('<script>');
    expect(page.indexOf('Pengingat: besok')).toBeLessThan(page.indexOf('Sharing Online #3'));
    const english = await (
      await outbox().request('/dev/outbox', { headers: { 'Accept-Language': 'en-US,en;q=0.8' } })
    ).text();
    expect(english).toContain('Development outbox');
  });

  it('shows one message: its text escaped and its HTML only inside a sandboxed srcdoc', async () => {
    const list = await (await outbox().request('/dev/outbox')).text();
    const link = [...list.matchAll(/href="(\/dev\/outbox\/[0-9a-f-]{36})"/g)].map((m) => m[1]).at(-1);
    const page = await (await outbox().request(link as string)).text();
    expect(page).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; Sharing Online #3</h1>');
    expect(page).toContain('Halo &lt;Ayu&gt;,\nTautan pribadi');
    expect(page).toContain(
      '<iframe sandbox srcdoc="&lt;p onclick=&quot;x()&quot;&gt;Halo &quot;Ayu&quot;&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;"',
    );
    expect(page).not.toMatch(/<script|<p onclick/);

    const download = await outbox().request(`${link}/attachments/0`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/calendar; method=REQUEST');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="undangan sesi.ics"; filename*=UTF-8''undangan%20sesi.ics`,
    );
    expect(await download.text()).toBe(ics);
  });

  it('answers an unknown message or attachment with a not-found page', async () => {
    const unknown = await outbox().request('/dev/outbox/00000000-0000-4000-8000-000000000000', {
      headers: { 'Accept-Language': 'en' },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('This message is not in the outbox.');
    expect((await outbox().request('/dev/outbox/not-an-id')).status).toBe(404);
    const list = await (await outbox().request('/dev/outbox')).text();
    const link = list.match(/href="(\/dev\/outbox\/[0-9a-f-]{36})"/)?.[1];
    expect((await outbox().request(`${link}/attachments/7`)).status).toBe(404);
    expect((await outbox().request(`${link}/attachments/-1`)).status).toBe(404);
  });

  it.each([
    ['in production', { production: true }],
    ['when other machines reach the server', { host: '0.0.0.0' }],
    ['when mail is sent for real', { smtpUrl: 'smtp://mail.example.id:587' }],
  ])('answers 404 for every outbox address %s, though it holds mail', async (_when, change) => {
    const list = await (await outbox().request('/dev/outbox')).text();
    const link = list.match(/href="(\/dev\/outbox\/[0-9a-f-]{36})"/)?.[1];
    expect(link).toBeDefined();
    const closed = devOutboxRoutes({ db: handle.db, config: { ...development, ...change } });
    for (const path of ['/dev/outbox', '/dev/outbox/', `${link}`, `${link}/attachments/0`]) {
      const response = await closed.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('Sharing Online');
    }
  });
});
