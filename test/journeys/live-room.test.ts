import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newPageSignedIn, untilVideoShows } from '../support/browser.ts';
import { aRegistrant, aRoomSetup, aSpeaker } from '../support/room.ts';

/** Where the journey leaves its screenshots, to be looked at (printed at the end). */
const shots = path.join(os.tmpdir(), 'serambi-journeys');

/** A page signed in as `caller` (or nobody), in English. */
const pageAs = (browser: Browser, app: TestApp, caller: Caller | null, viewport?: { width: number; height: number }) =>
  newPageSignedIn(browser, app.url, caller?.cookie ?? null, { locale: 'en-US', ...(viewport ? { viewport } : {}) });

/** Resolves once a stage tile (of `identity`, when given) shows a picture. */
function tileShowsVideo(page: Page, identity?: string) {
  return untilVideoShows(
    page,
    identity ? `[data-testid="stage-tile"][data-identity="${identity}"] video` : '[data-testid="stage-tile"] video',
  );
}

describe('a live session in three browsers', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });

  it('speaker and moderator backstage, go live, a participant sees and hears, is invited on stage, publishes, and is brought down', async () => {
    const { owner, session } = await aRoomSetup(app);
    const speaker = await aSpeaker(app, session.id);
    const secret = await aRegistrant(app, owner, session.slug, 'Budi Santoso');

    const speakerPage = await pageAs(browser, app, speaker);
    const moderatorPage = await pageAs(browser, app, owner);
    const participantPage = await pageAs(browser, app, null, { width: 390, height: 844 });

    const pages = { speaker: speakerPage, moderator: moderatorPage, participant: participantPage };
    try {
      await theJourney();
    } catch (error) {
      // What each person saw when it went wrong.
      for (const [who, page] of Object.entries(pages)) {
        await page.screenshot({ path: path.join(shots, `failed-${who}.png`) }).catch(() => undefined);
      }
      throw error;
    }

    async function theJourney() {
      // Backstage: both check their devices and enter.
      for (const page of [speakerPage, moderatorPage]) {
        await page.goto(`${app.url}/live/${session.slug}`);
        await page.getByTestId('enter-room').click();
        await page.getByTestId('backstage').waitFor();
      }
      await tileShowsVideo(moderatorPage);

      // The participant waits for the session to start.
      await participantPage.goto(`${app.url}/j/${secret}/live`);
      await participantPage.getByTestId('waiting-screen').waitFor();
      await participantPage.screenshot({ path: path.join(shots, 'room-waiting-phone.png') });

      await moderatorPage.getByTestId('go-live').click();
      await participantPage.getByTestId('stage').waitFor({ timeout: 20_000 });
      await tileShowsVideo(participantPage);
      // And hears the speakers: an audio element plays a live track.
      await participantPage.waitForFunction(
        () =>
          [...document.querySelectorAll('audio')].some(
            (a) =>
              !a.paused &&
              a.currentTime > 0.3 &&
              a.srcObject instanceof MediaStream &&
              a.srcObject.getAudioTracks().some((t) => t.readyState === 'live'),
          ),
        undefined,
        { timeout: 20_000 },
      );
      await participantPage.screenshot({ path: path.join(shots, 'room-stage-phone.png') });

      // Raise a hand; the moderator invites from the queue; the participant accepts after the device check.
      await participantPage.getByTestId('raise-hand').click();
      await moderatorPage.getByTestId('console-tab-hands').click();
      const hand = moderatorPage.getByTestId('hand-entry').filter({ hasText: 'Budi Santoso' });
      await hand.waitFor();
      const identity = (await hand.getAttribute('data-identity')) ?? '';
      expect(identity).toMatch(/^r_/);
      await moderatorPage.screenshot({ path: path.join(shots, 'room-console-desktop.png') });
      await hand.getByTestId('invite-to-stage').click();

      await participantPage.getByTestId('stage-invitation').waitFor();
      await participantPage.getByTestId('accept-invitation').click();
      await tileShowsVideo(moderatorPage, identity);
      await tileShowsVideo(speakerPage, identity);
      await moderatorPage.screenshot({ path: path.join(shots, 'room-stage-with-guest-desktop.png') });

      // The moderator brings the guest down: their tile goes, they are back in the audience.
      await moderatorPage.getByTestId('console-tab-stage').click();
      await moderatorPage
        .locator(`[data-testid="stage-person"][data-identity="${identity}"]`)
        .getByTestId('remove-from-stage')
        .click();
      await moderatorPage
        .locator(`[data-testid="stage-tile"][data-identity="${identity}"]`)
        .waitFor({ state: 'detached' });
      await participantPage.getByTestId('raise-hand').waitFor();
      await expect(participantPage.getByTestId('leave-stage').count()).resolves.toBe(0);
    }
    console.info(`room screenshots in ${shots}`);
  }, 120_000);

  it('shows everyone that the room is reconnecting when the media server dies, and brings the stage back when it returns', async () => {
    const { owner, session } = await aRoomSetup(app);
    const secret = await aRegistrant(app, owner, session.slug, 'Sari Dewi');
    const moderatorPage = await pageAs(browser, app, owner);
    const participantPage = await pageAs(browser, app, null, { width: 390, height: 844 });
    await moderatorPage.goto(`${app.url}/live/${session.slug}`);
    await moderatorPage.getByTestId('enter-room').click();
    await moderatorPage.getByTestId('go-live').click();
    await moderatorPage.getByTestId('stage').waitFor({ timeout: 20_000 });
    await participantPage.goto(`${app.url}/j/${secret}/live`);
    await tileShowsVideo(participantPage);

    const crashed = app.liveKitPid;
    if (crashed === undefined) throw new Error('the test app runs no local LiveKit');
    process.kill(crashed, 'SIGKILL');
    await participantPage.getByTestId('reconnecting').waitFor({ timeout: 20_000 });
    await participantPage.screenshot({ path: path.join(shots, 'room-reconnecting-phone.png') });

    // Serambi starts LiveKit again; both browsers join again on their own and the speaker's video is back.
    await participantPage.getByTestId('reconnecting').waitFor({ state: 'detached', timeout: 60_000 });
    await tileShowsVideo(participantPage);
    expect(app.liveKitPid).not.toBe(crashed);
  }, 120_000);
});
