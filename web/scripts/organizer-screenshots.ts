/**
 * Screenshots of the organizer and public pages (community, session, dashboard, editor, …) at
 * phone and desktop width, for a look by eye. Seeds its own community through the API first.
 * Written to /tmp/serambi-shots/organizer/.
 *
 *   pnpm --filter @serambi/web build && pnpm start          # or any running Serambi without SMTP_URL
 *   node --import tsx web/scripts/organizer-screenshots.ts http://localhost:3000
 *
 * Use the address PUBLIC_URL names (localhost, not 127.0.0.1): better-auth checks the origin.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, newPage } from '../../test/support/browser.ts';
import { createDemoCommunity } from './demo-community.ts';

type Page = Awaited<ReturnType<typeof newPage>>;

const baseUrl = process.argv[2] ?? process.env.SERAMBI_URL ?? 'http://localhost:3000';
const outDir = '/tmp/serambi-shots/organizer';
const only = process.argv[3];

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 360, height: 780 };

interface Shot {
  name: string;
  path: string;
  locale: string;
  viewport: { width: number; height: number };
  signedIn?: boolean;
  timezoneId?: string;
  /** Waits for what makes the page worth a picture. */
  ready?: (page: Page) => Promise<void>;
  fullPage?: boolean;
}

const demo = await createDemoCommunity(baseUrl);
const { slug, session } = demo;
console.log(`community /c/${slug}, session /s/${session.slug}, join ${demo.joinPath ?? '(no outbox)'}`);

const heading = (page: Page) => page.locator('h1').first().waitFor();
const shots: Shot[] = [
  { name: 'home-signed-out-phone-id', path: '/', locale: 'id-ID', viewport: PHONE },
  { name: 'signup-phone-en', path: '/signup?next=/new', locale: 'en-US', viewport: PHONE },
  { name: 'new-community-desktop-id', path: '/new', locale: 'id-ID', viewport: DESKTOP, signedIn: true },
  { name: 'community-phone-id', path: `/c/${slug}`, locale: 'id-ID', viewport: PHONE },
  { name: 'community-desktop-en', path: `/c/${slug}`, locale: 'en-US', viewport: DESKTOP },
  {
    name: 'session-phone-id',
    path: `/s/${session.slug}`,
    locale: 'id-ID',
    viewport: PHONE,
    timezoneId: 'Asia/Jakarta',
  },
  {
    name: 'session-desktop-en-berlin',
    path: `/s/${session.slug}`,
    locale: 'en-US',
    viewport: DESKTOP,
    timezoneId: 'Europe/Berlin',
  },
  {
    name: 'session-360-en',
    path: `/s/${session.slug}`,
    locale: 'en-US',
    viewport: NARROW,
    timezoneId: 'America/New_York',
  },
  { name: 'dashboard-360-en', path: `/manage/${slug}`, locale: 'en-US', viewport: NARROW, signedIn: true },
  { name: 'dashboard-phone-id', path: `/manage/${slug}`, locale: 'id-ID', viewport: PHONE, signedIn: true },
  { name: 'dashboard-desktop-en', path: `/manage/${slug}`, locale: 'en-US', viewport: DESKTOP, signedIn: true },
  {
    name: 'editor-new-phone-id',
    path: `/manage/${slug}/sessions/new`,
    locale: 'id-ID',
    viewport: PHONE,
    signedIn: true,
  },
  {
    name: 'editor-existing-desktop-en',
    path: `/manage/${slug}/sessions/${session.slug}`,
    locale: 'en-US',
    viewport: DESKTOP,
    signedIn: true,
  },
  {
    name: 'registrants-phone-en',
    path: `/manage/${slug}/sessions/${session.slug}/registrants`,
    locale: 'en-US',
    viewport: PHONE,
    signedIn: true,
    ready: (page) => page.locator('table').waitFor(),
  },
  {
    name: 'registrants-desktop-id',
    path: `/manage/${slug}/sessions/${session.slug}/registrants`,
    locale: 'id-ID',
    viewport: DESKTOP,
    signedIn: true,
    ready: (page) => page.locator('table').waitFor(),
  },
  { name: 'series-phone-id', path: `/series/${demo.seriesId}`, locale: 'id-ID', viewport: PHONE },
  { name: 'series-desktop-en', path: `/series/${demo.seriesId}`, locale: 'en-US', viewport: DESKTOP },
  { name: 'home-signed-in-desktop-en', path: '/', locale: 'en-US', viewport: DESKTOP, signedIn: true },
  {
    name: 'series-new-desktop-id',
    path: `/manage/${slug}/series/new`,
    locale: 'id-ID',
    viewport: DESKTOP,
    signedIn: true,
  },
  { name: 'series-new-phone-en', path: `/manage/${slug}/series/new`, locale: 'en-US', viewport: PHONE, signedIn: true },
];
if (demo.joinPath) {
  shots.push(
    { name: 'my-registration-phone-id', path: demo.joinPath, locale: 'id-ID', viewport: PHONE },
    {
      name: 'my-registration-cancel-desktop-en',
      path: `${demo.joinPath}?cancel=1`,
      locale: 'en-US',
      viewport: DESKTOP,
      fullPage: false,
    },
  );
}

mkdirSync(outDir, { recursive: true });
const browser = await launchBrowser();
try {
  for (const shot of shots.filter((s) => !only || s.name.includes(only))) {
    const page = await newPage(browser, { locale: shot.locale, viewport: shot.viewport, timezoneId: shot.timezoneId });
    try {
      if (shot.signedIn) {
        await page
          .context()
          .addCookies(demo.cookieValues.map(({ name, value }) => ({ name, value, url: new URL(baseUrl).origin })));
      }
      await page.goto(new URL(shot.path, baseUrl).href);
      await heading(page);
      await (shot.ready?.(page) ?? page.waitForLoadState('networkidle'));
      const file = path.join(outDir, `${shot.name}.png`);
      await page.screenshot({ path: file, fullPage: shot.fullPage ?? true });
      console.log(file);
    } finally {
      await page.context().close();
    }
  }
} finally {
  await browser.close();
}
