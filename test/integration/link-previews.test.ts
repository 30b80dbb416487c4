import { formatSessionTime } from '@serambi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

/** The head as a chat app's crawler reads it: no JavaScript, just the tags. */
function headTags(html: string) {
  const decodeEntities = (value: string) =>
    value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replaceAll('&amp;', '&');
  const tag = (attribute: 'name' | 'property', key: string) => {
    const match = new RegExp(`<meta ${attribute}="${key}" content="([^"]*)"`).exec(html);
    return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
  };
  return {
    title: decodeEntities(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ''),
    titles: html.match(/<title>/g)?.length ?? 0,
    descriptions: html.match(/<meta\s+name="description"/g)?.length ?? 0,
    description: tag('name', 'description'),
    og: (key: string) => tag('property', `og:${key}`),
    twitterCard: tag('name', 'twitter:card'),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** 20.00 WITA (12.00 UTC), `days` from the day this runs: the server picks "next" by the real clock. */
const daysFromToday = (days: number) =>
  new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + days * DAY_MS + 12 * 3_600_000);
/** Today's date in Makassar (UTC+8 all year), moved by `days`, as a series' first date. */
const makassarDate = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);
const witaText = (session: { startsAt: string }) =>
  formatSessionTime({ startsAt: session.startsAt, durationMinutes: 90, timeZone: 'Asia/Makassar', locale: 'id' })
    .session.text;

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer) {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('link previews for WhatsApp, Telegram and Facebook', () => {
  let app: TestApp;
  let organizer: Caller;
  let publicUrl: string;
  let plainIndex: string;
  const community = 'bisnis-bali-pratinjau';

  // A session's own preview reads no clock: a fixed instant keeps its text exact.
  const schedule = async (body: Record<string, unknown>, where = community) => {
    const response = await organizer.request(`/api/communities/${where}/sessions`, {
      method: 'POST',
      body: { timeZone: 'Asia/Makassar', durationMinutes: 90, startsAt: '2027-06-06T12:00:00Z', ...body },
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; slug: string; startsAt: string };
  };
  const aCommunity = async (slug: string) => {
    const response = await organizer.request('/api/communities', {
      method: 'POST',
      body: {
        name: 'Komunitas Bisnis Bali',
        slug,
        timeZone: 'Asia/Makassar',
        description: 'Pelaku UMKM Bali berbagi.',
      },
    });
    expect(response.status).toBe(201);
    return slug;
  };
  const page = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}${path}`, { headers });
    expect(response.status).toBe(200);
    return response.text();
  };
  /** The picture's address points at PUBLIC_URL; the test server listens on 127.0.0.1. */
  const fetchPublic = (url: string) => fetch(url.replace(publicUrl, app.url));

  beforeAll(async () => {
    app = await startTestApp();
    publicUrl = app.context.config.publicUrl;
    organizer = await signUp(app.url);
    await organizer.request('/api/communities', {
      method: 'POST',
      body: {
        name: 'Komunitas Bisnis Bali',
        slug: community,
        timeZone: 'Asia/Makassar',
        description: 'Pelaku UMKM Bali berbagi pengalaman.',
      },
    });
    plainIndex = await page('/');
  });
  afterAll(() => app?.stop());

  it('a shared session link shows its title, its time in WITA in Indonesian, and its picture', async () => {
    const session = await schedule({ title: 'Sharing Online #1: Pemasaran lewat WhatsApp' });
    const head = headTags(await page(`/s/${session.slug}`));

    expect(head.title).toBe('Sharing Online #1: Pemasaran lewat WhatsApp · Serambi');
    expect([head.titles, head.descriptions]).toEqual([1, 1]);
    expect(head.og('title')).toBe('Sharing Online #1: Pemasaran lewat WhatsApp');
    expect(head.og('description')).toBe('Minggu, 6 Juni 2027 · 20.00–21.30 WITA · Sesi online Komunitas Bisnis Bali.');
    expect(head.description).toBe(head.og('description'));
    expect(head.og('url')).toBe(`${publicUrl}/s/${session.slug}`);
    expect(head.og('type')).toBe('website');
    expect(head.og('locale')).toBe('id_ID');
    expect(head.og('image')).toMatch(
      new RegExp(`^${publicUrl}/api/sessions/${session.slug}/preview\\.png\\?lang=id&v=`),
    );
    expect([head.og('image:width'), head.og('image:height')]).toEqual(['1200', '630']);
    expect(head.twitterCard).toBe('summary_large_image');

    const picture = await fetchPublic(head.og('image') ?? '');
    expect(picture.headers.get('content-type')).toBe('image/png');
    expect(pngSize(Buffer.from(await picture.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
  });

  it('speaks English to a reader who asks for it', async () => {
    const session = await schedule({ title: 'Sharing Online #2' });
    const head = headTags(await page(`/s/${session.slug}`, { 'Accept-Language': 'en-US,en;q=0.9' }));
    expect(head.og('description')).toBe(
      'Sunday, 6 June 2027 · 8:00–9:30 PM WITA · Online session by Komunitas Bisnis Bali.',
    );
    expect(head.og('locale')).toBe('en_GB');
    expect(head.og('image')).toContain('lang=en');
  });

  it('a title that tries to close the tag stays text', async () => {
    const title = '"><script>alert(1)</script> $& $1';
    const session = await schedule({ title });
    const html = await page(`/s/${session.slug}`);
    expect(html).not.toContain('<script>alert(1)');
    expect(headTags(html).og('title')).toBe(title);
    expect(headTags(html).title).toBe(`${title} · Serambi`);
  });

  it('keeps the app: the same scripts and styles as every other page', async () => {
    const session = await schedule({ title: 'Sharing Online #3' });
    const html = await page(`/s/${session.slug}`);
    const assets = (text: string) => text.match(/<(script|link)[^>]+(src|href)="\/assets\/[^"]+"[^>]*>/g);
    expect(assets(html)).toEqual(assets(plainIndex));
    expect(assets(html)?.length).toBeGreaterThan(0);
    expect(html).toContain('<div id="root"></div>');
  });

  it('private and draft sessions, and unknown addresses, get the plain page', async () => {
    const hidden = await schedule({ title: 'Rapat pengurus', visibility: 'private' });
    const draft = await schedule({ title: 'Masih draf', status: 'draft' });
    for (const path of [
      `/s/${hidden.slug}`,
      `/s/${draft.slug}`,
      '/s/tidak-ada',
      '/c/tidak-ada',
      `/series/${crypto.randomUUID()}`,
    ]) {
      expect(await page(path)).toBe(plainIndex);
    }
  });

  it('a community link names the community and its next session by the server’s clock, with that session’s picture', async () => {
    const slug = await aCommunity(`bisnis-bali-berikutnya-${crypto.randomUUID().slice(0, 8)}`);
    await schedule({ title: 'Kemarin', startsAt: daysFromToday(-1).toISOString() }, slug);
    const cancelled = await schedule({ title: 'Batal besok', startsAt: daysFromToday(1).toISOString() }, slug);
    await organizer.request(`/api/sessions/${cancelled.slug}`, { method: 'PATCH', body: { status: 'cancelled' } });
    const next = await schedule({ title: 'Tiga hari lagi', startsAt: daysFromToday(3).toISOString() }, slug);
    await schedule({ title: 'Sepuluh hari lagi', startsAt: daysFromToday(10).toISOString() }, slug);

    const head = headTags(await page(`/c/${slug}`));
    expect(head.og('title')).toBe('Komunitas Bisnis Bali');
    expect(head.og('description')).toBe(
      `Sesi berikutnya: Tiga hari lagi, ${witaText(next)}. Pelaku UMKM Bali berbagi.`,
    );
    expect(head.og('url')).toBe(`${publicUrl}/c/${slug}`);
    expect(head.og('image')).toContain(`/api/sessions/${next.slug}/preview.png?`);
  });

  it('a series link counts its sessions and names the next one by the server’s clock', async () => {
    // Weekly from 15 days ago: #1 to #3 are over (#3 ended last night at 21.30 WITA), #4 is next.
    const created = await organizer.request(`/api/communities/${community}/series`, {
      method: 'POST',
      body: {
        title: 'Sharing Online',
        schedule: {
          firstDate: makassarDate(-15),
          startTime: '20:00',
          timeZone: 'Asia/Makassar',
          rule: { kind: 'weekly' },
          end: { kind: 'count', count: 6 },
        },
      },
    });
    expect(created.status).toBe(201);
    const series = (await created.json()) as { id: string; sessions: Array<{ slug: string; startsAt: string }> };
    const fourth = series.sessions[3];
    if (!fourth) throw new Error('the series has no fourth session');
    const head = headTags(await page(`/series/${series.id}`));
    expect(head.og('title')).toBe('Sharing Online');
    expect(head.og('description')).toBe(
      `6 sesi oleh Komunitas Bisnis Bali. Sesi berikutnya: Sharing Online #4, ${witaText(fourth)}.`,
    );
    expect(head.og('image')).toContain(`/api/sessions/${fourth.slug}/preview.png?`);
  });

  it('the picture is a 1200×630 PNG, cacheable for an hour, and a new address once the session moves', async () => {
    const session = await schedule({ title: 'Sharing Online #4' });
    const response = await anonymous(app.url).request(`/api/sessions/${session.slug}/preview.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(pngSize(Buffer.from(await response.arrayBuffer()))).toEqual({ width: 1200, height: 630 });

    const before = headTags(await page(`/s/${session.slug}`)).og('image');
    await organizer.request(`/api/sessions/${session.slug}`, {
      method: 'PATCH',
      body: { startsAt: '2027-06-06T13:00:00Z' },
    });
    const after = headTags(await page(`/s/${session.slug}`)).og('image');
    expect(after).not.toBe(before);
  });

  it('a private session’s picture is 404 to strangers', async () => {
    const hidden = await schedule({ title: 'Rapat pengurus', visibility: 'private' });
    const path = `/api/sessions/${hidden.slug}/preview.png`;
    expect((await anonymous(app.url).request(path)).status).toBe(404);
    expect((await (await signUp(app.url)).request(path)).status).toBe(404);
    const own = await organizer.request(path);
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('private, max-age=3600');
  });
});
