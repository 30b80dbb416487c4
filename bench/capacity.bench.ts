/**
 * How many people one LiveKit node on this machine carries (issue 19): one speaker publishes,
 * subscribe-only viewers are added in steps, and at each step LiveKit's own CPU (utime + stime of
 * its process, /proc/<pid>/stat) and the bytes each viewer receives are measured. Two scenes:
 * a camera as the web client publishes it (livekit-client's defaults: 1280×720@30 at up to
 * 1.7 Mbit/s with simulcast layers 640×360@20 / 450 kbit/s and 320×180@15 / 160 kbit/s) plus a
 * 32 kbit/s Opus microphone; and the low-bandwidth mode, a 1920×1080@15 screen share (a slide with
 * a bar moving across it, up to 2.5 Mbit/s, and a 960×540 layer) plus the microphone, no camera.
 *
 * Who runs where, so that what is measured is LiveKit: bench/media-bots (Go, LiveKit's Go SDK on
 * pion) is the speaker in one process and every viewer in another. The speaker sends VP8 and
 * Opus that ffmpeg encoded beforehand (cached in .tools/bench-media), in a loop, as LiveKit's own
 * load tester does: no encoder competes with LiveKit for the two cores, and no bandwidth estimate
 * on a busy machine turns the top layer off. Each viewer is a real WebRTC subscriber (ICE, DTLS,
 * SRTP, RTCP receiver reports, NACKs, transport-wide congestion feedback) that reads and counts
 * every RTP packet but decodes nothing: a decoding client spends more CPU per viewer than the
 * media server does, so on two cores the clients would run out first. Both processes' CPU is
 * reported apart.
 *
 * Viewers join hidden (as Serambi's audience does) in STEPS until LiveKit uses a whole core or
 * MAX_VIEWERS. LiveKit's CPU per viewer-second is the slope of a least-squares line through the
 * steps (LiveKit's cores against viewers), so the fixed cost of the room and the speaker is not
 * counted per viewer; "viewers one core carries" is where that line reaches one core. On a
 * machine shared with other work LiveKit cannot always take a whole core: the slope is what
 * carries over, and the last step says how far it was measured.
 *
 * A step where a viewer receives less than MIN_DELIVERY of what a viewer received at the first
 * step is past what the machine carries (LiveKit or the viewers' process short of CPU): it ends
 * the run and is not counted. The bench fails unless every viewer of every counted step received
 * audio and video, and at least two steps were counted. `BENCH_CAPACITY_MAX=100` caps the audience.
 */
import './test-env.ts';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { toolsBinDir } from '../server/src/livekit/binary.ts';
import { createRoom, mintToken } from '../test/support/bots.ts';
import { startTestLiveKit } from '../test/support/livekit.ts';
import { type BenchResult, check, report } from './results.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Audiences measured, in order; the run stops at the first step that reaches a limit. */
const STEPS = [25, 50, 100, 150, 200, 300, 400, 500];
const MAX_VIEWERS = Number(process.env.BENCH_CAPACITY_MAX ?? STEPS[STEPS.length - 1]);
/** Viewers connecting at once. */
const JOIN_CONCURRENCY = 25;
/** After a step's viewers all receive media, before measuring: the bitrate estimators settle. */
const SETTLE_MS = 3_000;
const MEASURE_MS = 8_000;
/** LiveKit at this share of one core counts as one core saturated. */
const SATURATED_CORES = 0.95;
/** Each viewer must receive at least this share of the bytes a viewer received at the first step. */
const MIN_DELIVERY = 0.8;
const CLOCK_TICKS = 100;

interface Layer {
  quality: 'low' | 'medium' | 'high';
  /** ffmpeg lavfi source of the picture, at the layer's size and rate. */
  picture: string;
  /** ffmpeg rate control: a camera sends at its ceiling, a slide far below it. */
  rate: string[];
}

interface Scene {
  key: 'camera' | 'screen';
  label: string;
  layers: Layer[];
}

