import { type Browser, type BrowserServer, chromium, type Page } from 'playwright-core';

/**
 * Flags for a headless Chromium that can run the media pages: a synthetic camera and
 * microphone with the permission prompt accepted (both flags are needed, see
 * docs/livekit.md#chromium-with-a-fake-camera-and-microphone),
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
export function launchBrowser(
  options: {
    extraArgs?: string[];
    /** Chromium's environment, e.g. a HOME whose NSS database trusts a test CA. */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
    ...(options.env ? { env: options.env } : {}),
  });
}

/**
 * The same Chromium as a server the caller connects to (`connectBrowser`), for when the browser's
 * own process id is needed (`server.process().pid`: the capacity bench reads its CPU).
 */
export function launchBrowserServer(options: { extraArgs?: string[] } = {}): Promise<BrowserServer> {
  return chromium.launchServer({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
  });
}

export function connectBrowser(server: BrowserServer): Promise<Browser> {
  return chromium.connect(server.wsEndpoint());
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

/**
 * Waits until a <video> that `selector` picks shows a picture: a decoded frame, drawn as the page
 * would draw it, that is not black (what a camera that is off, or a track with no frames yet,
 * shows). A size and a ready state alone come before the first frame worth looking at. On a
 * timeout the error says what each such video showed last.
 */
export async function untilVideoShows(page: Page, selector = 'video', timeoutMs = 20_000): Promise<void> {
  try {
    await page.waitForFunction(
      (s) => {
        const seen = [...document.querySelectorAll<HTMLVideoElement>(s)].map((video) => {
          const shape = { size: `${video.videoWidth}×${video.videoHeight}`, readyState: video.readyState };
          if (video.videoWidth === 0 || video.readyState < 2) return { ...shape, brightest: null };
          const canvas = document.createElement('canvas');
          canvas.width = 32;
          canvas.height = 32;
          const drawing = canvas.getContext('2d', { willReadFrequently: true });
          drawing?.drawImage(video, 0, 0, canvas.width, canvas.height);
          const data = drawing?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
          let brightest = 0;
          for (let i = 0; i < data.length; i += 4) {
            brightest = Math.max(brightest, (data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0));
          }
          return { ...shape, brightest };
        });
        (window as unknown as { videosSeen: unknown }).videosSeen = seen;
        // A pixel clearly brighter than black (RGB sum above 3 × 32) is a picture.
        return seen.some((video) => (video.brightest ?? 0) > 96);
      },
      selector,
      { timeout: timeoutMs },
    );
  } catch (error) {
    const seen = await page
      .evaluate(() => (window as unknown as { videosSeen?: unknown }).videosSeen)
      .catch(() => null);
    throw new Error(`no picture in "${selector}" within ${timeoutMs} ms; saw ${JSON.stringify(seen ?? [])}`, {
      cause: error,
    });
  }
}
