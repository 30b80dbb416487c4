import { dictionaries } from '@serambi/shared/i18n';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newPage } from '../support/browser.ts';

const { en, id } = dictionaries;

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), app?.stop()]);
});

async function openPage(path: string, locale: string): Promise<Page> {
  const page = await newPage(browser, { locale });
  await page.goto(new URL(path, app.url).href);
  return page;
}

const mainHeading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

describe('the home page', () => {
  it('speaks English to an English browser, switches to Indonesian on request and remembers it', async () => {
    const page = await openPage('/', 'en-US');
    try {
      await mainHeading(page, en.home.title).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');

      await page.getByTestId('language-switcher').selectOption('id');
      await mainHeading(page, id.home.title).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('id');

      await page.reload();
      await mainHeading(page, id.home.title).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('id');
    } finally {
      await page.context().close();
    }
  });

  it('shows that the server, its database and LiveKit work', async () => {
    const page = await openPage('/', 'id-ID');
    try {
      const overall = page.getByTestId('health-status');
      await page.locator('[data-testid="health-status"]:not([data-status="checking"])').waitFor();
      expect(await overall.getAttribute('data-status')).toBe('ok');
      expect(await overall.textContent()).toBe(id.status.ok);
    } finally {
      await page.context().close();
    }
  });
});

describe('a personal link cut short (a chat app wrapped it, a copy missed its end)', () => {
  it('says the link is incomplete, in the reader’s language, on the link page and on its way into the room', async () => {
    for (const [locale, messages] of [
      ['id-ID', id],
      ['en-GB', en],
    ] as const) {
      const page = await newPage(browser, { locale });
      try {
        for (const path of ['/j/Qx7k2mPz', '/j/Qx7k2mPz/live']) {
          await page.goto(new URL(path, app.url).href);
          // Before, a refusal that no retry changes read "Could not load. Check your connection".
          await page.getByRole('alert').filter({ hasText: messages.validation.linkIncomplete }).waitFor();
          expect(await page.getByText(messages.forms.loadFailed).count()).toBe(0);
        }
      } finally {
        await page.context().close();
      }
    }
  });
});

describe('the device check page', () => {
  it('plays the camera preview and measures the microphone', async () => {
    const page = await openPage('/check', 'en-US');
    try {
      await mainHeading(page, en.check.title).waitFor();
      const preview = page.getByTestId('camera-preview');
      await page.waitForFunction(
        () => (document.querySelector<HTMLVideoElement>('[data-testid="camera-preview"]')?.videoWidth ?? 0) > 0,
      );
      expect(await preview.evaluate((video: HTMLVideoElement) => video.paused)).toBe(false);

      const meter = page.getByRole('meter', { name: en.check.microphone.level });
      await meter.waitFor();
      // Chromium's fake microphone beeps about once a second: the meter must rise with a beep.
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid="microphone-meter"]')?.getAttribute('aria-valuenow')) > 0,
      );
    } finally {
      await page.context().close();
    }
  });
});
