import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Caller, signUpConfirmed } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newPageSignedIn } from '../support/browser.ts';
import { aRoomSetup } from '../support/room.ts';

const shots = path.join(os.tmpdir(), 'serambi-journeys');

/** A page signed in as `caller`, in Indonesian. */
const signedInPage = (browser: Browser, app: TestApp, caller: Caller, viewport?: { width: number; height: number }) =>
  newPageSignedIn(browser, app.url, caller.cookie, { locale: 'id-ID', ...(viewport ? { viewport } : {}) });

const playsAudio = (page: Page) =>
  page.waitForFunction(
    () =>
      [...document.querySelectorAll('audio')].some(
        (a) => !a.paused && a.currentTime > 0.3 && a.srcObject instanceof MediaStream,
      ),
    undefined,
    { timeout: 20_000 },
  );

describe('entering a private session through the lobby', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });

  it('waits in the lobby until a moderator lets them in, then sees and hears the stage', async () => {
    const { owner, session } = await aRoomSetup(app, { visibility: 'private' });
    const guest = await signUpConfirmed(app, { name: 'Wayan Sudarma' });

    const moderatorPage = await signedInPage(browser, app, owner);
    await moderatorPage.goto(`${app.url}/live/${session.slug}`);
    await moderatorPage.getByTestId('enter-room').click();
    await moderatorPage.getByTestId('go-live').click();
    await moderatorPage.getByTestId('stage').waitFor({ timeout: 20_000 });

    const guestPage = await signedInPage(browser, app, guest, { width: 390, height: 844 });
    await guestPage.goto(`${app.url}/live/${session.slug}`);
    await guestPage.getByTestId('lobby-waiting').waitFor();
    await guestPage.screenshot({ path: path.join(shots, 'room-lobby-phone-id.png') });

    await moderatorPage.getByTestId('console-tab-lobby').click();
    const entry = moderatorPage.getByTestId('lobby-entry').filter({ hasText: 'Wayan Sudarma' });
    await entry.waitFor();
    await moderatorPage.screenshot({ path: path.join(shots, 'room-console-lobby-desktop-id.png') });
    await entry.getByTestId('admit').click();

    // Admitted: the stage appears within the lobby's polling interval, with the speaker's sound.
    await guestPage.getByTestId('stage').waitFor({ timeout: 20_000 });
    await playsAudio(guestPage);
    await guestPage.screenshot({ path: path.join(shots, 'room-admitted-phone-id.png') });
  }, 120_000);
});
