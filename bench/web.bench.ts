/**
 * What a browser downloads of the web app's JavaScript: each public page (home, community,
 * session, a registrant's personal link, certificate check) and the live room, opened in a
 * fresh Chromium context against the built `web/dist` served by the real server, with every
 * script response summed raw, gzipped (node:zlib level 9, a size independent of how the server
 * compresses) and as it came over the wire (the server sends the build's Brotli copies). Two
 * moments: what had arrived when the page became usable (a public page: its heading and its
 * main control drawn, which in Solid is when they respond; the room: the speaker's first video
 * frame, published from rtc-node), compared with the targets; and everything until the
 * downloads stop. The room page is compared with the public pages, and the whole build with
 * what one page takes of it. Run alone with `node --import tsx bench/web.bench.ts`, or by
 * `pnpm bench`; needs `pnpm build` first. The bench fails, publishing nothing, unless each page
 * showed its own heading and control (the room: the speaker's first frame) and every script the
 * build precompresses came Brotli-encoded.
 */
import './test-env.ts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { translate } from '@serambi/shared/i18n';
import { webDistDir } from '../server/src/web/static.ts';
import { startTestApp } from '../test/support/app.ts';
import { launchBrowser, newLivePage } from '../test/support/browser.ts';
import { aRegistrant } from '../test/support/room.ts';
import { dispose } from '../test/support/rtc.ts';
import { aLiveStage, SPEAKER_VIDEO } from './live-stage.ts';
import { pageProbeScript } from './page-probe.ts';
import { type BenchResult, check, report } from './results.ts';
import { assertFreshBuild } from './web-build.ts';

type Page = Awaited<ReturnType<typeof newLivePage>>;
type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/** After the page's own signal, how long nothing may load before its downloads count as complete. */
const QUIET_MS = 1_000;

/** The targets (issue 20), gzipped: what a page may download before it is usable. */
const TARGET_KB = { publicPage: 60, room: 200 } as const;

interface Downloads {
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
  /** Body bytes as they came over the wire (Brotli when the server sends its precompressed copies). */
  wireBytes: number;
  compressedByServer: boolean;
  /** Scripts of 1 KiB or more (the build precompresses those) that did not come Brotli-encoded. */
  notBrotli: string[];
  /** The scripts that had arrived when the page became usable (its `usable` mark). */
  beforeUsable: { scripts: number; gzipBytes: number };
}

/** The size from which the build writes Brotli copies (web/vite.config.ts, `precompress`). */
const PRECOMPRESSED_FROM_BYTES = 1024;

const gzipped = (body: Buffer) => gzipSync(body, { level: 9 }).length;

/**
 * When a page is usable, noted inside it: `window.benchUsableAt` (ms since its navigation
 * started) is set the moment its main heading reads `heading` and `control` matches an element.
 * Runs before the page's own scripts; a string, so nothing of this module's scope is in it.
 */
function usableProbeScript(heading: string, control: string): string {
  return `{
    const heading = ${JSON.stringify(heading)};
    const control = ${JSON.stringify(control)};
    const note = () => {
      if (window.benchUsableAt != null) return;
      const h1 = [...document.querySelectorAll('main h1')].some((h) => h.textContent.trim() === heading);
      if (h1 && document.querySelector(control)) window.benchUsableAt = performance.now();
    };
    new MutationObserver(note).observe(document, { childList: true, subtree: true, characterData: true });
  }`;
}

declare global {
  interface Window {
    benchUsableAt?: number;
  }
}

/** How a page shows it is usable: its heading and main control, or (the room) the speaker's first frame. */
type Usable = { heading: string; control: string } | 'first frame';

/**
 * Opens `url` in a fresh context (empty cache), waits until it is usable and then until no
 * script has arrived for QUIET_MS, and sums the JavaScript responses (by URL, once each): all
 * of them, and those that had arrived (Resource Timing's responseEnd) when it became usable.
 */
