/**
 * A participant opening their personal link in Chromium, to the speaker's first rendered frame,
 * on a public deployment simulated on loopback (test/support/deployment.ts: Caddy with TLS in
 * front, Serambi in production proxying LiveKit's signalling, coturn as TURN) against the same
 * entry straight to a Serambi run as `pnpm start` runs it (http on loopback, LiveKit's own port
 * for signalling); and, on the deployment, with media over UDP, over LiveKit's ICE/TCP (UDP
 * blocked by Chromium's policy) and through coturn over TLS (UDP blocked, ICE/TCP off). ROUNDS
 * fresh browser contexts per way in. The bench fails, publishing nothing, unless every entry
 * showed the speaker's camera and its media came by the path its figure names (read from
 * `getStats()`). Run alone with `node --import tsx bench/deployment.bench.ts`
 * (BENCH_DEPLOYMENT_ROUNDS), or by `pnpm bench deployment`; needs `pnpm build` first. Machine-wide:
 * it writes Chromium's managed policy while UDP is blocked, so nothing else may run Chromium.
 */
import './test-env.ts';
import { startTestApp, type TestApp } from '../test/support/app.ts';
import { launchBrowser, newLivePage } from '../test/support/browser.ts';
import { withChromiumUdpBlocked } from '../test/support/chromium-policy.ts';
import { type Deployment, startDeployment } from '../test/support/deployment.ts';
import { aLiveStage, keepPeerConnections, type MediaPath, receivingPath } from '../test/support/media-path.ts';
import { aRegistrant } from '../test/support/room.ts';
import { dispose } from '../test/support/rtc.ts';
import { percentile } from './load.ts';
import { type PageMilestones, pageProbeScript } from './page-probe.ts';
import { type BenchResult, check, report } from './results.ts';
import { assertFreshBuild } from './web-build.ts';

const ROUNDS = Number(process.env.BENCH_DEPLOYMENT_ROUNDS ?? 5);
const FIRST_FRAME_TIMEOUT_MS = 30_000;
const CAMERA = { width: 640, height: 360, fps: 15 };
const SPEAKER_VIDEO = '[data-testid="stage-tile"] video';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
type Way = 'direct' | 'udp' | 'tcp' | 'turn';

interface Entry extends PageMilestones {
  path: MediaPath;
}

/** Where a way in is served from, and how Chromium is launched for it. */
interface Site {
  app: TestApp;
  siteUrl: string;
  launch: () => Promise<Browser>;
}

/** Opens the personal link in a fresh context and waits for the speaker's first frame and the path it came by. */
async function enter(browser: Browser, site: Site, secret: string): Promise<Entry> {
  const page = await newLivePage(browser, site.siteUrl, null, { viewport: { width: 390, height: 844 } });
  await page.context().addInitScript(pageProbeScript(SPEAKER_VIDEO));
  await page.context().addInitScript(keepPeerConnections);
  const url = `${site.siteUrl}/j/${secret}/live`;
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.benchMilestones?.firstFrame != null, undefined, {
      timeout: FIRST_FRAME_TIMEOUT_MS,
    });
    const milestones = (await page.evaluate(() => window.benchMilestones)) as PageMilestones;
    let path = await receivingPath(page);
    for (let i = 0; i < 50 && !path; i++) {
      await page.waitForTimeout(100);
      path = await receivingPath(page);
    }
    if (!path) throw new Error('no peer connection received video');
    return { ...milestones, path };
  } catch (error) {
    const seen = await page.evaluate(() => window.benchMilestones).catch(() => null);
    throw new Error(`no first frame at ${site.siteUrl}/j/…/live: ${JSON.stringify(seen)}`, { cause: error });
  } finally {
    await page.context().close();
  }
}

