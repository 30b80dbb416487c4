/**
 * A participant entering the live room in Chromium: from opening their personal link to the
 * room (`/j/:secret/live`, the address in their mails) to the first rendered frame of the
 * speaker's video, in ROUNDS fresh browser contexts, with where the time goes. The speaker is an
 * rtc-node client publishing a camera, so the browser side is the participant alone. Compared in
 * the same run with the same page opened again in the same context (warm cache), and with a bare
 * page that only loads livekit-client and connects with a token the server issued (the floor:
 * LiveKit and the browser's WebRTC without Serambi, its script built and compressed as the app's
 * are, bench/bare-page.ts). Then both again, PHONE_ROUNDS times each, on an emulated mid-range
 * phone on a mobile network (bench/phone-emulation.ts). The bench fails, publishing nothing,
 * unless every entry reached the milestones its figures are made of and its first frame was the
 * speaker's camera. Run alone with `node --import tsx bench/browser.bench.ts`
 * (BENCH_BROWSER_ROUNDS, BENCH_BROWSER_PHONE_ROUNDS), or by `pnpm bench`; needs `pnpm build` first.
 */
import './test-env.ts';
import { startTestApp, type TestApp } from '../test/support/app.ts';
import { launchBrowser, newLivePage } from '../test/support/browser.ts';
import { aRegistrant, type ConnectedClient, joinRoom } from '../test/support/room.ts';
import { dispose } from '../test/support/rtc.ts';
import type { PublishedSyntheticMedia } from '../test/support/synthetic-media.ts';
import { type BarePageServer, startBarePageServer } from './bare-page.ts';
import { aLiveStage, CAMERA, SPEAKER_VIDEO } from './live-stage.ts';
import { percentile } from './load.ts';
import { type PageMilestones, pageProbeScript } from './page-probe.ts';
import { emulateMidRangePhone, midRangePhoneLabel } from './phone-emulation.ts';
import { type BenchResult, check, report } from './results.ts';
import { assertFreshBuild } from './web-build.ts';

const ROUNDS = Number(process.env.BENCH_BROWSER_ROUNDS ?? 7);
const PHONE_ROUNDS = Number(process.env.BENCH_BROWSER_PHONE_ROUNDS ?? 5);
const FIRST_FRAME_TIMEOUT_MS = 45_000;

type Page = Awaited<ReturnType<typeof newLivePage>>;
type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/** One entry into the room, in milliseconds since the navigation started. */
interface Entry extends PageMilestones {
  /** The app's HTML parsed and its entry script run (DOMContentLoaded ended). */
  documentReady: number;
  /** `POST /api/room/join` (by the link alone) sent, and answered: the page has its LiveKit token. */
  joinSent: number | null;
  joinAnswered: number | null;
}

/** Opens `url` in `page` (its probe installed) and waits for the speaker's first frame. */
async function enter(page: Page, url: string): Promise<Entry> {
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.benchMilestones?.firstFrame != null, undefined, {
      timeout: FIRST_FRAME_TIMEOUT_MS,
    });
  } catch (error) {
    const seen = await page.evaluate(() => ({
      milestones: window.benchMilestones,
      videos: [...document.querySelectorAll('video')].map((v) => `${v.className} ${v.videoWidth}×${v.videoHeight}`),
      text: document.body.textContent?.slice(0, 300),
    }));
    throw new Error(`no first frame at ${url}: ${JSON.stringify(seen)}`, { cause: error });
  }
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    // No named helpers in here: tsx would wrap them in a `__name` call the page does not have.
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const join = resources.find((entry) => new URL(entry.name).pathname.endsWith('/room/join'));
    return {
      ...(window.benchMilestones as PageMilestones),
      documentReady: navigation?.domContentLoadedEventEnd ?? Number.NaN,
      joinSent: join?.startTime ?? null,
      joinAnswered: join?.responseEnd ?? null,
    };
  });
}

/**
 * A fresh context (no cache, no storage) whose pages note their milestones; `videoSelector` as
 * in the probe. `phone`: on an emulated mid-range phone and mobile network.
 */
