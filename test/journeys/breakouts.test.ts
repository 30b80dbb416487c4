import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMovableClock, type MovableClock, startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newLivePage } from '../support/browser.ts';
import { aRegistrant, aRoomSetup } from '../support/room.ts';

/** Where the journey leaves its screenshots, to be looked at (printed at the end). */
const shots = process.env.BREAKOUT_SHOTS_DIR ?? path.join(os.tmpdir(), 'serambi-journeys');
/** The language the three browsers read (JOURNEY_LOCALE=id-ID takes the screenshots in Indonesian). */
const locale = process.env.JOURNEY_LOCALE ?? 'en-US';
const lang = locale.slice(0, 2);
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

/**
 * Counts every RTCPeerConnection the page makes, so the test can read WebRTC's own receive
 * statistics: LiveKit's objects are not reachable from outside the page.
 */
const RECORD_PEER_CONNECTIONS = () => {
  const Original = window.RTCPeerConnection;
  const made: RTCPeerConnection[] = [];
  (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections = made;
  window.RTCPeerConnection = class extends Original {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      made.push(this);
    }
  } as typeof RTCPeerConnection;
};

/** Received audio on the page's open peer connections: bytes and the energy of what was heard. */
function receivedAudio(page: Page) {
  return page.evaluate(async () => {
    let bytes = 0;
    let energy = 0;
    const open = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections.filter(
      (pc) => pc.connectionState !== 'closed',
    );
    for (const pc of open) {
      for (const report of (await pc.getStats()).values()) {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') {
          bytes += report.bytesReceived ?? 0;
          energy += report.totalAudioEnergy ?? 0;
        }
      }
    }
    return { bytes, energy };
  });
}

/**
 * Resolves once the page keeps receiving sound: audio bytes and audio energy (a voice, or the fake
 * microphone's beeps, not silence) both grow on its open connections, and an <audio> element
 * plays a live track.
 */
async function untilHearing(page: Page, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let before = await receivedAudio(page);
  for (;;) {
    await page.waitForTimeout(1_000);
    const after = await receivedAudio(page);
    const playing = await page.evaluate(() =>
      [...document.querySelectorAll('audio')].some(
        (audio) =>
          !audio.paused &&
          audio.currentTime > 0 &&
          audio.srcObject instanceof MediaStream &&
          audio.srcObject.getAudioTracks().some((track) => track.readyState === 'live'),
      ),
    );
    if (playing && after.bytes > before.bytes && after.energy > before.energy) return;
    if (Date.now() > deadline) {
      throw new Error(`no sound heard: audio ${JSON.stringify({ before, after, playing })}`);
    }
    before = after;
  }
}