const cbr = (kbps: number) => ['-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps / 2}k`];
/** Moving test pattern with grain: a camera picture that keeps the encoder near its ceiling. */
const cameraPicture = (size: string, fps: number) => `testsrc2=size=${size}:rate=${fps},noise=alls=10:allf=t`;
/** A grey slide with a white bar crossing it. */
const slidePicture = (w: number, h: number) =>
  `color=c=0xdddddd:s=${w}x${h}:r=15[bg];color=c=white:s=${w / 8}x${h}:r=15[bar];[bg][bar]overlay=x='mod(n*${w / 120},${w})':y=0:shortest=1`;

const SCENES: Scene[] = [
  {
    key: 'camera',
    label: '720p camera (simulcast) + audio',
    layers: [
      { quality: 'high', picture: cameraPicture('1280x720', 30), rate: cbr(1_700) },
      { quality: 'medium', picture: cameraPicture('640x360', 20), rate: cbr(450) },
      { quality: 'low', picture: cameraPicture('320x180', 15), rate: cbr(160) },
    ],
  },
  {
    key: 'screen',
    label: '1080p screen share (simulcast) + audio',
    layers: [
      { quality: 'high', picture: slidePicture(1920, 1080), rate: ['-crf', '10', '-b:v', '2500k'] },
      { quality: 'low', picture: slidePicture(960, 540), rate: ['-crf', '10', '-b:v', '500k'] },
    ],
  },
];
/** Seconds of media encoded per scene, sent in a loop. */
const LOOP_SECONDS = 6;

/**
 * The scene's layers as VP8 (.ivf) and the microphone as Opus (.ogg, one 20 ms packet a page),
 * encoded once into .tools/bench-media/<scene>-<recipe> and kept: encoding takes longer than measuring.
 */
function sceneMedia(scene: Scene): string {
  // Named after what it is made of, so a changed scene is encoded again rather than read stale.
  const recipe = createHash('sha256').update(JSON.stringify({ scene, LOOP_SECONDS })).digest('hex').slice(0, 12);
  const dir = path.join(toolsBinDir, '..', 'bench-media', `${scene.key}-${recipe}`);
  if (existsSync(path.join(dir, 'audio.ogg'))) return dir;
  console.log(`encoding the ${scene.key} scene with ffmpeg (once) …`);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const vp8 = [
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-auto-alt-ref',
    '0',
    '-lag-in-frames',
    '0',
  ];
  const ffmpeg = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: 'inherit' });
  for (const layer of scene.layers) {
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      layer.picture,
      '-t',
      String(LOOP_SECONDS),
      ...vp8,
      '-error-resilient',
      '1',
      '-g',
      '60',
      '-keyint_min',
      '60',
      ...layer.rate,
      path.join(partial, `${layer.quality}.ivf`),
    ]);
  }
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-t',
    String(LOOP_SECONDS),
    '-c:a',
    'libopus',
    '-b:a',
    '32k',
    '-page_duration',
    '20000',
    path.join(partial, 'audio.ogg'),
  ]);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return dir;
}

/** User + system CPU seconds of a process, all threads. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Idle CPU seconds of the whole machine (all cores), from /proc/stat. */
function idleSeconds(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  return (Number(fields[4]) + Number(fields[5])) / CLOCK_TICKS;
}

/** bench/media-bots built into .tools/bin, again whenever a Go source is newer than the binary. */
function mediaBotsBinary(): string {
  const source = path.join(here, 'media-bots');
  const binary = path.join(toolsBinDir, 'bench-media-bots');
  const newest = Math.max(
    ...readdirSync(source)
      .filter((f) => /\.(go|mod|sum)$/.test(f))
      .map((f) => statSync(path.join(source, f)).mtimeMs),
  );
  let built = 0;
  try {
    built = statSync(binary).mtimeMs;
  } catch {}
  if (built < newest) {
    console.log('building bench/media-bots (Go) …');
    execFileSync('go', ['build', '-o', binary, '.'], { cwd: source, stdio: 'inherit' });
  }
  return binary;
}

