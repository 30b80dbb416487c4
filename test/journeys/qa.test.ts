import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newLivePage } from '../support/browser.ts';
import { aRegistrant, aRoomSetup, aSpeaker, joinRoom } from '../support/room.ts';

/** Where the journey leaves its screenshots, to be looked at. */
const shots = process.env.SHOTS_DIR ?? '/tmp/shots';

const phone = { width: 390, height: 844 };

/** A page signed in as `caller` (or nobody), in English. */
const pageAs = (browser: Browser, app: TestApp, caller: Caller | null, viewport?: { width: number; height: number }) =>
  newLivePage(browser, app.url, caller?.cookie ?? null, { locale: 'en-US', ...(viewport ? { viewport } : {}) });

const shoot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });

/** The question card with this text, in the given list (or anywhere on the page). */
const questionCard = (scope: Page | Locator, text: string) => scope.getByTestId('question').filter({ hasText: text });

describe('questions, chat and polls in the live room', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });

  it('a participant asks, another upvotes, the moderator pins it for the speaker and marks it answered; a poll is run', async () => {
    const { owner, session } = await aRoomSetup(app);
    const speaker = await aSpeaker(app, session.id);
    const aniSecret = await aRegistrant(app, owner, session.slug, 'Ani Wijaya');
    const budiSecret = await aRegistrant(app, owner, session.slug, 'Budi Santoso');

    const moderatorPage = await pageAs(browser, app, owner);
    const speakerPage = await pageAs(browser, app, speaker);
    const aniPage = await pageAs(browser, app, null);
    const budiPage = await pageAs(browser, app, null, phone);
    const pages = { moderator: moderatorPage, speaker: speakerPage, ani: aniPage, budi: budiPage };
    try {
      await theJourney();
    } catch (error) {
      for (const [who, page] of Object.entries(pages)) await shoot(page, `failed-qa-${who}`).catch(() => undefined);
      throw error;
    }

    async function theJourney() {
      // The team enters the backstage and goes live; the two participants come in.
      for (const page of [moderatorPage, speakerPage]) {
        await page.goto(`${app.url}/live/${session.slug}`);
        await page.getByTestId('enter-room').click();
        await page.getByTestId('backstage').waitFor();
      }
      await moderatorPage.getByTestId('go-live').click();
      await moderatorPage.getByTestId('stage').waitFor({ timeout: 20_000 });
      await aniPage.goto(`${app.url}/j/${aniSecret}/live`);
      await budiPage.goto(`${app.url}/j/${budiSecret}/live`);
      await aniPage.getByTestId('stage').waitFor({ timeout: 20_000 });
      await budiPage.getByTestId('stage').waitFor({ timeout: 20_000 });

      // Ani asks from the Q&A panel beside the stage.
      const question = 'How did you find your first customers in Denpasar?';
      await aniPage.getByTestId('question-text').fill(question);
      await aniPage.getByTestId('ask-submit').click();
      const aniCard = questionCard(aniPage.getByTestId('question-list'), question);
      await aniCard.waitFor();
      await expect(aniCard.textContent()).resolves.toContain('Your question');

      // A question made of markup is stored as written and shown as text, to its asker and to everyone.
      const markup = '<img src=x onerror="window.hacked=1"><script>window.hacked=1</script> Is it <b>safe</b>?';
      await aniPage.getByTestId('question-text').fill(markup);
      await aniPage.getByTestId('ask-submit').click();
      await questionCard(aniPage.getByTestId('question-list'), 'Is it <b>safe</b>?').waitFor();

      // Budi, on his phone, switches to the Q&A tab and upvotes the first question.
      await budiPage.getByTestId('room-tab-qa').click();
      const budiMarkup = questionCard(budiPage, 'Is it <b>safe</b>?');
      await budiMarkup.waitFor();
      await expect(budiMarkup.textContent()).resolves.toContain(markup);
      for (const page of [aniPage, budiPage]) {
        await expect(page.getByTestId('question-list').locator('img, script, b').count()).resolves.toBe(0);
        await expect(page.evaluate(() => (window as { hacked?: number }).hacked)).resolves.toBeUndefined();
      }
      const budiCard = questionCard(budiPage, question);
      await budiCard.getByTestId('upvote').click();
      await budiCard.locator('[data-testid="upvote"][aria-pressed="true"]').waitFor();
      await expect(budiCard.getByTestId('vote-count').textContent()).resolves.toBe('1');
      // Ani sees the vote arrive.
      await aniCard.getByTestId('vote-count').filter({ hasText: /^1$/ }).waitFor();
      await shoot(budiPage, 'qa-participant-phone');

      // The moderator pins it as "now answering"; the speaker sees it large at the top.
      await moderatorPage.getByTestId('room-tab-qa').click();
      await questionCard(moderatorPage, question).getByTestId('question-pin').click();
      await moderatorPage.getByTestId('now-answering').filter({ hasText: question }).waitFor();
      await shoot(moderatorPage, 'qa-moderator-desktop');
      const speakerNow = speakerPage.getByTestId('now-answering');
      await speakerNow.filter({ hasText: question }).waitFor();
      await expect(speakerPage.locator('.now-answering--large').count()).resolves.toBe(1);
      await expect(speakerPage.getByTestId('upvote').count()).resolves.toBe(0);
      await shoot(speakerPage, 'qa-speaker-desktop');
      await aniPage.getByTestId('now-answering').filter({ hasText: question }).waitFor();
      await shoot(aniPage, 'qa-participant-desktop');

      // Answered: off the top, into the answered list.
      await moderatorPage.getByTestId('now-answering-answered').click();
      await speakerNow.waitFor({ state: 'detached' });
      const answered = aniPage.getByTestId('answered-questions');
      await answered.waitFor();
      await answered.locator('summary').click();
      await expect(questionCard(answered, question).getAttribute('data-status')).resolves.toBe('answered');

      // A poll: prepared, launched, answered by Budi, its results shown to everyone.
      await moderatorPage.getByTestId('room-tab-polls').click();
      await moderatorPage.getByTestId('poll-create').click();
      await moderatorPage.getByTestId('poll-question').fill('Do you already sell online?');
      const options = moderatorPage.getByTestId('poll-option-text');
      await options.nth(0).fill('Yes, every day');
      await options.nth(1).fill('Not yet');
      await moderatorPage.getByTestId('poll-save').click();
      const moderatorPoll = moderatorPage.getByTestId('poll').filter({ hasText: 'Do you already sell online?' });
      await moderatorPoll.getByTestId('poll-launch').click();
      await moderatorPage.locator('[data-testid="poll"][data-status="open"]').waitFor();

      await budiPage.getByTestId('room-tab-polls').click();
      const budiPoll = budiPage.getByTestId('poll').filter({ hasText: 'Do you already sell online?' });
      await budiPoll.getByTestId('poll-option').first().check();
      await budiPoll.getByTestId('poll-submit').click();
      await budiPoll.getByTestId('poll-thanks').waitFor();

      await moderatorPoll.getByTestId('poll-option-votes').first().filter({ hasText: '1 vote, 100%' }).waitFor();
      await moderatorPoll.getByTestId('poll-show-results').click();
      await budiPoll.getByTestId('poll-results').waitFor();
      await shoot(budiPage, 'polls-participant-phone');
      await shoot(moderatorPage, 'polls-moderator-desktop');
      // Ani did not vote: she is asked to, and once the poll closes she sees how it went.
      await aniPage.getByTestId('room-tab-polls').click();
      const aniPoll = aniPage.getByTestId('poll').filter({ hasText: 'Do you already sell online?' });
      await aniPoll.getByTestId('poll-vote').waitFor();
      await shoot(aniPage, 'polls-participant-desktop');
      await moderatorPoll.getByTestId('poll-close').click();
      await aniPoll.getByTestId('poll-results').waitFor();
      await expect(aniPoll.getByTestId('poll-option-votes').first().textContent()).resolves.toBe('1 vote, 100%');

      // The chat: a link is a link, markup stays text, an announcement stands out over the stage.
      await aniPage.getByTestId('room-tab-chat').click();
      await aniPage.getByTestId('chat-text').fill('Slides: https://example.id/slides <b>thanks</b>');
      await aniPage.getByTestId('chat-text').press('Enter');
      const aniMessage = aniPage.getByTestId('chat-message').filter({ hasText: 'Slides:' });
      await aniMessage.waitFor();
      await expect(aniMessage.locator('a').getAttribute('href')).resolves.toBe('https://example.id/slides');
      await expect(aniMessage.locator('a').getAttribute('rel')).resolves.toBe('noopener noreferrer nofollow ugc');
      await expect(aniMessage.locator('b').count()).resolves.toBe(0);
      await moderatorPage.getByTestId('room-tab-chat').click();
      await moderatorPage.getByTestId('chat-message').filter({ hasText: 'Slides:' }).waitFor();
      await moderatorPage.getByTestId('chat-text').fill('We take a 5 minute break after this question.');
      await moderatorPage.getByTestId('chat-announcement').check();
      await moderatorPage.getByTestId('chat-send').click();
      await budiPage.getByTestId('room-tab-stage').click();
      await budiPage.getByTestId('stage-announcement').filter({ hasText: '5 minute break' }).waitFor();
      await aniPage.locator('[data-testid="chat-message"][data-kind="announcement"]').waitFor();
      await budiPage.getByTestId('react-clap').click();
      await budiPage.getByTestId('react-heart').click();
      await shoot(budiPage, 'stage-announcement-phone');
      await shoot(aniPage, 'chat-participant-desktop');
      await shoot(moderatorPage, 'chat-moderator-desktop');
    }
  }, 180_000);

  it('a registrant asks ahead from their personal page, and after the session the organizer reads the questions', async () => {
    const { owner, session } = await aRoomSetup(app, { startsInMinutes: 120 });
    const secret = await aRegistrant(app, owner, session.slug, 'Sari Dewi');

    const sariPage = await pageAs(browser, app, null, phone);
    await sariPage.goto(`${app.url}/j/${secret}`);
    await sariPage.getByTestId('ask-ahead-open').click();
    await sariPage.getByTestId('question-text').fill('Will the recording be shared afterwards?');
    await sariPage.getByTestId('ask-submit').click();
    await sariPage.getByTestId('ask-ahead-mine').filter({ hasText: 'Will the recording be shared' }).waitFor();
    await shoot(sariPage, 'ask-ahead-phone', true);

    // The session runs and ends; the organizer's session page leads to its report: the questions and the exports.
    const host = await joinRoom(app, session.slug, { caller: owner });
    expect((await host.call('/live')).status).toBe(204);
    expect((await host.call('/end')).status).toBe(204);
    const organizerPage = await pageAs(browser, app, owner);
    await organizerPage.goto(`${app.url}/s/${session.slug}`);
    await organizerPage.getByTestId('session-report-link').click();
    const report = organizerPage.getByTestId('interaction-report');
    await report.getByTestId('report-questions').filter({ hasText: 'Will the recording be shared' }).waitFor();
    await expect(report.locator('a[href$="/report/questions.csv"]').count()).resolves.toBe(1);
    await shoot(organizerPage, 'session-report-desktop', true);
  }, 60_000);
});
