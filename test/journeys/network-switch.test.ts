import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newLivePage, untilVideoShows } from '../support/browser.ts';
import { scrapeMetrics, sumOf } from '../support/metrics.ts';
import { aRegistrant, aRoomSetup } from '../support/room.ts';

const STAGE_VIDEO = '[data-testid="stage-tile"] video';

/** Join requests the server has answered so far, whatever their answer. */
async function joinsAnswered(app: TestApp): Promise<number> {
  const samples = await scrapeMetrics(app.url);
  return sumOf(samples, 'serambi_http_requests_total', { method: 'POST', route: '/api/sessions/:ref/room/join' });
}

/** Resolves once the stage's video presents `frames` more frames than it had: the picture moves, not only shows. */
function untilFreshFrames(page: Page, frames = 5): Promise<void> {
  return page.evaluate(
    ([selector, wanted]) =>
      new Promise<void>((resolve) => {
        const video = document.querySelector<HTMLVideoElement>(selector);
        if (!video) throw new Error(`no ${selector}`);
        let seen = 0;
        const next = () =>
          video.requestVideoFrameCallback(() => {
            seen += 1;
            if (seen >= wanted) resolve();
            else next();
          });
        next();
      }),
    [STAGE_VIDEO, frames] as const,
  );
}

describe('a phone that switches networks in the middle of a session', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });

  it('keeps watching: LiveKit resumes on the new network, without a reload and without joining again', async () => {
    const { owner, session } = await aRoomSetup(app);
    const secret = await aRegistrant(app, owner, session.slug, 'Sari Dewi');
    const moderatorPage = await newLivePage(browser, app.url, owner.cookie, { locale: 'en-US' });
    await moderatorPage.goto(`${app.url}/live/${session.slug}`);
    await moderatorPage.getByTestId('enter-room').click();
    await moderatorPage.getByTestId('go-live').click();
    await moderatorPage.getByTestId('stage').waitFor({ timeout: 20_000 });

    const phone = await newLivePage(browser, app.url, null, { locale: 'en-US', viewport: { width: 390, height: 844 } });
    const signalling: string[] = [];
    phone.on('websocket', (socket) => signalling.push(socket.url()));
    let navigations = 0;
    phone.on('framenavigated', (frame) => {
      if (frame === phone.mainFrame()) navigations += 1;
    });
    await phone.goto(`${app.url}/j/${secret}/live`);
    await untilVideoShows(phone, STAGE_VIDEO);
    const joinsBefore = await joinsAnswered(app);
    const navigationsBefore = navigations;
    const socketsBefore = signalling.length;
    // Set in this document: a reload would start a new one without it.
    await phone.evaluate(() => Object.assign(window, { beforeTheSwitch: true }));

    // Wi-Fi gone, then the mobile network: Chromium's own emulation, as DevTools' "Offline".
    const cdp = await phone.context().newCDPSession(phone);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: true,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await phone.waitForFunction(() => navigator.onLine === false);
    // LiveKit answers the browser's "offline" with a request of its own, and takes the network
    // for gone when it fails; one asked after it has failed too once this one has.
    await phone.evaluate(() =>
      fetch('/api/health', { method: 'HEAD' }).then(
        () => {
          throw new Error('a request went through while offline');
        },
        () => undefined,
      ),
    );
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    // LiveKit resumes over a new signalling connection, and the speaker's picture moves again.
    await expect
      .poll(() => signalling.slice(socketsBefore).filter((url) => url.startsWith(app.liveKit.url)).length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    await phone.getByTestId('reconnecting').waitFor({ state: 'detached', timeout: 30_000 });
    await untilFreshFrames(phone);
    await untilVideoShows(phone, STAGE_VIDEO);

    expect(await phone.evaluate(() => (window as { beforeTheSwitch?: boolean }).beforeTheSwitch)).toBe(true);
    expect(navigations).toBe(navigationsBefore);
    expect(await joinsAnswered(app)).toBe(joinsBefore);
  }, 120_000);
});
