import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newLivePage } from '../support/browser.ts';
import { aRoomSetup, aSessionModerator, aSpeaker } from '../support/room.ts';
import { probeLiveStream, type RtmpServer, startRtmpServer } from '../support/rtmp.ts';

/** Where the journey leaves its screenshots, to be looked at. */
const shots = process.env.SHOTS_DIR ?? '/tmp/shots';

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const KEY = 'serambi-uji-kunci-9f3a';

/** Screenshots of `part` at a desktop's and a phone's width, named `<name>-desktop|phone-<lang>`. */
async function shootBothWidths(page: Page, part: Locator, name: string, lang: 'en' | 'id') {
  const original = page.viewportSize() ?? desktop;
  for (const [width, size] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    await page.setViewportSize(size);
    // In the room at a phone's width the console is a tab of its own.
    const consoleTab = page.getByTestId('room-tab-console');
    if (await consoleTab.isVisible()) await consoleTab.click();
    await part.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `${name}-${width}-${lang}.png`) });
  }
  await page.setViewportSize(original);
}

describe('streaming a session to YouTube or any RTMP server', () => {
  let app: TestApp;
  let browser: Browser;
  let rtmp: RtmpServer;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [app, browser, rtmp] = await Promise.all([startTestApp(), launchBrowser(), startRtmpServer()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop(), rtmp?.dispose()]);
  });

  it('the organizer saves the RTMP address and key, the moderator starts the stream from the console, and the RTMP server receives the stage', async () => {
    const { owner, community, session } = await aRoomSetup(app);
    const speaker = await aSpeaker(app, session.id);
    const moderator = await aSessionModerator(app, session.id);
    const organizerPage = await newLivePage(browser, app.url, owner.cookie, { locale: 'en-US', viewport: desktop });
    const speakerPage = await newLivePage(browser, app.url, speaker.cookie, { locale: 'en-US', viewport: desktop });
    const moderatorPage = await newLivePage(browser, app.url, moderator.caller.cookie, {
      locale: 'id-ID',
      viewport: phone,
    });
    const pages = { organizer: organizerPage, speaker: speakerPage, moderator: moderatorPage };
    try {
      await theJourney();
    } catch (error) {
      for (const [who, page] of Object.entries(pages)) {
        await page.screenshot({ path: path.join(shots, `failed-live-stream-${who}.png`) }).catch(() => undefined);
      }
      throw error;
    }

    async function theJourney() {
      // The organizer pastes what YouTube Studio shows; the key is never shown again, only its end.
      await organizerPage.goto(`${app.url}/manage/${community.slug}/sessions/${session.slug}`);
      const panel = organizerPage.getByTestId('stream-destination');
      await panel.getByTestId('stream-address').fill('https://youtube.com/live');
      await panel.getByTestId('stream-key').fill(KEY);
      await panel.getByTestId('stream-save').click();
      await expect(panel.locator('.field__error').first().textContent()).resolves.toContain('rtmp://');
      await panel.getByTestId('stream-address').fill(rtmp.address);
      await panel.getByTestId('stream-save').click();
      await panel.getByTestId('stream-key-saved').filter({ hasText: '9f3a' }).waitFor();
      await expect(panel.getByTestId('stream-key').inputValue()).resolves.toBe('');
      await expect(panel.textContent()).resolves.not.toContain(KEY);
      await shootBothWidths(organizerPage, panel, 'stream-destination', 'en');
      const organizerInIndonesian = await newLivePage(browser, app.url, owner.cookie, {
        locale: 'id-ID',
        viewport: desktop,
      });
      await organizerInIndonesian.goto(`${app.url}/manage/${community.slug}/sessions/${session.slug}`);
      const panelId = organizerInIndonesian.getByTestId('stream-destination');
      await panelId.getByTestId('stream-key-saved').waitFor();
      await shootBothWidths(organizerInIndonesian, panelId, 'stream-destination', 'id');
      await organizerInIndonesian.close();

      // The team goes live with the speaker's fake camera and microphone on stage.
      for (const page of [organizerPage, speakerPage, moderatorPage]) {
        await page.goto(`${app.url}/live/${session.slug}`);
        await page.getByTestId('enter-room').click();
        await page.getByTestId('backstage').waitFor();
      }
      await organizerPage.locator('[data-testid="stream-start"][aria-disabled="true"]').waitFor();
      await organizerPage.getByTestId('go-live').click();
      await organizerPage.getByTestId('stage').waitFor({ timeout: 20_000 });

      // The moderator (in Indonesian, on a phone: the console is a tab there) starts the stream;
      // every moderator sees it go live.
      // Going live moves each page from the backstage's connection to the stage's, which draws the
      // room anew (its tabs back at the first): the moderator's page is on the stage before the tab is chosen.
      await moderatorPage.getByTestId('stage').waitFor({ timeout: 20_000 });
      await moderatorPage.getByTestId('room-tab-console').click();
      await moderatorPage.getByTestId('stream-start').click();
      for (const page of [moderatorPage, organizerPage]) {
        await page.locator('[data-testid="stream-state"][data-state="live"]').waitFor({ timeout: 45_000 });
      }
      await expect(moderatorPage.getByTestId('stream-state').textContent()).resolves.toContain('Tayang di 127.0.0.1');
      await expect(organizerPage.getByTestId('stream-state').textContent()).resolves.toContain('Live on 127.0.0.1');

      // What the RTMP server receives is the stage: H.264 at 1280×720 and AAC, and it goes on.
      const first = await probeLiveStream(rtmp.playUrl(KEY));
      expect(first.streams.find((s) => s.codecType === 'video')).toMatchObject({
        codecName: 'h264',
        width: 1280,
        height: 720,
      });
      expect(first.streams.find((s) => s.codecType === 'audio')?.codecName).toBe('aac');
      const second = await probeLiveStream(rtmp.playUrl(KEY));
      expect(second.videoTime).toBeGreaterThan(first.videoTime);

      await shootBothWidths(organizerPage, organizerPage.getByTestId('stream-controls'), 'stream-console', 'en');
      await shootBothWidths(moderatorPage, moderatorPage.getByTestId('stream-controls'), 'stream-console', 'id');

      // Stopping asks first, then the state says so.
      await organizerPage.getByTestId('stream-stop').click();
      await organizerPage.getByRole('dialog').getByRole('button', { name: 'Yes, stop streaming' }).click();
      await moderatorPage.locator('[data-testid="stream-state"][data-state="stopped"]').waitFor({ timeout: 20_000 });
      await organizerPage.getByTestId('stream-start').waitFor();
    }
  }, 240_000);
});
