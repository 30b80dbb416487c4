import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, signUpConfirmed } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newPageSignedIn, untilVideoShows } from '../support/browser.ts';
import { aRoomSetup, joinLobby, joinRoom } from '../support/room.ts';

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
    const moderator = await app.context.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, owner.email) });
    if (!moderator) throw new Error('the organizer has an account');

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

    // Admitted: the stage appears within the lobby's polling interval, with the speaker's picture and sound.
    await guestPage.getByTestId('stage').waitFor({ timeout: 20_000 });
    await untilVideoShows(guestPage, `[data-testid="stage-tile"][data-identity="u_${moderator.id}"] video`);
    await playsAudio(guestPage);
    await guestPage.screenshot({ path: path.join(shots, 'room-admitted-phone-id.png') });
  }, 120_000);

  it('is told a moderator turned them away, having seen nothing of the room while waiting', async () => {
    const { owner, session } = await aRoomSetup(app, { visibility: 'private' });
    const stranger = await signUpConfirmed(app, { name: 'Ketut Ditolak' });
    const host = await joinRoom(app, session.slug, { caller: owner });
    expect((await host.call('/live')).status).toBe(204);
    expect((await host.call('/chat', { body: { text: 'Hanya untuk yang sudah masuk' } })).status).toBe(201);

    const strangerPage = await signedInPage(browser, app, stranger, { width: 390, height: 844 });
    await strangerPage.goto(`${app.url}/live/${session.slug}`);
    await strangerPage.getByTestId('lobby-waiting').waitFor();
    const waiting = await joinLobby(app, session.slug, { caller: stranger });
    expect((await host.call(`/participants/${waiting.join.snapshot.me.identity}/deny`)).status).toBe(204);

    // Within the lobby's polling interval, the waiting screen says so; the room never showed.
    await strangerPage.getByTestId('lobby-denied').waitFor({ timeout: 20_000 });
    expect(await strangerPage.getByText('Hanya untuk yang sudah masuk').count()).toBe(0);
    expect(await strangerPage.getByTestId('stage').count()).toBe(0);
  }, 120_000);
});
