import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newLivePage, untilVideoShows } from '../support/browser.ts';
import { aRegistrant, aRoomSetup, aSpeaker, claimsOf } from '../support/room.ts';
import { aWhipPublisher, postOffer } from '../support/whip-client.ts';

describe('an OBS-like WHIP speaker seen by a participant', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });

  it('a speaker copies their WHIP address and key from the backstage, OBS presents there, follows them onto the stage when it goes live, and the participant sees it as the speaker’s camera', async () => {
    const { owner, session } = await aRoomSetup(app);
    const speaker = await aSpeaker(app, session.id);
    const secret = await aRegistrant(app, owner, session.slug, 'Budi Santoso');

    // Backstage, the speaker makes a stream key in the OBS panel.
    const speakerPage = await newLivePage(browser, app.url, speaker.cookie, { locale: 'en-US' });
    await speakerPage.goto(`${app.url}/live/${session.slug}`);
    await speakerPage.getByTestId('enter-room').click();
    await speakerPage.getByTestId('whip-panel').locator('summary').click();
    await speakerPage.getByLabel('As my camera and microphone').check();
    await speakerPage.getByTestId('whip-make').click();
    const server = await speakerPage.getByTestId('whip-server').inputValue();
    const key = await speakerPage.getByTestId('whip-token').inputValue();
    expect(server).toBe(`${app.context.config.publicUrl}/whip/v1`);
    // From here the speaker presents from OBS only: their browser leaves.
    await speakerPage.context().close();

    // OBS starts streaming: it appears backstage, as the speaker (one tile, their name).
    const obs = await aWhipPublisher(browser, app.url);
    const first = await postOffer(server, key, await obs.offer());
    expect(first.status).toBe(201);
    await obs.answer(first.body);
    const moderatorPage = await newLivePage(browser, app.url, owner.cookie, { locale: 'en-US' });
    await moderatorPage.goto(`${app.url}/live/${session.slug}`);
    await moderatorPage.getByTestId('enter-room').click();
    // The speaker's own identity: the key's, without "#obs1".
    const speakerIdentity = String(claimsOf(key).sub).replace(/#obs\d+$/, '');
    const tile = `[data-testid="stage-tile"][data-identity="${speakerIdentity}"]`;
    await untilVideoShows(moderatorPage, `${tile} video`);
    expect(await moderatorPage.locator(tile).textContent()).toContain('Made Wirawan');

    // Go live: OBS is moved to the stage, and "Start Streaming" again (OBS's reconnect) lands there.
    const participantPage = await newLivePage(browser, app.url, null, {
      locale: 'id-ID',
      viewport: { width: 390, height: 844 },
    });
    await participantPage.goto(`${app.url}/j/${secret}/live`);
    await participantPage.getByTestId('waiting-screen').waitFor();
    await moderatorPage.getByTestId('go-live').click();
    await participantPage.getByTestId('stage').waitFor({ timeout: 20_000 });
    const again = await postOffer(server, key, await obs.offer());
    expect(again.status).toBe(201);
    await obs.answer(again.body);

    await untilVideoShows(participantPage, `${tile} video`);
    expect(await participantPage.locator(tile).textContent()).toContain('Made Wirawan');
    expect(await participantPage.locator('[data-testid="stage-tile"][data-identity*="#obs"]').count()).toBe(0);
    await participantPage.screenshot({ path: '/tmp/serambi-journeys-whip-participant.png' });
    await Promise.all([obs.close(), moderatorPage.context().close(), participantPage.context().close()]);
  }, 90_000);
});
