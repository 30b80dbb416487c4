/**
 * Screenshots of the main pages for a look by eye, written to /tmp/serambi-shots/.
 *
 *   pnpm --filter @serambi/web build && pnpm start          # or any running Serambi
 *   node --import tsx web/scripts/screenshots.ts http://127.0.0.1:3000
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, newPage } from '../../test/support/browser.ts';

const baseUrl = process.argv[2] ?? process.env.SERAMBI_URL ?? 'http://127.0.0.1:3000';
const outDir = '/tmp/serambi-shots';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

interface Shot {
  name: string;
  path: string;
  locale: string;
  viewport: { width: number; height: number };
  /** Chromium flags for this shot, e.g. to refuse camera access. */
  extraArgs?: string[];
  /** Whether the page should end up with a working camera and microphone. */
  expectMedia?: boolean;
}

const shots: Shot[] = [
  { name: 'home-desktop-en', path: '/', locale: 'en-US', viewport: DESKTOP },
  { name: 'home-desktop-id', path: '/', locale: 'id-ID', viewport: DESKTOP },
  { name: 'home-phone-id', path: '/', locale: 'id-ID', viewport: PHONE },
  { name: 'home-phone-360-en', path: '/', locale: 'en-US', viewport: { width: 360, height: 780 } },
  { name: 'check-desktop-en', path: '/check', locale: 'en-US', viewport: DESKTOP, expectMedia: true },
  { name: 'check-phone-id', path: '/check', locale: 'id-ID', viewport: PHONE, expectMedia: true },
  {
    name: 'check-denied-phone-en',
    path: '/check',
    locale: 'en-US',
    viewport: PHONE,
    extraArgs: ['--use-fake-ui-for-media-stream=deny'],
  },
  {
    name: 'check-no-camera-desktop-id',
    path: '/check',
    locale: 'id-ID',
    viewport: DESKTOP,
    extraArgs: ['--use-fake-device-for-media-stream=device-count=0'],
  },
  { name: 'not-found-desktop-id', path: '/no-such-page', locale: 'id-ID', viewport: DESKTOP },
];

mkdirSync(outDir, { recursive: true });
for (const shot of shots) {
  const browser = await launchBrowser({ extraArgs: shot.extraArgs });
  try {
    const page = await newPage(browser, { locale: shot.locale, viewport: shot.viewport });
    await page.goto(new URL(shot.path, baseUrl).href);
    await page.locator('h1').waitFor();
    if (shot.path === '/') {
      await page.locator('[data-testid="health-status"]:not([data-status="checking"])').waitFor();
    }
    if (shot.expectMedia) {
      await page.waitForFunction(() => (document.querySelector('video')?.videoWidth ?? 0) > 0);
      // The fake microphone beeps about once a second; wait for a beep so the meter shows a level.
      await page.waitForFunction(
        () => Number(document.querySelector('[role="meter"]')?.getAttribute('aria-valuenow')) > 30,
      );
    } else if (shot.path === '/check') {
      await page.locator('[role="alert"]').first().waitFor();
    }
    const file = path.join(outDir, `${shot.name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  } finally {
    await browser.close();
  }
}
