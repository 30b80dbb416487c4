import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newLivePage } from '../support/browser.ts';
import { ask } from '../support/qa.ts';
import { aRegistrant, aRoomSetup, aSpeaker, joinRoom } from '../support/room.ts';

/** Where the journey leaves its screenshots, to be looked at. */
const shots = process.env.SHOTS_DIR ?? '/tmp/shots';

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A page signed in as `caller` (or nobody), in English or Indonesian. */
const pageAs = (
  browser: Browser,
  app: TestApp,
  caller: Caller | null,
  options: { locale: 'en-US' | 'id-ID'; viewport: { width: number; height: number } },
) => newLivePage(browser, app.url, caller?.cookie ?? null, options);

/** Screenshots of what `page` shows at a desktop's and a phone's width, named `<name>-desktop|phone-<lang>`. */
async function shootBothWidths(page: Page, name: string, lang: 'en' | 'id', fullPage = false) {
  const original = page.viewportSize() ?? desktop;
  for (const [width, size] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    await page.setViewportSize(size);
    await sleep(300);
    await page.screenshot({ path: path.join(shots, `${name}-${width}-${lang}.png`), fullPage });
  }
  await page.setViewportSize(original);
}

/** The replay's video, as the page reports it. */
const videoState = (page: Page) =>
  page.getByTestId('replay-video').evaluate((video: HTMLVideoElement) => ({
    readyState: video.readyState,
    currentTime: video.currentTime,
    paused: video.paused,
    duration: video.duration,
  }));