/** The speaker's process: publishes the scene until stopped. */
async function startSpeaker(binary: string, url: string, token: string, scene: Scene) {
  const child = spawn(binary, ['publish', url, token, scene.key, sceneMedia(scene)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const [first] = await Promise.race([
    new Promise<string[]>((resolve) => createInterface({ input: child.stdout }).once('line', (l) => resolve([l]))),
    exited.then(() => ['exited']),
  ]);
  if (first !== 'published') throw new Error(`the speaker did not publish: ${first}`);
  return {
    pid: child.pid ?? -1,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/** The Go process holding the viewers, driven line by line. */
function startViewers(binary: string) {
  const child = spawn(binary, ['viewers'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting: Array<(line: string) => void> = [];
  const joins: Array<(line: string) => void> = [];
  lines.on('line', (line) => {
    if (line.startsWith('joined') || line.startsWith('failed')) joins.shift()?.(line);
    else waiting.shift()?.(line);
  });
  const ask = (command: string) =>
    new Promise<string>((resolve) => {
      waiting.push(resolve);
      child.stdin.write(`${command}\n`);
    });
  return {
    pid: child.pid ?? -1,
    join: (url: string, token: string) =>
      new Promise<void>((resolve, reject) => {
        joins.push((line) => (line.startsWith('joined') ? resolve() : reject(new Error(`a viewer: ${line}`))));
        child.stdin.write(`join ${url} ${token}\n`);
      }),
    async stats() {
      const [, viewers, bytes, packets, withAudio, withVideo] = (await ask('stats')).split(' ').map(Number);
      return {
        viewers: viewers ?? 0,
        bytes: bytes ?? 0,
        packets: packets ?? 0,
        withAudio: withAudio ?? 0,
        withVideo: withVideo ?? 0,
      };
    },
    quit: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.write('quit\n');
      }),
  };
}

interface Step {
  viewers: number;
  liveKitCores: number;
  viewersCores: number;
  publisherCores: number;
  idleCores: number;
  /** RTP bytes (header and payload, after SRTP) each viewer received per second. */
  bytesPerViewerSecond: number;
}

/** Waits (30 s at most) until two 2-second windows of the viewers' bytes differ by under 10 %. */
async function untilSteady(viewers: ReturnType<typeof startViewers>): Promise<void> {
  const rateOver = async (ms: number) => {
    const before = (await viewers.stats()).bytes;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return ((await viewers.stats()).bytes - before) / ms;
  };
  let previous = await rateOver(2_000);
  for (let i = 0; i < 14; i++) {
    const rate = await rateOver(2_000);
    if (Math.abs(rate - previous) < 0.1 * previous) return;
    previous = rate;
  }
}

/** Least-squares line through (x, y): slope and intercept. */
function fitLine(points: Array<[number, number]>): { slope: number; intercept: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

async function measureScene(
  liveKit: Awaited<ReturnType<typeof startTestLiveKit>>,
  binary: string,
  scene: Scene,
): Promise<{ steps: Step[]; stoppedBy: string }> {
  const room = `capacity-${scene.key}-${crypto.randomUUID().slice(0, 8)}`;
  await createRoom(liveKit, room);
  const speakerToken = await mintToken(liveKit, {
    room,
    identity: 'speaker',
    grant: { canPublish: true, canSubscribe: false, canPublishData: true },
  });
  const publisher = await startSpeaker(binary, liveKit.url, speakerToken, scene);
  const viewers = startViewers(binary);
  try {
    const measure = async (count: number): Promise<Step> => {
      const pids = { liveKit: liveKit.pid, viewers: viewers.pid, publisher: publisher.pid };
      const before = {
        liveKit: cpuSeconds(pids.liveKit),
        viewers: cpuSeconds(pids.viewers),
        publisher: cpuSeconds(pids.publisher),
        idle: idleSeconds(),
        stats: await viewers.stats(),
        at: performance.now(),
      };
      await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
      const after = await viewers.stats();
      const seconds = (performance.now() - before.at) / 1_000;
      return {
        viewers: count,
        liveKitCores: (cpuSeconds(pids.liveKit) - before.liveKit) / seconds,
        viewersCores: (cpuSeconds(pids.viewers) - before.viewers) / seconds,
        publisherCores: (cpuSeconds(pids.publisher) - before.publisher) / seconds,
        idleCores: (idleSeconds() - before.idle) / seconds,
        bytesPerViewerSecond: count === 0 ? 0 : (after.bytes - before.stats.bytes) / seconds / count,
      };
    };

    const steps: Step[] = [];
    let joined = 0;
    let stoppedBy = `the last step (${MAX_VIEWERS} viewers)`;
    for (const target of STEPS.filter((s) => s <= MAX_VIEWERS)) {
      const tokens = await Promise.all(
        Array.from({ length: target - joined }, (_, i) =>
          mintToken(liveKit, {
            room,
            identity: `viewer-${joined + i + 1}`,
            grant: { hidden: true, canSubscribe: true, canPublish: false, canPublishData: true },
          }),
        ),
      );
      let next = 0;
      await Promise.all(
        Array.from({ length: JOIN_CONCURRENCY }, async () => {
          while (next < tokens.length) await viewers.join(liveKit.url, tokens[next++] as string);
        }),
      );
      joined = target;
      const receiving = async () => {
        const s = await viewers.stats();
        return s.viewers === target && s.withAudio === target && s.withVideo === target;
      };
      const deadline = Date.now() + 30_000;
      while (!(await receiving())) {
        check(Date.now() < deadline, `not every one of ${target} viewers received audio and video within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // The first time, until the speaker's encoder has climbed to its bitrate (libwebrtc starts
      // low and raises it as its bandwidth estimate grows).
      if (steps.length === 0) await untilSteady(viewers);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const step = await measure(target);
      console.log(`[${scene.key}] ${JSON.stringify(step)}`);
      const first = steps[0];
      if (first && step.bytesPerViewerSecond < MIN_DELIVERY * first.bytesPerViewerSecond) {
        // Past what this machine carries: the step is not counted, the ones before it are.
        stoppedBy = `delivery: at ${target} viewers each received ${Math.round(step.bytesPerViewerSecond / 1_000)} kB/s, under ${MIN_DELIVERY * 100} % of the ${Math.round(first.bytesPerViewerSecond / 1_000)} kB/s at ${first.viewers}`;
        break;
      }
      steps.push(step);
      if (step.liveKitCores >= SATURATED_CORES) {
        stoppedBy = `LiveKit at ${step.liveKitCores.toFixed(2)} cores`;
        break;
      }
    }
    return { steps, stoppedBy };
  } finally {
    await viewers.quit();
    await publisher.stop();
  }
}

async function main(): Promise<void> {
  const binary = mediaBotsBinary();
  const liveKit = await startTestLiveKit();
  const results: BenchResult[] = [];
  try {
    for (const scene of SCENES) {
      const { steps, stoppedBy } = await measureScene(liveKit, binary, scene);
      check(steps.length >= 2, `${scene.label}: fewer than two steps measured`);
      const top = steps[steps.length - 1] as Step;
      const line = fitLine(steps.map((s) => [s.viewers, s.liveKitCores] as [number, number]));
      check(line.slope > 0, `${scene.label}: LiveKit's CPU did not grow with the audience`);
      const perCore = (1 - line.intercept) / line.slope;
      const bytes = steps.reduce((s, step) => s + step.bytesPerViewerSecond, 0) / steps.length;
      const name = `one LiveKit node, ${scene.label}`;
      console.log(`[${scene.key}] stopped by ${stoppedBy}; fit ${JSON.stringify(line)}`);
      results.push(
        {
          name: `${name}: LiveKit CPU per viewer-second (slope over ${steps.length} steps up to ${top.viewers} viewers)`,
          value: line.slope * 1_000_000,
          unit: 'µs',
          comparedTo: {
            name: 'fixed cost per second (the line at 0 viewers: room, speaker)',
            value: line.intercept * 1_000_000,
            unit: 'µs',
          },
        },
        {
          name: `${name}: viewers one core carries (where the fitted line reaches 1 core)`,
          value: perCore,
          unit: 'viewers',
          comparedTo: { name: `viewers measured at the last step (${stoppedBy})`, value: top.viewers, unit: 'viewers' },
        },
        {
          name: `${name}: LiveKit CPU at the last step`,
          value: top.liveKitCores,
          unit: 'cores',
          comparedTo: { name: `${top.viewers} viewers`, value: top.viewers, unit: 'viewers' },
        },
        {
          name: `${name}: bytes per viewer (RTP received, mean over the steps)`,
          value: bytes / 1_000,
          unit: 'kB/s',
          comparedTo: { name: 'the same per viewer-hour', value: (bytes * 3_600) / 1e6, unit: 'MB' },
        },
        {
          name: `${name}: the viewers' own CPU per viewer-second (Go process, not decoding), at the last step`,
          value: (top.viewersCores / top.viewers) * 1_000_000,
          unit: 'µs',
          comparedTo: {
            name: "LiveKit's at that step",
            value: (top.liveKitCores / top.viewers) * 1_000_000,
            unit: 'µs',
          },
        },
        {
          name: `${name}: the speaker's CPU (Go, sending encoded media), at the last step`,
          value: top.publisherCores * 1_000,
          unit: 'ms/s',
          comparedTo: null,
        },
      );
    }
  } catch (error) {
    console.error(error);
    await liveKit.stop();
    process.exit(1);
  }
  await liveKit.stop();
  console.log(`${os.cpus().length} CPUs`);
  report(results);
  process.exit(0);
}

await main();
