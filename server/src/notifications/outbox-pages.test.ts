import { describe, expect, it } from 'vitest';
import { textAttachment } from './message.ts';
import { outboxListPage, outboxMessagePage, outboxNotFoundPage } from './outbox-pages.ts';
import type { DevOutboxRow } from './schema.ts';

/** A reminder to Budi; every text in it is someone's, so any of it may carry markup. */
const aMail = (changes: Partial<DevOutboxRow> = {}): DevOutboxRow => ({
  id: 'm1',
  from: 'Serambi <no-reply@serambi.local>',
  to: 'budi@example.id',
  subject: 'Pengingat: Menulis untuk Web',
  text: 'Halo Budi,\nsesi dimulai besok.',
  html: '<p>Halo Budi</p>',
  attachments: [],
  headers: {},
  createdAt: new Date('2026-12-07T02:30:00Z'),
  ...changes,
});

const page = async (rendered: string | Promise<string>) => String(await rendered);

describe('the development outbox', () => {
  it('lists the newest mail with a link to each, in the reader’s language', async () => {
    const id = await page(outboxListPage('id', [aMail()], 50));
    expect(id).toContain('<html lang="id">');
    expect(id).toContain('<a href="/dev/outbox/m1">Pengingat: Menulis untuk Web</a>');
    expect(id).toContain('<td>budi@example.id</td>');
    expect(id).toContain('Paling banyak 50 email terbaru.');
    expect(id).toContain('SMTP_URL belum diatur');
    const en = await page(outboxListPage('en', [aMail()], 20));
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('The 20 newest messages at most.');
    expect(en).toContain('<th scope="col">Subject</th>');
  });

  it('says so when there is no mail yet, without an empty table', async () => {
    const empty = await page(outboxListPage('en', [], 50));
    expect(empty).toContain('<p>No mail yet.</p>');
    expect(empty).not.toContain('<table>');
  });

  it('shows when a mail was written, in UTC with a machine-readable instant', async () => {
    const list = await page(outboxListPage('en', [aMail()], 50));
    expect(list).toContain('<time datetime="2026-12-07T02:30:00.000Z">');
    expect(list).toMatch(/7 Dec 2026, 02:30:00 UTC<\/time>/);
  });

  it('escapes a subject carrying markup, so a registrant’s name cannot run script in the page', async () => {
    const hostile = aMail({ subject: '<script>alert(1)</script> & "kutip"', to: '<b>x</b>@example.id' });
    for (const rendered of [outboxListPage('id', [hostile], 50), outboxMessagePage('id', hostile)]) {
      const html = await page(rendered);
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).not.toContain('<b>x</b>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kutip&quot;');
    }
  });

  it('shows a mail’s own HTML only inside a sandboxed frame, escaped into its srcdoc', async () => {
    const mail = aMail({ html: '<p onclick="steal()">Halo "Budi"</p>' });
    const html = await page(outboxMessagePage('en', mail));
    expect(html).toContain(
      '<iframe sandbox srcdoc="&lt;p onclick=&quot;steal()&quot;&gt;Halo &quot;Budi&quot;&lt;/p&gt;" title="Preview of the mail’s HTML (scripts disabled)">',
    );
    expect(html).not.toContain('<p onclick');
  });

  it('shows the text version as written, its markup escaped', async () => {
    const html = await page(outboxMessagePage('id', aMail({ text: 'Baris satu\n<i>baris dua</i>' })));
    expect(html).toContain('<pre>Baris satu\n&lt;i&gt;baris dua&lt;/i&gt;</pre>');
    expect(html).toContain('<h2>Versi teks</h2>');
  });

  it('names a mail’s sender and recipient, and leads back to the list', async () => {
    const html = await page(outboxMessagePage('en', aMail()));
    expect(html).toContain('<dt>From</dt><dd>Serambi &lt;no-reply@serambi.local&gt;</dd>');
    expect(html).toContain('<dt>To</dt><dd>budi@example.id</dd>');
    expect(html).toContain('<a href="/dev/outbox">← Back to the outbox</a>');
    expect(html).toContain('<title>Pengingat: Menulis untuk Web · Development outbox</title>');
  });

  it('offers each attachment for download by its index, with its type and size in KB', async () => {
    const invitation = textAttachment('sesi.ics', 'text/calendar', 'x'.repeat(3000));
    const html = await page(outboxMessagePage('en', aMail({ attachments: [invitation] })));
    expect(html).toContain('<h2>Attachments</h2>');
    expect(html).toContain('<a href="/dev/outbox/m1/attachments/0" download="sesi.ics">sesi.ics</a>');
    expect(html).toContain('(text/calendar, 3 KB)');
  });

  it('leaves the attachments heading out of a mail without any', async () => {
    expect(await page(outboxMessagePage('en', aMail()))).not.toContain('Attachments');
  });

  it('says a missing message is not in the outbox, and is never indexed', async () => {
    const html = await page(outboxNotFoundPage('id'));
    expect(html).toContain('<h1>Email ini tidak ada di kotak keluar.</h1>');
    expect(html).toContain('<meta name="robots" content="noindex" />');
  });
});
