import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Flags for a headless Chromium that can run the media pages: a synthetic camera and
 * microphone with the permission prompt accepted (both flags are needed, see LIVEKIT.md §4),
 * audio that may start without a click, and no background traffic to Google.
 */
const CHROMIUM_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * Chromium from CHROMIUM_PATH or the system package, with a fresh temporary profile each launch.
 * `extraArgs` come last, so they win over the defaults: `--use-fake-ui-for-media-stream=deny`
 * makes every camera and microphone request fail as if the person had refused.
 */
export function launchBrowser(options: { extraArgs?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
  });
}

const PAGE_TIMEOUT_MS = 10_000;

export interface NewPageOptions {
  /** Sets navigator.languages and Accept-Language, e.g. "en-US" or "id-ID". */
  locale?: string;
  viewport?: { width: number; height: number };
  /** The browser's clock zone, e.g. "Europe/Berlin"; the machine's own when absent. */
  timezoneId?: string;
}

/** A page in its own context, so storage and cookies never leak between tests. Close it with `page.context().close()`. */
export async function newPage(browser: Browser, options: NewPageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: options.locale ?? 'id-ID',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  // Below the test timeout, so a missing element fails with Playwright's "waiting for …" message.
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  return context.newPage();
}

/**
 * A page signed in as someone: their session cookie (as `Caller.cookie` holds it,
 * "name=value; name=value") set for `siteUrl` in the page's own context.
 */
export async function newPageSignedIn(
  browser: Browser,
  siteUrl: string,
  cookie: string | null,
  options: NewPageOptions = {},
): Promise<Page> {
  const page = await newPage(browser, options);
  if (cookie) {
    await page.context().addCookies(
      cookie.split('; ').map((pair) => {
        const [name = '', ...value] = pair.split('=');
        return { name, value: value.join('='), url: siteUrl };
      }),
    );
  }
  return page;
}

/**
 * A signed-in page (or nobody's) for a journey with live media: several such pages share two
 * cores with LiveKit, so loading one may take longer than the harness's default navigation wait.
 */
export async function newLivePage(
  browser: Browser,
  siteUrl: string,
  cookie: string | null,
  options: NewPageOptions = {},
): Promise<Page> {
  const page = await newPageSignedIn(browser, siteUrl, cookie, options);
  page.setDefaultNavigationTimeout(LIVE_NAVIGATION_TIMEOUT_MS);
  return page;
}

const LIVE_NAVIGATION_TIMEOUT_MS = 30_000;