async function scriptsOf(browser: Browser, url: string, usable: Usable): Promise<Downloads> {
  const page = await newLivePage(browser, new URL(url).origin, null, { locale: 'id-ID' });
  await page
    .context()
    .addInitScript(
      usable === 'first frame' ? pageProbeScript(SPEAKER_VIDEO) : usableProbeScript(usable.heading, usable.control),
    );
  const bodies = new Map<string, Promise<{ url: string; body: Buffer; encoding: string | null; wire: number }>>();
  let lastArrival = performance.now();
  // Scripts that arrive after the downloads counted as complete (a room's panels load later
  // still) are not read: the page may be closed before their bodies could be.
  let counting = true;
  page.on('response', (response) => {
    if (!counting) return;
    const type = response.headers()['content-type'] ?? '';
    if (!type.includes('javascript') || bodies.has(response.url())) return;
    lastArrival = performance.now();
    bodies.set(
      response.url(),
      Promise.all([response.body(), response.request().sizes()]).then(([body, sizes]) => ({
        url: response.url(),
        body,
        encoding: response.headers()['content-encoding'] ?? null,
        wire: sizes.responseBodySize,
      })),
    );
  });
  try {
    await page.goto(url);
    const usableAt = await untilUsable(page, usable);
    while (performance.now() - lastArrival < QUIET_MS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    counting = false;
    const all = await Promise.all(bodies.values());
    const arrivedBy = await page.evaluate(
      (at) =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((entry) => entry.responseEnd <= at)
          .map((entry) => entry.name),
      usableAt,
    );
    const before = all.filter(({ url }) => arrivedBy.includes(url));
    return {
      scripts: all.length,
      rawBytes: all.reduce((sum, { body }) => sum + body.length, 0),
      gzipBytes: all.reduce((sum, { body }) => sum + gzipped(body), 0),
      wireBytes: all.reduce((sum, { wire }) => sum + wire, 0),
      compressedByServer: all.some(({ encoding }) => encoding !== null),
      notBrotli: all
        .filter(({ body, encoding }) => body.length >= PRECOMPRESSED_FROM_BYTES && encoding !== 'br')
        .map(({ url, encoding }) => `${new URL(url).pathname} (${encoding ?? 'identity'})`),
      beforeUsable: { scripts: before.length, gzipBytes: before.reduce((sum, { body }) => sum + gzipped(body), 0) },
    };
  } finally {
    await page.context().close();
  }
}

/** Waits until the page is usable; answers when it became so (ms since its navigation started). */
async function untilUsable(page: Page, usable: Usable): Promise<number> {
  const at = () =>
    page.evaluate(
      (firstFrame) => (firstFrame ? window.benchMilestones?.firstFrame : window.benchUsableAt) ?? null,
      usable === 'first frame',
    );
  try {
    await page.waitForFunction(
      (firstFrame) => (firstFrame ? window.benchMilestones?.firstFrame : window.benchUsableAt) != null,
      usable === 'first frame',
      { timeout: 30_000 },
    );
  } catch (error) {
    const shown = await page.evaluate(() => ({
      headings: [...document.querySelectorAll('main h1')].map((h) => h.textContent),
      text: document.body.textContent?.slice(0, 300),
    }));
    throw new Error(
      `${page.url()} did not become usable (${JSON.stringify(usable)}); it shows ${JSON.stringify(shown)}`,
      {
        cause: error,
      },
    );
  }
  const time = await at();
  check(typeof time === 'number', `${page.url()}: no time for when it became usable`);
  return time;
}

/** Every script of the build, whichever page loads it. */
function wholeBuild(): Downloads {
  const assets = path.join(webDistDir, 'assets');
  const bodies = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => readFileSync(path.join(assets, name)));
  return {
    scripts: bodies.length,
    rawBytes: bodies.reduce((sum, body) => sum + body.length, 0),
    gzipBytes: bodies.reduce((sum, body) => sum + gzipped(body), 0),
    wireBytes: 0,
    compressedByServer: false,
    notBrotli: [],
    beforeUsable: { scripts: 0, gzipBytes: 0 },
  };
}

/**
 * Throws unless the page loaded scripts and every one the build precompresses came over the
 * wire as Brotli: the "over the wire (Brotli from the server)" figures are about those bytes.
 */
function checkDownloads(name: string, downloads: Downloads): void {
  check(downloads.scripts > 0, `the ${name} loaded no script`);
  check(
    downloads.notBrotli.length === 0,
    () => `the ${name} got scripts the build precompresses without Brotli: ${downloads.notBrotli.join(', ')}`,
  );
}

const kB = (bytes: number) => bytes / 1024;

