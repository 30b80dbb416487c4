import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newLivePage } from '../support/browser.ts';
import { aPdf } from '../support/materials.ts';
import { aRegistrant, aRoomSetup } from '../support/room.ts';

/** Where the journey leaves its screenshots, to be looked at. */
const shots = process.env.SHOTS_DIR ?? '/tmp/shots';

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };
type Look = { viewport: typeof phone; locale: 'id-ID' | 'en-US'; name: string };
const LOOKS: Look[] = [
  { viewport: phone, locale: 'id-ID', name: 'phone-id' },
  { viewport: phone, locale: 'en-US', name: 'phone-en' },
  { viewport: desktop, locale: 'id-ID', name: 'desktop-id' },
  { viewport: desktop, locale: 'en-US', name: 'desktop-en' },
];

const pageAs = (browser: Browser, app: TestApp, caller: Caller | null, look: Look) =>
  newLivePage(browser, app.url, caller?.cookie ?? null, { locale: look.locale, viewport: look.viewport });

const shoot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });

describe('slides shared in the room', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });

  it('an organizer attaches a PDF, a moderator pins it, and a registrant in the room downloads it from the notice', async () => {
    const { owner, community, session } = await aRoomSetup(app);
    const secret = await aRegistrant(app, owner, session.slug, 'Budi Santoso');
    const slides = aPdf(40_000);

    const organizerPage = await pageAs(browser, app, owner, LOOKS[3] as Look);
    const budiPage = await pageAs(browser, app, null, LOOKS[0] as Look);
    const pages = { organizer: organizerPage, budi: budiPage };
    try {
      await theJourney();
    } catch (error) {
      for (const [who, page] of Object.entries(pages)) await shoot(page, `failed-materi-${who}`).catch(() => undefined);
      throw error;
    }

    async function theJourney() {
      // Before the session, the organizer attaches the slides on the session's manage page.
      await organizerPage.goto(`${app.url}/manage/${community.slug}/sessions/${session.slug}`);
      const upload = organizerPage.getByTestId('material-upload');
      await upload.getByLabel('File to attach').setInputFiles({
        name: 'Bincang Usaha — salindia.pdf',
        mimeType: 'application/pdf',
        buffer: slides,
      });
      await upload.getByTestId('material-submit').click();
      const item = organizerPage.getByTestId('material').filter({ hasText: 'Bincang Usaha — salindia.pdf' });
      await item.waitFor();
      await expect(organizerPage.getByTestId('materials-usage').textContent()).resolves.toBe(
        'Community files: 40 KB of 2 GB used.',
      );
      await upload.scrollIntoViewIfNeeded();
      await shoot(organizerPage, 'upload-desktop-en');

      // Live: the organizer moderates from the room; Budi comes in with his personal link, on his phone.
      await organizerPage.goto(`${app.url}/live/${session.slug}`);
      await organizerPage.getByTestId('enter-room').click();
      await organizerPage.getByTestId('backstage').waitFor();
      await organizerPage.getByTestId('go-live').click();
      await organizerPage.getByTestId('stage').waitFor({ timeout: 20_000 });
      await budiPage.goto(`${app.url}/j/${secret}/live`);
      await budiPage.getByTestId('stage').waitFor({ timeout: 20_000 });
      expect(await budiPage.getByTestId('material-notice').count()).toBe(0);

      // The moderator pins the slides from the Materials tab.
      await organizerPage.getByTestId('room-tab-materials').click();
      const panel = organizerPage.getByTestId('room-panel-materials');
      await panel.getByTestId('material-pin').click();
      await panel.getByTestId('material-unpin').waitFor();

      // Budi sees "Materi tersedia" over the stage and downloads the very file.
      const notice = budiPage.getByTestId('material-notice');
      await notice.waitFor({ timeout: 15_000 });
      await expect(notice.textContent()).resolves.toContain('Materi tersedia');
      await expect(notice.textContent()).resolves.toContain('Bincang Usaha — salindia.pdf');
      await shoot(budiPage, 'room-notice-phone-id');
      await shoot(organizerPage, 'room-panel-desktop-en');
      const [download] = await Promise.all([
        budiPage.waitForEvent('download'),
        notice.getByTestId('material-notice-download').click(),
      ]);
      expect(download.suggestedFilename()).toBe('Bincang Usaha — salindia.pdf');
      const saved = await download.path();
      expect((await readFile(saved)).equals(slides)).toBe(true);

      // His Materials tab lists it too, pinned.
      await budiPage.getByTestId('room-tab-materials').click();
      await budiPage.getByTestId('room-panel-materials').getByTestId('material').waitFor();
      await shoot(budiPage, 'room-panel-phone-id');

      // The same room in the other language, on each screen, to be looked at.
      await budiPage.getByTestId('room-tab-stage').click();
      await budiPage.getByTestId('language-switcher').selectOption('en');
      await budiPage.getByTestId('material-notice').filter({ hasText: 'Materials available' }).waitFor();
      await shoot(budiPage, 'room-notice-phone-en');
      await organizerPage.getByTestId('language-switcher').selectOption('id');
      await organizerPage.getByTestId('material-notice').filter({ hasText: 'Materi tersedia' }).waitFor();
      await shoot(organizerPage, 'room-panel-desktop-id');

      // And his personal page keeps the list.
      const personal = await pageAs(browser, app, null, LOOKS[0] as Look);
      await personal.goto(`${app.url}/j/${secret}`);
      await personal.getByTestId('materials').getByTestId('material').waitFor();
      await personal.getByTestId('materials').scrollIntoViewIfNeeded();
      await shoot(personal, 'personal-page-phone-id');
      await personal.context().close();
    }

    // The pages as the other languages and screens show them, to be looked at.
    for (const look of LOOKS) {
      const personal = await pageAs(browser, app, null, look);
      await personal.goto(`${app.url}/j/${secret}`);
      await personal.getByTestId('materials').getByTestId('material').waitFor();
      await personal.getByTestId('materials').scrollIntoViewIfNeeded();
      await shoot(personal, `personal-page-${look.name}`);
      await personal.context().close();
      const manage = await pageAs(browser, app, owner, look);
      await manage.goto(`${app.url}/manage/${community.slug}/sessions/${session.slug}`);
      await manage.getByTestId('material-upload').scrollIntoViewIfNeeded();
      await shoot(manage, `upload-${look.name}`);
      await manage.context().close();
    }
  }, 180_000);
});
