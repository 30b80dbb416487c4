/**
 * What a browser downloads of the web app's JavaScript: each public page (home, community,
 * session, a registrant's personal link, certificate check) and the live room, opened in a
 * fresh Chromium context against the built `web/dist` served by the real server, with every
 * script response summed raw, gzipped (node:zlib level 9, a size independent of how the server
 * compresses) and as it came over the wire (the server sends the build's Brotli copies). The room page is compared with
 * the public pages, and the whole build with what one page takes of it. Run alone with
 * `node --import tsx bench/web.bench.ts`, or by `pnpm bench`; needs `pnpm build` first. The
 * bench fails, publishing nothing, unless each page showed its own heading (the room: its
 * stage) and every script the build precompresses came Brotli-encoded.
 */
import './test-env.ts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { webDistDir } from '../server/src/web/static.ts';
import { translate } from '../shared/src/i18n/index.ts';
import { startTestApp } from '../test/support/app.ts';
import { launchBrowser, newLivePage } from '../test/support/browser.ts';
import { aRegistrant, aRoomSetup, joinRoom } from '../test/support/room.ts';
import { type BenchResult, check, report } from './results.ts';
import { assertFreshBuild } from './web-build.ts';

type Page = Awaited<ReturnType<typeof newLivePage>>;
type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/** After the page's own signal, how long nothing may load before its downloads count as complete. */
const QUIET_MS = 1_000;

interface Downloads {
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
  /** Body bytes as they came over the wire (Brotli when the server sends its precompressed copies). */
  wireBytes: number;
  compressedByServer: boolean;
  /** Scripts of 1 KiB or more (the build precompresses those) that did not come Brotli-encoded. */
  notBrotli: string[];
}

/** The size from which the build writes Brotli copies (web/vite.config.ts, `precompress`). */
const PRECOMPRESSED_FROM_BYTES = 1024;

const gzipped = (body: Buffer) => gzipSync(body, { level: 9 }).length;

/**
 * Opens `url` in a fresh context (empty cache), waits for `ready` and then until no script has
 * arrived for QUIET_MS, and sums the JavaScript responses (by URL, once each).
 */
async function scriptsOf(browser: Browser, url: string, ready: (page: Page) => Promise<unknown>): Promise<Downloads> {
  const page = await newLivePage(browser, new URL(url).origin, null, { locale: 'id-ID' });
  const bodies = new Map<string, Promise<{ url: string; body: Buffer; encoding: string | null; wire: number }>>();
  let lastArrival = performance.now();
  page.on('response', (response) => {
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
    await ready(page);
    while (performance.now() - lastArrival < QUIET_MS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const all = await Promise.all(bodies.values());
    return {
      scripts: all.length,
      rawBytes: all.reduce((sum, { body }) => sum + body.length, 0),
      gzipBytes: all.reduce((sum, { body }) => sum + gzipped(body), 0),
      wireBytes: all.reduce((sum, { wire }) => sum + wire, 0),
      compressedByServer: all.some(({ encoding }) => encoding !== null),
      notBrotli: all
        .filter(({ body, encoding }) => body.length >= PRECOMPRESSED_FROM_BYTES && encoding !== 'br')
        .map(({ url, encoding }) => `${new URL(url).pathname} (${encoding ?? 'identity'})`),
    };
  } finally {
    await page.context().close();
  }
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

/** Waits for the page's main heading to read `text`: the page meant, not the not-found page or an error. */
function headed(text: string) {
  return async (page: Page) => {
    const heading = page.locator('main').getByRole('heading', { level: 1, name: text, exact: true });
    try {
      await heading.first().waitFor({ timeout: 15_000 });
    } catch (error) {
      const shown = await page.locator('main h1').allTextContents();
      throw new Error(`${page.url()} shows the heading ${JSON.stringify(shown)}, not "${text}"`, { cause: error });
    }
  };
}

const kB = (bytes: number) => bytes / 1024;

assertFreshBuild();
const app = await startTestApp();
let browser: Browser | null = null;
let results: BenchResult[] = [];
let failure: Error | null = null;
try {
  const setup = await aRoomSetup(app);
  const secret = await aRegistrant(app, setup.owner, setup.session.slug, 'Budi Santoso');
  const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  if ((await host.call('/live')).status !== 204) throw new Error('the session did not go live');
  browser = await launchBrowser();
  const community = await app.context.db.query.communities.findFirst({
    where: (c, { eq }) => eq(c.slug, setup.community.slug),
  });
  const session = await app.context.db.query.sessions.findFirst({ where: (s, { eq }) => eq(s.id, setup.session.id) });
  if (!community || !session) throw new Error('the community or the session of the setup is not stored');
  const publicPages: Array<[name: string, path: string, heading: string]> = [
    ['home page', '/', translate('id', 'home.title')],
    ['community page', `/c/${setup.community.slug}`, community.name],
    ['session page', `/s/${setup.session.slug}`, session.title],
    ['personal link page', `/j/${secret}`, session.title],
    ['certificate check page', '/verify', translate('id', 'certificates.verify.heading')],
  ];
  const pages = new Map<string, Downloads>();
  for (const [name, pagePath, heading] of publicPages) {
    pages.set(name, await scriptsOf(browser, `${app.url}${pagePath}`, headed(heading)));
  }
  const room = await scriptsOf(browser, `${app.url}/j/${secret}/live`, (page) =>
    page.getByTestId('stage').waitFor({ timeout: 20_000 }),
  );
  const build = wholeBuild();
  for (const [name, downloads] of [...pages, ['live room', room] as const]) checkDownloads(name, downloads);
  for (const [name, downloads] of [...pages, ['live room', room] as const]) {
    console.log(
      `${name}: ${downloads.scripts} scripts, ${Math.round(kB(downloads.rawBytes))} kB raw, ` +
        `${Math.round(kB(downloads.gzipBytes))} kB gzipped, ${Math.round(kB(downloads.wireBytes))} kB over the wire` +
        `${downloads.compressedByServer ? ' (server compressed)' : ' (server sent them uncompressed)'}`,
    );
  }
  console.log(`whole build: ${build.scripts} scripts`);
  const largestPublic = [...pages].reduce((a, b) => (b[1].gzipBytes > a[1].gzipBytes ? b : a));
  results = [
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
  await app.stop();
}
if (failure) {
  console.error(failure);
  process.exit(1);
}
report(results);