/** ROUNDS entries into `site`'s live stage, in one browser (warmed up first: Chromium's own start is not measured). */
async function entries(site: Site, way: Way): Promise<Entry[]> {
  const live = await aLiveStage(site.app, { liveKitUrl: site.app.liveKit.url, camera: CAMERA });
  const browser = await site.launch();
  try {
    const secrets: string[] = [];
    for (let i = 0; i <= ROUNDS; i++) {
      secrets.push(await aRegistrant(site.app, live.setup.owner, live.setup.session.slug, `Peserta ${way} ${i + 1}`));
    }
    await enter(browser, site, secrets[0] ?? '');
    const result: Entry[] = [];
    for (const secret of secrets.slice(1)) {
      const entry = await enter(browser, site, secret);
      console.log(`${way}: first frame ${Math.round(entry.firstFrame ?? Number.NaN)} ms over ${describe(entry.path)}`);
      result.push(entry);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return result;
  } finally {
    await browser.close();
    await live.stop();
  }
}

const describe = (path: MediaPath) =>
  `${path.local.candidateType}/${path.local.protocol}${path.local.relayProtocol ? `/${path.local.relayProtocol}` : ''} → ` +
  `${path.remote.candidateType}/${path.remote.protocol}:${path.remote.port}`;

/** Throws unless every entry showed the camera and came by `way`'s path. */
function checkEntries(list: Entry[], way: Way, ports: { udp?: number; tcp?: number }): void {
  const on = (port: number | null, wanted: number | undefined) => wanted === undefined || port === wanted;
  check(list.length === ROUNDS, () => `${way}: ${list.length} of ${ROUNDS} entries`);
  for (const [i, entry] of list.entries()) {
    const [width, height] = (entry.frameSize ?? '').split('×').map(Number);
    check(
      Math.abs((width ?? Number.NaN) / (height ?? Number.NaN) - CAMERA.width / CAMERA.height) < 0.02,
      () => `${way} ${i + 1}: the first frame was ${entry.frameSize}, not the speaker's camera`,
    );
    for (const key of ['signallingOpen', 'mediaConnected', 'firstFrame'] as const) {
      check(typeof entry[key] === 'number', () => `${way} ${i + 1}: no ${key}`);
    }
    const { local, remote } = entry.path;
    const wanted =
      way === 'tcp'
        ? local.candidateType !== 'relay' && local.protocol === 'tcp' && on(remote.port, ports.tcp)
        : way === 'turn'
          ? local.candidateType === 'relay' && local.relayProtocol === 'tls' && on(remote.port, ports.udp)
          : local.candidateType !== 'relay' && local.protocol === 'udp' && on(remote.port, ports.udp);
    check(wanted, () => `${way} ${i + 1}: media came over ${describe(entry.path)}`);
  }
}

const p50 = (list: Entry[], key: 'signallingOpen' | 'mediaConnected' | 'firstFrame') =>
  percentile(
    list.map((entry) => entry[key] ?? Number.NaN).sort((a, b) => a - b),
    50,
  );

function figures(byWay: Record<Way, Entry[]>): BenchResult[] {
  const room = `personal link → first speaker frame, Chromium, ${ROUNDS} fresh contexts`;
  const figure = (name: string, value: number, againstName: string, against: number): BenchResult => ({
    name,
    value,
    unit: 'ms',
    comparedTo: { name: againstName, value: against, unit: 'ms' },
  });
  const direct = 'straight to Serambi (pnpm start: http on loopback, LiveKit’s own port), p50';
  const udp = 'the same deployment over UDP, p50';
  return [
    figure(
      `${room}: through Caddy/TLS to Serambi in production (signalling proxied, media over UDP), p50`,
      p50(byWay.udp, 'firstFrame'),
      direct,
      p50(byWay.direct, 'firstFrame'),
    ),
    figure(
      'personal link → LiveKit signalling open: through Caddy/TLS and Serambi’s proxy, p50',
      p50(byWay.udp, 'signallingOpen'),
      direct,
      p50(byWay.direct, 'signallingOpen'),
    ),
    figure(
      `${room}: deployment, UDP blocked, media over LiveKit’s ICE/TCP, p50`,
      p50(byWay.tcp, 'firstFrame'),
      udp,
      p50(byWay.udp, 'firstFrame'),
    ),
    figure(
      `${room}: deployment, UDP blocked and ICE/TCP off, media through coturn over TLS, p50`,
      p50(byWay.turn, 'firstFrame'),
      udp,
      p50(byWay.udp, 'firstFrame'),
    ),
    figure(
      'personal link → media connected (RTCPeerConnection): over ICE/TCP, p50',
      p50(byWay.tcp, 'mediaConnected'),
      udp,
      p50(byWay.udp, 'mediaConnected'),
    ),
    figure(
      'personal link → media connected (RTCPeerConnection): through TURN over TLS, p50',
      p50(byWay.turn, 'mediaConnected'),
      udp,
      p50(byWay.udp, 'mediaConnected'),
    ),
  ];
}

assertFreshBuild();
const byWay: Record<Way, Entry[]> = { direct: [], udp: [], tcp: [], turn: [] };
let failure: Error | null = null;
let results: BenchResult[] = [];
let running: { stop(): Promise<void> } | null = null;
try {
  // One server at a time, so no way in shares the two cores with another's LiveKit and speaker.
  const app = await startTestApp();
  running = app;
  byWay.direct = await entries({ app, siteUrl: app.url, launch: () => launchBrowser() }, 'direct');
  // Development's LiveKit has no ICE/TCP; its UDP port is its own affair.
  checkEntries(byWay.direct, 'direct', {});
  await app.stop();
  running = null;

  const withTcp: Deployment = await startDeployment({ turn: false });
  running = withTcp;
  const tcpSite = { app: withTcp.app, siteUrl: withTcp.publicUrl, launch: () => withTcp.launchBrowser() };
  byWay.udp = await entries(tcpSite, 'udp');
  byWay.tcp = await withChromiumUdpBlocked(() => entries(tcpSite, 'tcp'));
  const tcpPorts = { udp: withTcp.ports.liveKitUdp, tcp: withTcp.ports.liveKitTcp };
  checkEntries(byWay.udp, 'udp', tcpPorts);
  checkEntries(byWay.tcp, 'tcp', tcpPorts);
  await withTcp.stop();
  running = null;

  const withTurn: Deployment = await startDeployment({ iceTcp: false });
  running = withTurn;
  const turnSite = { app: withTurn.app, siteUrl: withTurn.publicUrl, launch: () => withTurn.launchBrowser() };
  byWay.turn = await withChromiumUdpBlocked(() => entries(turnSite, 'turn'));
  checkEntries(byWay.turn, 'turn', { udp: withTurn.ports.liveKitUdp });
  await withTurn.stop();
  running = null;

  console.log(`entries: ${JSON.stringify(byWay)}`);
  results = figures(byWay);
  for (const r of results) {
    if (r.comparedTo) console.log(`ratio ${(r.value / r.comparedTo.value).toFixed(2)}× — ${r.name}`);
  }
} catch (error) {
  failure = error as Error;
} finally {
  await running?.stop();
  await dispose();
}
if (failure) {
  console.error(failure);
  process.exit(1);
}
report(results);
process.exit(0);