describe('breakout tables in three browsers', () => {
  let app: TestApp;
  let browser: Browser;
  let clock: MovableClock;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    clock = aMovableClock();
    [app, browser] = await Promise.all([startTestApp({ clock }), launchBrowser()]);
    // Two cores shared with LiveKit and three Chromium pages: starting may take longer than the default.
  }, 120_000);
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });

  it('two participants are placed at one table, talk and hear each other, see the warning and a message, and are back in the main room by themselves, hearing the stage', async () => {
    const { owner, session } = await aRoomSetup(app);
    const budiSecret = await aRegistrant(app, owner, session.slug, 'Budi Santoso');
    const sariSecret = await aRegistrant(app, owner, session.slug, 'Sari Dewi');
    const pageAs = async (cookie: string | null) => {
      const page = await newLivePage(browser, app.url, cookie, { locale, viewport: phone });
      await page.addInitScript(RECORD_PEER_CONNECTIONS);
      return page;
    };
    const moderator = await pageAs(owner.cookie);
    const budi = await pageAs(null);
    const sari = await pageAs(null);
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: path.join(shots, `${name}-${lang}.png`), fullPage: true });
    /** The same screen on a wide window (`focus` scrolled into view: the panels scroll on their own), then back to the phone. */
    const wideShot = async (page: Page, name: string, focus?: string) => {
      await page.setViewportSize(desktop);
      if (focus) await page.getByTestId(focus).scrollIntoViewIfNeeded();
      await shot(page, `${name}-desktop`);
      await page.setViewportSize(phone);
    };

    try {
      await theJourney();
    } catch (error) {
      for (const [who, page] of Object.entries({ moderator, budi, sari })) {
        await page.screenshot({ path: path.join(shots, `failed-breakouts-${who}.png`) }).catch(() => undefined);
      }
      throw error;
    }

    async function theJourney() {
      // The moderator goes live with camera and microphone; both participants see and hear the stage.
      await moderator.goto(`${app.url}/live/${session.slug}`);
      await moderator.getByTestId('enter-room').click();
      await moderator.getByTestId('go-live').click();
      await moderator.getByTestId('stage').waitFor({ timeout: 20_000 });
      for (const [page, secret] of [
        [budi, budiSecret],
        [sari, sariSecret],
      ] as const) {
        await page.goto(`${app.url}/j/${secret}/live`);
        await page.getByTestId('stage').waitFor({ timeout: 20_000 });
        // Marks this page: a reload would lose it.
        await page.evaluate(() => {
          (window as unknown as { samePage: boolean }).samePage = true;
        });
      }
      await untilHearing(budi);

      // The moderator opens two tables for two minutes, placed by hand, and seats both at table 1.
      await moderator.getByTestId('room-tab-console').click();
      await moderator.getByTestId('console-tab-breakouts').click();
      await moderator.getByTestId('breakout-count').fill('2');
      await moderator.getByTestId('breakout-minutes').fill('2');
      await moderator.getByTestId('breakout-assignment-manual').check();
      await shot(moderator, 'console-open-form-phone');
      await wideShot(moderator, 'console-open-form', 'open-tables-form');
      await moderator.getByTestId('open-tables').click();
      await moderator.getByTestId('breakouts-running').waitFor();
      const unplaced = moderator.getByTestId('unplaced-person');
      await expect.poll(() => unplaced.count(), { timeout: 15_000 }).toBe(2);
      for (let seated = 0; seated < 2; seated++) {
        await unplaced.first().getByTestId('table-picker').selectOption({ index: 1 });
        await expect.poll(() => unplaced.count(), { timeout: 20_000 }).toBe(1 - seated);
      }

      // Both move into the table without a reload, turn their microphones on, and hear each other.
      for (const page of [budi, sari]) {
        await page.getByTestId('breakout-table').waitFor({ timeout: 20_000 });
        await page.getByTestId('table-microphone').click();
        await expect.poll(() => page.getByTestId('table-microphone').getAttribute('aria-pressed')).toBe('true');
      }
      const budiTable = await budi.getByTestId('breakout-table').getAttribute('data-table-id');
      expect(await sari.getByTestId('breakout-table').getAttribute('data-table-id')).toBe(budiTable);
      await untilHearing(budi);
      await untilHearing(sari);

      // A message to every table, a call for help, and the warning a minute before the end.
      await moderator.getByTestId('broadcast-message').fill('Lima menit lagi, siapkan satu ide untuk dibagikan.');
      await moderator.getByTestId('broadcast-send').click();
      await budi.getByTestId('breakout-message').waitFor();
      await budi.getByTestId('ask-help').click();
      await budi.getByTestId('help-asked').waitFor();
      await moderator.getByTestId('help-call').waitFor();
      clock.advance(60_000);
      for (const page of [budi, sari]) {
        await expect
          .poll(() => page.getByTestId('breakout-warning').textContent(), { timeout: 20_000 })
          .toContain(lang === 'id' ? '1 menit lagi' : '1 minute left');
      }
      await shot(budi, 'participant-table-warning-phone');
      await wideShot(budi, 'participant-table-warning');
      await shot(moderator, 'console-running-phone');
      await wideShot(moderator, 'console-running', 'breakouts-running');

      // The end: both are back in the main room by themselves, on the same page, hearing the stage.
      clock.advance(60_000);
      for (const page of [budi, sari]) {
        await page.getByTestId('stage').waitFor({ timeout: 20_000 });
        await expect(page.getByTestId('breakout-table').count()).resolves.toBe(0);
        expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
        // The audience's controls again, and nothing of theirs published in the main room.
        await page.getByTestId('raise-hand').waitFor();
        await expect(page.getByTestId('toggle-microphone').count()).resolves.toBe(0);
        await untilHearing(page);
      }

      // Participants choose: Sari sees the tables with their places and picks one; the moderator ends them.
      await moderator.getByTestId('breakout-count').fill('3');
      await moderator.getByTestId('breakout-assignment-choose').check();
      await moderator.getByTestId('breakout-names').click();
      const names = moderator.getByTestId('breakout-table-name');
      const topics = moderator.getByTestId('breakout-table-topic');
      await names.nth(0).fill('Pemasaran');
      await topics.nth(0).fill('Jualan lewat media sosial');
      await names.nth(1).fill('Keuangan');
      await topics.nth(1).fill('Modal kerja dan pembukuan sederhana');
      await moderator.getByTestId('open-tables').click();
      await sari.getByTestId('choose-table').waitFor({ timeout: 20_000 });
      await shot(sari, 'participant-choose-table-phone');
      await wideShot(sari, 'participant-choose-table');
      await sari.getByTestId('choose-table-option').first().getByRole('button').click();
      await sari.getByTestId('breakout-table').waitFor({ timeout: 20_000 });
      await moderator.getByTestId('end-tables').click();
      await moderator
        .getByRole('dialog')
        .getByRole('button', { name: lang === 'id' ? 'Akhiri sekarang' : 'End now' })
        .click();
      await sari.getByTestId('stage').waitFor({ timeout: 20_000 });
      await untilHearing(sari);
    }
    console.info(`breakout screenshots in ${shots}`);
  }, 240_000);
});