assertFreshBuild();
const app = await startTestApp();
let browser: Browser | null = null;
let stage: Awaited<ReturnType<typeof aLiveStage>> | null = null;
let results: BenchResult[] = [];
let failure: Error | null = null;
try {
  stage = await aLiveStage(app);
  const setup = stage;
  const secret = await aRegistrant(app, setup.owner, setup.session.slug, 'Budi Santoso');
  browser = await launchBrowser();
  const community = await app.context.db.query.communities.findFirst({
    where: (c, { eq }) => eq(c.slug, setup.community.slug),
  });
  const session = await app.context.db.query.sessions.findFirst({ where: (s, { eq }) => eq(s.id, setup.session.id) });
  if (!community || !session) throw new Error('the community or the session of the setup is not stored');
  /** Each public page, the heading it shows and the control that makes it usable; `target`: it has one. */
  const publicPages: Array<{ name: string; path: string; heading: string; control: string; target: boolean }> = [
    {
      name: 'home page',
      path: '/',
      heading: translate('id', 'home.title'),
      control: 'main a[href="/check"]',
      target: false,
    },
    {
      name: 'community page',
      path: `/c/${setup.community.slug}`,
      heading: community.name,
      control: `main a[href="/s/${setup.session.slug}"]`,
      target: true,
    },
    {
      name: 'session page',
      path: `/s/${setup.session.slug}`,
      heading: session.title,
      control: '#register form button[type="submit"]',
      target: true,
    },
    {
      name: 'personal link page',
      path: `/j/${secret}`,
      heading: session.title,
      control: '[data-testid="enter-room-link"]',
      target: true,
    },
    {
      name: 'certificate check page',
      path: '/verify',
      heading: translate('id', 'certificates.verify.heading'),
      control: 'main form button[type="submit"]',
      target: false,
    },
  ];
  const pages = new Map<string, Downloads>();
  for (const { name, path: pagePath, heading, control } of publicPages) {
    pages.set(name, await scriptsOf(browser, `${app.url}${pagePath}`, { heading, control }));
  }
  const room = await scriptsOf(browser, `${app.url}/j/${secret}/live`, 'first frame');
  const build = wholeBuild();
  for (const [name, downloads] of [...pages, ['live room', room] as const]) checkDownloads(name, downloads);
  for (const [name, downloads] of [...pages, ['live room', room] as const]) {
    console.log(
      `${name}: ${downloads.scripts} scripts, ${Math.round(kB(downloads.rawBytes))} kB raw, ` +
        `${Math.round(kB(downloads.gzipBytes))} kB gzipped, ${Math.round(kB(downloads.wireBytes))} kB over the wire` +
        `${downloads.compressedByServer ? ' (server compressed)' : ' (server sent them uncompressed)'}; ` +
        `usable after ${downloads.beforeUsable.scripts} scripts, ${Math.round(kB(downloads.beforeUsable.gzipBytes))} kB gzipped`,
    );
  }
  console.log(`whole build: ${build.scripts} scripts`);
  const largestPublic = [...pages].reduce((a, b) => (b[1].gzipBytes > a[1].gzipBytes ? b : a));
  results = [
    ...publicPages.map(({ name, target }): BenchResult => {
      const downloads = pages.get(name) as Downloads;
      return {
        name: `JS the ${name} downloaded before it was usable (heading and main control drawn), gzipped`,
        value: kB(downloads.beforeUsable.gzipBytes),
        unit: 'kB',
        comparedTo: target
          ? { name: 'target', value: TARGET_KB.publicPage, unit: 'kB' }
          : { name: 'everything it downloaded', value: kB(downloads.gzipBytes), unit: 'kB' },
      };
    }),
    {
      name: "JS the live room downloaded before the speaker's first video frame (personal link), gzipped",
      value: kB(room.beforeUsable.gzipBytes),
      unit: 'kB',
      comparedTo: { name: 'target', value: TARGET_KB.room, unit: 'kB' },
    },
    ...[...pages].map(([name, downloads]) => ({
      name: `JS downloaded by the ${name}, gzipped`,
      value: kB(downloads.gzipBytes),
      unit: 'kB',
      comparedTo: { name: 'raw', value: kB(downloads.rawBytes), unit: 'kB' },
    })),
    {
      name: 'JS downloaded by the live room (personal link, session live), gzipped',
      value: kB(room.gzipBytes),
      unit: 'kB',
      comparedTo: {
        name: `largest public page (${largestPublic[0]})`,
        value: kB(largestPublic[1].gzipBytes),
        unit: 'kB',
      },
    },
    {
      name: 'JS over the wire for the live room (Brotli from the server)',
      value: kB(room.wireBytes),
      unit: 'kB',
      comparedTo: {
        name: `largest public page (${largestPublic[0]})`,
        value: kB(largestPublic[1].wireBytes),
        unit: 'kB',
      },
    },
    {
      name: 'JS over the wire for the home page (Brotli from the server)',
      value: kB(pages.get('home page')?.wireBytes ?? 0),
      unit: 'kB',
      comparedTo: { name: 'gzipped', value: kB(pages.get('home page')?.gzipBytes ?? 0), unit: 'kB' },
    },
    {
      name: 'JS downloaded by the live room, raw',
      value: kB(room.rawBytes),
      unit: 'kB',
      comparedTo: {
        name: `largest public page (${largestPublic[0]})`,
        value: kB(largestPublic[1].rawBytes),
        unit: 'kB',
      },
    },
    {
      name: `JS of the whole build (${build.scripts} files), gzipped`,
      value: kB(build.gzipBytes),
      unit: 'kB',
      comparedTo: { name: 'raw', value: kB(build.rawBytes), unit: 'kB' },
    },
  ];
} catch (error) {
  failure = error as Error;
} finally {
  await browser?.close();
  await stage?.media.stop();
  await stage?.stage.disconnect();
  await app.stop();
  await dispose();
}
if (failure) {
  console.error(failure);
  process.exit(1);
}
report(results);
// rtc-node's native runtime keeps the process alive; everything of ours is stopped.
process.exit(0);
