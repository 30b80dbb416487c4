import { randomBytes } from 'node:crypto';
import { EARLIEST_YEAR, LATEST_YEAR } from '@serambi/shared';
import { dictionaries, fillPlaceholders } from '@serambi/shared/i18n';
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newPage } from '../support/browser.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

const { en, id } = dictionaries;

let smtp: SmtpPeer;
let app: TestApp;
let browser: Browser;
/** Where people reach the app, as its mails and better-auth's origin check know it. */
let siteUrl: string;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  [app, browser] = await Promise.all([startTestApp({ smtpUrl: smtp.url }), launchBrowser()]);
  siteUrl = app.context.config.publicUrl;
});

afterAll(async () => {
  await Promise.all([browser?.close(), app?.stop(), smtp?.stop()]);
});

/** The first Sunday of January next year: always in the future, and Berlin is on winter time (CET). */
function firstSundayOfNextJanuary(): string {
  const year = new Date().getUTCFullYear() + 1;
  const january = new Date(Date.UTC(year, 0, 1));
  const day = 1 + ((7 - january.getUTCDay()) % 7);
  return `${year}-01-${String(day).padStart(2, '0')}`;
}

/** The mail to `address`, waiting for further messages until it arrives. */
async function mailTo(address: string): Promise<ParsedMail> {
  for (let count = 1; ; count++) {
    const messages = await smtp.waitForMessages(count);
    const found = messages.find((message) => message.to && JSON.stringify(message.to).includes(address));
    if (found) return found;
  }
}

async function signUpAndCreateCommunity(page: Page, tail: string): Promise<string> {
  await page.goto(`${siteUrl}/`);
  await page.getByRole('link', { name: id.home.createCommunity }).click();
  await page.getByRole('heading', { level: 1, name: id.auth.signUpTitle }).waitFor();
  await page.getByLabel(id.auth.name, { exact: true }).fill('Ayu Lestari');
  await page.getByLabel(id.auth.email, { exact: true }).fill(`ayu-${tail}@example.id`);
  await page.getByLabel(id.auth.password, { exact: true }).fill('kata-sandi-rahasia');
  await page.getByRole('button', { name: id.auth.signUpAction }).click();

  await page.getByRole('heading', { level: 1, name: id.communities.newTitle }).waitFor();
  await page.getByLabel(id.communities.name, { exact: true }).fill(`Komunitas Bisnis Bali ${tail}`);
  const slug = `komunitas-bisnis-bali-${tail}`;
  expect(await page.getByLabel(id.communities.slug, { exact: true }).inputValue()).toBe(slug);
  await page.getByLabel(id.communities.timeZone, { exact: true }).selectOption('Asia/Makassar');
  await page.getByRole('button', { name: id.communities.create }).click();
  await page.waitForURL(`**/manage/${slug}`);
  return slug;
}

async function scheduleWeeklySeries(page: Page, firstDate: string): Promise<string> {
  await page.getByRole('link', { name: id.dashboard.newSeries }).click();
  await page.getByRole('heading', { level: 1, name: id.series.newTitle }).waitFor();
  await page.getByLabel(id.series.title, { exact: true }).fill('Sharing Online');
  await page.getByLabel(id.editor.time, { exact: true }).fill('20:00');
  // A slip of the year is named at the date, in the server's words, before anything is sent.
  await page.getByLabel(id.series.firstDate, { exact: true }).fill('0026-01-04');
  await page.getByRole('button', { name: id.series.publish }).click();
  await page
    .getByText(fillPlaceholders(id.validation.yearRange, { earliest: EARLIEST_YEAR, latest: LATEST_YEAR }))
    .waitFor();
  await page.getByLabel(id.series.firstDate, { exact: true }).fill(firstDate);
  // The community's zone is the series' zone unless the organizer picks another.
  expect(await page.getByLabel(id.editor.timeZone, { exact: true }).inputValue()).toBe('Asia/Makassar');
  await page.getByLabel(id.series.rules.weekly).check();
  await page.getByLabel(id.series.count, { exact: true }).fill('3');
  await page.getByRole('button', { name: id.series.publish }).click();

  const first = page.getByRole('link', { name: 'Sharing Online #1', exact: true });
  await first.waitFor();
  await expect(page.getByRole('link', { name: 'Sharing Online #3', exact: true }).count()).resolves.toBe(1);
  const editorPath = (await first.getAttribute('href')) ?? '';
  return editorPath.split('/').at(-1) ?? '';
}

describe('an organizer and a visitor far away', () => {
  it('schedule in WITA, read it in Berlin time, register, and open the join link from the mail', async () => {
    const tail = randomBytes(3).toString('hex');
    const organizer = await newPage(browser, { locale: 'id-ID', timezoneId: 'Asia/Makassar' });
    let sessionSlug: string;
    try {
      await signUpAndCreateCommunity(organizer, tail);
      sessionSlug = await scheduleWeeklySeries(organizer, firstSundayOfNextJanuary());
    } finally {
      await organizer.context().close();
    }

    // A German browser: Serambi speaks Indonesian or English, and this visitor picks English.
    const visitor = await newPage(browser, { locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    try {
      await visitor.goto(`${siteUrl}/s/${sessionSlug}`);
      await visitor.getByRole('heading', { level: 1, name: 'Sharing Online #1' }).waitFor();
      await visitor.getByTestId('language-switcher').selectOption('en');

      // 20.00 WITA is 12:00 UTC, 13:00 in Berlin in January.
      const sessionTime = visitor.getByTestId('session-time');
      await expect(sessionTime.textContent()).resolves.toMatch(/^Sunday, \d+ January \d{4} 8:00–9:30 PM WITA$/);
      const viewerTime = await visitor.getByTestId('viewer-time').textContent();
      expect(viewerTime).toContain(fillPlaceholders(en.time.inYourZone, { zone: 'Berlin' }));
      expect(viewerTime).toMatch(/Sunday, \d+ January \d{4} · 1:00–2:30 PM CET$/);

      const email = `lena-${tail}@example.de`;
      await visitor.getByLabel(en.registration.name, { exact: true }).fill('Lena Schmidt');
      await visitor.getByLabel(en.registration.email, { exact: true }).fill(email);
      await visitor.getByRole('button', { name: en.registration.register }).click();
      const done = visitor.getByTestId('registration-done');
      await done.waitFor();
      expect(await done.getAttribute('data-status')).toBe('registered');
      await expect(done.textContent()).resolves.toContain(en.registration.doneTitle);

      const mail = await mailTo(email);
      expect(mail.subject).toBe(fillPlaceholders(en.mail.registered.subject, { title: 'Sharing Online #1' }));
      const joinPath = /\/j\/[A-Za-z0-9_-]{32,64}/.exec(mail.text ?? '')?.[0];
      expect(joinPath).toBeDefined();

      await visitor.goto(`${siteUrl}${joinPath}`);
      const status = visitor.getByTestId('registration-status');
      await status.waitFor();
      expect(await status.getAttribute('data-status')).toBe('registered');
      await expect(status.textContent()).resolves.toContain(en.myRegistration.registered);
    } finally {
      await visitor.context().close();
    }
  }, 120_000);
});
