/**
 * What a browser downloads of the web app's JavaScript: each public page (home, community,
 * session, a registrant's personal link, certificate check) and the live room, opened in a
 * fresh Chromium context against the built `web/dist` served by the real server, with every
 * script response summed raw, gzipped (node:zlib level 9, a size independent of how the server
 * compresses) and as it came over the wire (the server sends the build's Brotli copies). The room page is compared with
 * the public pages, and the whole build with what one page takes of it. Run alone with
 * `node --import tsx bench/web.bench.ts`, or by `pnpm bench`; needs `pnpm build` first.
 */
import './test-env.ts';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { webDistDir } from '../server/src/web/static.ts';
import { startTestApp } from '../test/support/app.ts';
import { launchBrowser, newLivePage } from '../test/support/browser.ts';
import { aRegistrant, aRoomSetup, joinRoom } from '../test/support/room.ts';
import { type BenchResult, report } from './results.ts';

type Page = Awaited<ReturnType<typeof newLivePage>>;
type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const repository = fileURLToPath(new URL('..', import.meta.url));
/** What the build is made of: a file here newer than web/dist/index.html means the build is stale. */
const BUILD_SOURCES = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'shared/src'];
/** After the page's own signal, how long nothing may load before its downloads count as complete. */
const QUIET_MS = 1_000;

/**
 * Fails unless web/dist holds a build of the current sources: figures of a missing or stale
 * build would be recorded as this commit's. BENCH_WEB_STALE_OK=1 accepts a stale one.
 */
function assertFreshBuild(): void {
  const index = path.join(webDistDir, 'index.html');
  if (!existsSync(index)) throw new Error('web/dist is not built: run `pnpm build` before this benchmark');
  const builtAt = statSync(index).mtimeMs;
  const newer = BUILD_SOURCES.flatMap((source) => filesUnder(path.join(repository, source))).filter(
    (file) => statSync(file).mtimeMs > builtAt,
  );
  if (newer.length > 0 && process.env.BENCH_WEB_STALE_OK !== '1') {
    throw new Error(
      `web/dist is older than ${newer.length} source file(s), e.g. ${path.relative(repository, newer[0] ?? '')}: ` +
        'run `pnpm build` before this benchmark (or set BENCH_WEB_STALE_OK=1)',
    );
  }
}

function filesUnder(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry, { recursive: true, withFileTypes: true })
    .filter((dirent) => dirent.isFile())
    .map((dirent) => path.join(dirent.parentPath, dirent.name));
}

interface Downloads {
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
  /** Body bytes as they came over the wire (Brotli when the server sends its precompressed copies). */
  wireBytes: number;
  compressedByServer: boolean;
}

const gzipped = (body: Buffer) => gzipSync(body, { level: 9 }).length;

/**
 * Opens `url` in a fresh context (empty cache), waits for `ready` and then until no script has
 * arrived for QUIET_MS, and sums the JavaScript responses (by URL, once each).
 */
async function scriptsOf(browser: Browser, url: string, ready: (page: Page) => Promise<unknown>): Promise<Downloads> {
  const page = await newLivePage(browser, new URL(url).origin, null, { locale: 'id-ID' });
  const bodies = new Map<string, Promise<{ body: Buffer; encoded: boolean; wire: number }>>();
  let lastArrival = performance.now();
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!type.includes('javascript') || bodies.has(response.url())) return;
    lastArrival = performance.now();
    bodies.set(
      response.url(),
      Promise.all([response.body(), response.request().sizes()]).then(([body, sizes]) => ({
        body,
        encoded: Boolean(response.headers()['content-encoding']),
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
      compressedByServer: all.some(({ encoded }) => encoded),
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
  const heading = (page: Page) => page.locator('main h1').first().waitFor();
  const publicPages: Array<[name: string, path: string]> = [
    ['home page', '/'],
    ['community page', `/c/${setup.community.slug}`],
    ['session page', `/s/${setup.session.slug}`],
    ['personal link page', `/j/${secret}`],
    ['certificate check page', '/verify'],
  ];
  const pages = new Map<string, Downloads>();
  for (const [name, pagePath] of publicPages) {
    pages.set(name, await scriptsOf(browser, `${app.url}${pagePath}`, heading));
  }
  const room = await scriptsOf(browser, `${app.url}/j/${secret}/live`, (page) =>
    page.getByTestId('stage').waitFor({ timeout: 20_000 }),
  );
  const build = wholeBuild();
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
report(results);
if (failure) {
  console.error(failure);
  process.exit(1);
}