describe('recording a session and watching its replay', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });

  it('the moderator records the stage while a question is answered; the replay plays and its chapter jumps to the question', async () => {
    const { owner, community, session } = await aRoomSetup(app);
    const speaker = await aSpeaker(app, session.id);
    const budiSecret = await aRegistrant(app, owner, session.slug, 'Budi Santoso');
    const aniSecret = await aRegistrant(app, owner, session.slug, 'Ani Wijaya');

    const moderatorPage = await pageAs(browser, app, owner, { locale: 'en-US', viewport: desktop });
    const speakerPage = await pageAs(browser, app, speaker, { locale: 'en-US', viewport: desktop });
    const budiPage = await pageAs(browser, app, null, { locale: 'id-ID', viewport: phone });
    const pages = { moderator: moderatorPage, speaker: speakerPage, budi: budiPage };
    try {
      await theJourney();
    } catch (error) {
      for (const [who, page] of Object.entries(pages)) {
        await page.screenshot({ path: path.join(shots, `failed-recording-${who}.png`) }).catch(() => undefined);
      }
      throw error;
    }

    async function theJourney() {
      // The team goes live with the speaker's fake camera and microphone on stage; Budi watches on his phone.
      for (const page of [moderatorPage, speakerPage]) {
        await page.goto(`${app.url}/live/${session.slug}`);
        await page.getByTestId('enter-room').click();
        await page.getByTestId('backstage').waitFor();
      }
      // Not live yet: the moderator's Record button says why it waits.
      await moderatorPage.locator('[data-testid="recording-start"][aria-disabled="true"]').waitFor();
      await moderatorPage.getByTestId('go-live').click();
      await moderatorPage.getByTestId('stage').waitFor({ timeout: 20_000 });
      await budiPage.goto(`${app.url}/j/${budiSecret}/live`);
      await budiPage.getByTestId('stage').waitFor({ timeout: 20_000 });
      await expect(budiPage.getByTestId('recording-indicator').count()).resolves.toBe(0);

      // The moderator records: everyone sees the red mark, and screen readers hear it.
      await moderatorPage.getByTestId('recording-start').click();
      for (const page of [moderatorPage, speakerPage, budiPage]) {
        await page.locator('[data-testid="recording-indicator"][data-status="recording"]').waitFor({ timeout: 30_000 });
      }
      await expect(budiPage.getByTestId('recording-indicator').textContent()).resolves.toContain('Merekam');
      await expect(budiPage.getByTestId('recording-announcement').textContent()).resolves.toBe('Perekaman dimulai.');
      const recordingSince = Date.now();
      await shootBothWidths(moderatorPage, 'recording-room', 'en');
      await shootBothWidths(budiPage, 'recording-room', 'id');

      // Ani, in the audience, asks; a few seconds into the recording the moderator pins her question as "now answering".
      const ani = await joinRoom(app, session.slug, { joinSecret: aniSecret });
      const question = 'Bagaimana cara mendapat pelanggan pertama?';
      await ask(ani, question);
      await sleep(Math.max(0, recordingSince + 3_000 - Date.now()));
      await moderatorPage.getByTestId('room-tab-qa').click();
      await moderatorPage.getByTestId('question').filter({ hasText: question }).getByTestId('question-pin').click();
      await moderatorPage.getByTestId('now-answering').filter({ hasText: question }).waitFor();
      const pinnedAt = Date.now();
      const pinnedAfter = (pinnedAt - recordingSince) / 1000;

      // About eight seconds in all and a few after the pin, then stop (after a confirmation) and end the session.
      await sleep(Math.max(recordingSince + 8_000, pinnedAt + 4_000) - Date.now());
      await moderatorPage.getByTestId('room-tab-console').click();
      await moderatorPage.getByTestId('recording-stop').click();
      await moderatorPage.getByRole('dialog').getByRole('button', { name: 'Yes, stop' }).click();
      await budiPage.getByTestId('recording-indicator').waitFor({ state: 'detached', timeout: 30_000 });
      await expect(budiPage.getByTestId('recording-announcement').textContent()).resolves.toBe('Perekaman dihentikan.');
      await moderatorPage.getByTestId('end-session').click();
      await moderatorPage.getByRole('dialog').getByRole('button', { name: 'Yes, end the session' }).click();
      await budiPage.getByTestId('room-ended').waitFor({ timeout: 20_000 });

      // The organizer's panel follows the part from being finished to ready, by itself.
      await moderatorPage.goto(`${app.url}/manage/${community.slug}/sessions/${session.slug}`);
      const part = moderatorPage.getByTestId('recording-item').first();
      await part.waitFor();
      if ((await part.getAttribute('data-status')) === 'processing') {
        await moderatorPage.getByTestId('recording-panel').screenshot({
          path: path.join(shots, 'recording-panel-processing-desktop-en.png'),
        });
      }
      await moderatorPage.locator('[data-testid="recording-item"][data-status="ready"]').waitFor({ timeout: 60_000 });
      await expect(part.getByTestId('recording-download').count()).resolves.toBe(1);
      await shootBothWidths(moderatorPage, 'recording-panel', 'en', true);
      const organizerInIndonesian = await pageAs(browser, app, owner, { locale: 'id-ID', viewport: desktop });
      await organizerInIndonesian.goto(`${app.url}/manage/${community.slug}/sessions/${session.slug}`);
      await organizerInIndonesian.locator('[data-testid="recording-item"][data-status="ready"]').waitFor();
      await shootBothWidths(organizerInIndonesian, 'recording-panel', 'id', true);

      // Budi watches from his personal link: the video plays…
      await budiPage.goto(`${app.url}/j/${budiSecret}`);
      const replay = budiPage.getByTestId('replay');
      await replay.locator('[data-testid="replay-video"]').waitFor();
      await budiPage.getByTestId('replay-video').evaluate((video: HTMLVideoElement) => video.play());
      await budiPage.waitForFunction(
        () => {
          const video = document.querySelector<HTMLVideoElement>('[data-testid="replay-video"]');
          return video !== null && video.readyState >= 2 && video.currentTime > 1;
        },
        undefined,
        { timeout: 20_000 },
      );
      const playing = await videoState(budiPage);
      expect(playing.duration).toBeGreaterThan(5);
      expect(playing.duration).toBeLessThan(20);
      // …and is not an organizer: no download.
      await expect(replay.getByTestId('replay-download').count()).resolves.toBe(0);

      // The chapter is the pinned question, at about the time it was pinned; choosing it jumps there.
      const chapter = replay.getByTestId('replay-chapter').filter({ hasText: question });
      await expect(chapter.count()).resolves.toBe(1);
      const at = Number(await chapter.getAttribute('data-at'));
      expect(at).toBeGreaterThan(pinnedAfter - 4);
      expect(at).toBeLessThan(pinnedAfter + 2);
      await budiPage.getByTestId('replay-video').evaluate((video: HTMLVideoElement) => {
        video.pause();
        video.currentTime = video.duration - 0.5;
      });
      await chapter.click();
      await budiPage.waitForFunction(
        (target) => {
          const video = document.querySelector<HTMLVideoElement>('[data-testid="replay-video"]');
          return video !== null && !video.seeking && Math.abs(video.currentTime - target) < 1;
        },
        at,
        { timeout: 10_000 },
      );
      const jumped = await videoState(budiPage);
      expect(Math.abs(jumped.currentTime - at)).toBeLessThan(1);
      expect(jumped.paused).toBe(false);
      // The list follows the video's timeupdate events, which come after the seek has ended.
      await expect.poll(() => chapter.getAttribute('aria-current'), { timeout: 5_000 }).toBe('true');
      await budiPage.getByTestId('replay-video').evaluate((video: HTMLVideoElement) => video.pause());
      await shootBothWidths(budiPage, 'recording-replay', 'id', true);

      // The organizer sees the same replay on the public page, with a download.
      await moderatorPage.goto(`${app.url}/s/${session.slug}`);
      await moderatorPage.getByTestId('replay').getByTestId('replay-download').waitFor();
      await shootBothWidths(moderatorPage, 'recording-replay', 'en', true);
    }
    console.info(`recording screenshots in ${shots}`);
  }, 240_000);

  it('a session set to record by itself tells the team and the audience before they enter', async () => {
    const { owner, community, session } = await aRoomSetup(app);
    const secret = await aRegistrant(app, owner, session.slug, 'Sari Dewi');

    // The organizer turns on recording by itself and keeps the replay for registrants.
    const organizerPage = await pageAs(browser, app, owner, { locale: 'en-US', viewport: desktop });
    await organizerPage.goto(`${app.url}/manage/${community.slug}/sessions/${session.slug}`);
    const settings = organizerPage.getByTestId('recording-settings');
    await settings.getByLabel('Record automatically when this session goes live').check();
    await settings.getByText('Saved.').waitFor();
    await expect(settings.getByTestId('replay-access-registrants').isChecked()).resolves.toBe(true);

    // The moderator's device check says entering the stage means being recorded.
    await organizerPage.goto(`${app.url}/live/${session.slug}`);
    const notice = organizerPage.getByTestId('device-setup').getByTestId('recording-notice');
    await notice.waitFor();
    await expect(notice.getAttribute('data-for')).resolves.toBe('stage');
    await organizerPage.screenshot({ path: path.join(shots, 'recording-notice-setup-desktop-en.png') });

    // Sari waits for the start on her phone and reads that only the stage is recorded.
    const sariPage = await pageAs(browser, app, null, { locale: 'id-ID', viewport: phone });
    await sariPage.goto(`${app.url}/j/${secret}/live`);
    const waiting = sariPage.getByTestId('waiting-screen');
    await waiting.getByTestId('recording-notice').waitFor({ timeout: 20_000 });
    await expect(waiting.getByTestId('recording-notice').textContent()).resolves.toContain('Sesi ini direkam');
    await sariPage.screenshot({ path: path.join(shots, 'recording-notice-waiting-phone-id.png'), fullPage: true });
  }, 90_000);

  it('without ffmpeg on the server the moderator reads why recording cannot start, and the session goes on', async () => {
    const withoutFfmpeg = await startTestApp({ env: { FFMPEG_PATH: '/nonexistent/ffmpeg' } });
    try {
      const { owner, session } = await aRoomSetup(withoutFfmpeg);
      const moderatorPage = await pageAs(browser, withoutFfmpeg, owner, { locale: 'en-US', viewport: desktop });
      await moderatorPage.goto(`${withoutFfmpeg.url}/live/${session.slug}`);
      await moderatorPage.getByTestId('enter-room').click();
      await moderatorPage.getByTestId('go-live').click();
      await moderatorPage.getByTestId('stage').waitFor({ timeout: 20_000 });

      await moderatorPage.getByTestId('recording-start').click();
      const controls = moderatorPage.getByTestId('recording-controls');
      await controls.getByRole('alert').getByText('Recording needs ffmpeg on the server').waitFor();
      await expect(moderatorPage.getByTestId('recording-indicator').count()).resolves.toBe(0);
      await expect(moderatorPage.getByTestId('stage').isVisible()).resolves.toBe(true);
      await controls.screenshot({ path: path.join(shots, 'recording-ffmpeg-missing-desktop-en.png') });
    } finally {
      await withoutFfmpeg.stop();
    }
  }, 90_000);
});