async function aProbedPage(browser: Browser, siteUrl: string, videoSelector: string, phone = false): Promise<Page> {
  const page = await newLivePage(browser, siteUrl, null, { locale: 'id-ID', viewport: { width: 390, height: 844 } });
  await page.context().addInitScript(pageProbeScript(videoSelector));
  if (phone) await emulateMidRangePhone(page);
  return page;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One milestone of every entry, sorted; a milestone some entry never reached fails the benchmark. */
function sortedOf(entries: Entry[], key: keyof Entry): number[] {
  const times = entries.map((entry) => entry[key]).filter((time): time is number => typeof time === 'number');
  if (times.length !== entries.length || times.some(Number.isNaN)) {
    throw new Error(`${key} missing in ${entries.length - times.length} of ${entries.length} entries`);
  }
  return times.sort((a, b) => a - b);
}

/**
 * Throws unless every entry's first frame was the speaker's camera: its picture shaped as the
 * camera's (WebRTC may send it smaller when the link or the CPU is short, never reshaped), not
 * a placeholder or some other track.
 */
function checkFrames(entries: Entry[], what: string): void {
  for (const [i, entry] of entries.entries()) {
    const [width, height] = (entry.frameSize ?? '').split('×').map(Number);
    const aspect = (width ?? Number.NaN) / (height ?? Number.NaN);
    check(
      Math.abs(aspect - CAMERA.width / CAMERA.height) < 0.02,
      () =>
        `${what} ${i + 1}: the first frame was ${entry.frameSize}, not the speaker's ${CAMERA.width}×${CAMERA.height} camera`,
    );
  }
}

/** Entries of one run: the room cold and warm and the bare page, unthrottled and on a phone. */
interface Entries {
  cold: Entry[];
  warm: Entry[];
  bare: Entry[];
  phone: Entry[];
  phoneBare: Entry[];
}

function figures(
  { cold, warm, bare, phone, phoneBare }: Entries,
  bareScript: BarePageServer['scriptBytes'],
): BenchResult[] {
  const p50 = (entries: Entry[], key: keyof Entry) => percentile(sortedOf(entries, key), 50);
  const max = (entries: Entry[], key: keyof Entry) => percentile(sortedOf(entries, key), 100);
  const room = `room entry by personal link, Chromium, ${ROUNDS} fresh contexts`;
  const floor = `bare livekit-client page (${Math.round(bareScript.br / 1024)} kB Brotli), server-issued token`;
  /** A milestone of the room page against the same milestone of the bare page. */
  const step = (what: string, key: keyof Entry): BenchResult => ({
    name: `${room}: link opened → ${what}, p50`,
    value: p50(cold, key),
    unit: 'ms',
    comparedTo: { name: `${floor}, p50`, value: p50(bare, key), unit: 'ms' },
  });
  const onPhone = `room entry by personal link on a phone (${midRangePhoneLabel}), ${PHONE_ROUNDS} fresh contexts`;
  return [
    step('first speaker video frame', 'firstFrame'),
    {
      name: `${room}: link opened → first speaker video frame, max`,
      value: max(cold, 'firstFrame'),
      unit: 'ms',
      comparedTo: { name: `${floor}, max`, value: max(bare, 'firstFrame'), unit: 'ms' },
    },
    {
      name: `${room}: link opened again in the same context (warm cache) → first frame, p50`,
      value: p50(warm, 'firstFrame'),
      unit: 'ms',
      comparedTo: { name: 'cold cache, p50', value: p50(cold, 'firstFrame'), unit: 'ms' },
    },
    step('app script run (DOMContentLoaded)', 'documentReady'),
    {
      name: `${room}: link opened → room join answered (token in hand), p50`,
      value: p50(cold, 'joinAnswered'),
      unit: 'ms',
      comparedTo: { name: 'join request sent, p50', value: p50(cold, 'joinSent'), unit: 'ms' },
    },
    step('LiveKit signalling open', 'signallingOpen'),
    step('media connected (RTCPeerConnection)', 'mediaConnected'),
    {
      name: `${onPhone}: link opened → first speaker video frame, p50`,
      value: p50(phone, 'firstFrame'),
      unit: 'ms',
      comparedTo: { name: `${floor} on the same phone, p50`, value: p50(phoneBare, 'firstFrame'), unit: 'ms' },
    },
    {
      name: `${onPhone}: link opened → first speaker video frame, max`,
      value: max(phone, 'firstFrame'),
      unit: 'ms',
      comparedTo: { name: `${floor} on the same phone, max`, value: max(phoneBare, 'firstFrame'), unit: 'ms' },
    },
    {
      name: `${onPhone}: link opened → room join answered (token in hand), p50`,
      value: p50(phone, 'joinAnswered'),
      unit: 'ms',
      comparedTo: { name: 'join request sent, p50', value: p50(phone, 'joinSent'), unit: 'ms' },
    },
    {
      name: `${onPhone}: link opened → LiveKit signalling open, p50`,
      value: p50(phone, 'signallingOpen'),
      unit: 'ms',
      comparedTo: { name: `${floor} on the same phone, p50`, value: p50(phoneBare, 'signallingOpen'), unit: 'ms' },
    },
  ];
}

/** The same person's token from the server, straight into LiveKit without the app. */
async function enterBarePage(
  app: TestApp,
  browser: Browser,
  bare: BarePageServer,
  sessionSlug: string,
  secret: string,
  phone: boolean,
) {
  const member = await joinRoom(app, sessionSlug, { joinSecret: secret });
  const livekit = member.join.livekit;
  if (!livekit) throw new Error('the join answer has no LiveKit token');
  const page = await aProbedPage(browser, bare.url, 'video.speaker', phone);
  try {
    return await enter(page, `${bare.url}#${new URLSearchParams({ url: livekit.url, token: livekit.token })}`);
  } finally {
    await page.context().close();
  }
}

assertFreshBuild();
const app = await startTestApp();
let browser: Browser | null = null;
let bareServer: BarePageServer | null = null;
let stage: ConnectedClient | null = null;
let media: PublishedSyntheticMedia | null = null;
let results: BenchResult[] = [];
let failure: Error | null = null;
try {
  const live = await aLiveStage(app);
  ({ stage, media } = live);
  browser = await launchBrowser();
  bareServer = await startBarePageServer();
  const secrets: string[] = [];
  for (let round = 0; round < ROUNDS + PHONE_ROUNDS; round++) {
    secrets.push(await aRegistrant(app, live.owner, live.session.slug, `Peserta ${round + 1}`));
  }
  const entries: Entries = { cold: [], warm: [], bare: [], phone: [], phoneBare: [] };
  // Not measured: Chromium's own first start (its profile, its GPU process) and the server's first room page.
  const warmUp = await aProbedPage(browser, app.url, SPEAKER_VIDEO);
  await enter(warmUp, `${app.url}/j/${secrets[0]}/live`);
  await warmUp.context().close();

  for (const [round, secret] of secrets.slice(0, ROUNDS).entries()) {
    const page = await aProbedPage(browser, app.url, SPEAKER_VIDEO);
    entries.cold.push(await enter(page, `${app.url}/j/${secret}/live`));
    await page.goto('about:blank');
    await sleep(500);
    entries.warm.push(await enter(page, `${app.url}/j/${secret}/live`));
    await page.context().close();
    entries.bare.push(await enterBarePage(app, browser, bareServer, live.session.slug, secret, false));
    console.log(
      `round ${round + 1}: first frame ${Math.round(entries.cold.at(-1)?.firstFrame ?? Number.NaN)} ms ` +
        `(${entries.cold.at(-1)?.frameSize}), warm ${Math.round(entries.warm.at(-1)?.firstFrame ?? Number.NaN)} ms, ` +
        `bare ${Math.round(entries.bare.at(-1)?.firstFrame ?? Number.NaN)} ms`,
    );
    await sleep(500);
  }
  for (const [round, secret] of secrets.slice(ROUNDS).entries()) {
    const page = await aProbedPage(browser, app.url, SPEAKER_VIDEO, true);
    entries.phone.push(await enter(page, `${app.url}/j/${secret}/live`));
    await page.context().close();
    entries.phoneBare.push(await enterBarePage(app, browser, bareServer, live.session.slug, secret, true));
    console.log(
      `phone round ${round + 1}: first frame ${Math.round(entries.phone.at(-1)?.firstFrame ?? Number.NaN)} ms ` +
        `(${entries.phone.at(-1)?.frameSize}), bare ${Math.round(entries.phoneBare.at(-1)?.firstFrame ?? Number.NaN)} ms`,
    );
    await sleep(500);
  }
  console.log(`entries: ${JSON.stringify(entries)}`);
  checkFrames(entries.cold, 'room entry');
  checkFrames(entries.warm, 'room entry with a warm cache');
  checkFrames(entries.bare, 'bare page entry');
  checkFrames(entries.phone, 'room entry on a phone');
  checkFrames(entries.phoneBare, 'bare page entry on a phone');
  results = figures(entries, bareServer.scriptBytes);
} catch (error) {
  failure = error as Error;
} finally {
  await browser?.close();
  await bareServer?.close();
  await media?.stop();
  await stage?.disconnect();
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
