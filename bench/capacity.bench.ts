/**
 * How many people one LiveKit node on this machine carries (issue 19): one speaker publishes,
 * subscribe-only viewers are added in steps, and at each step LiveKit's own CPU (utime + stime of
 * its process, /proc/<pid>/stat) and the bytes each viewer receives are measured. Two scenes:
 * a camera as the web client publishes it (livekit-client's defaults: 1280×720@30 at up to
 * 1.7 Mbit/s with simulcast layers 640×360 and 320×180) plus the microphone; and the
 * low-bandwidth mode, a 1920×1080@15 screen share (a slide with a bar moving across it, up to
 * 2.5 Mbit/s, and a half-size layer) plus the microphone, no camera.
 *
 * Who runs where, so that what is measured is LiveKit: the speaker is a headless Chromium
 * publishing with livekit-client (capacity-speaker.ts; the camera is Chromium's fake camera
 * playing a y4m file ffmpeg made once, cached in .tools/bench-media), in its own processes. The
 * viewers are rtc-node Rooms in child processes of 25 (capacity-audience.ts) (capacity-viewers.ts),
 * each a real WebRTC subscriber that attaches no VideoStream or AudioStream, so nothing reaches
 * JavaScript; what each received is its subscriber PeerConnection's inbound-rtp bytes. The
 * speaker's and the viewers' CPU (their processes' /proc stat) are reported apart from LiveKit's.
 *
 * The speaker's sender statistics are read at every step: a step whose full-size layer (1280×720,
 * or 1920×1080 for the screen) was not sent throughout the step fails the bench rather than
 * report a figure for a smaller picture.
 *
 * Viewers join hidden (as Serambi's audience does) in STEPS until LiveKit uses a whole core or
 * MAX_VIEWERS. LiveKit's CPU per viewer-second is the slope of a least-squares line through the
 * steps (LiveKit's cores against viewers), so the fixed cost of the room and the speaker is not
 * counted per viewer; "viewers one core carries" is where that line reaches one core. On a
 * machine shared with other work LiveKit cannot always take a whole core: the slope is what
 * carries over, and the last step says how far it was measured.
 *
 * A step where a viewer receives less than MIN_DELIVERY of what a viewer received at the first
 * step is past what the machine carries (LiveKit or the viewers' processes short of CPU): it ends
 * the run and is not counted. The bench fails unless every viewer of every counted step received
 * audio and video, and at least two steps were counted. `BENCH_CAPACITY_MAX=40` caps the audience.
 */
import './test-env.ts';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toolsBinDir } from '../server/src/livekit/binary.ts';
import { createRoom, mintToken } from '../test/support/bots.ts';
import { startTestLiveKit } from '../test/support/livekit.ts';
import { Audience, cpuSeconds, idleSeconds, treeCpuSeconds } from './capacity-audience.ts';
import { type SentLayer, startSpeaker } from './capacity-speaker.ts';
import { type BenchResult, check, report } from './results.ts';

/** Audiences measured, in order; the run stops at the first step that reaches a limit. */
const STEPS = [5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100];
const MAX_VIEWERS = Number(process.env.BENCH_CAPACITY_MAX ?? STEPS[STEPS.length - 1]);
/** Viewers connecting at once. */
const JOIN_CONCURRENCY = 10;
/** After a step's viewers all receive media, before measuring: the bitrate estimators settle. */
const SETTLE_MS = 3_000;
const MEASURE_MS = 8_000;
/** LiveKit at this share of one core counts as one core saturated. */
const SATURATED_CORES = 0.95;
/** Each viewer must receive at least this share of the bytes a viewer received at the first step. */
const MIN_DELIVERY = 0.8;

interface Scene {
  key: 'camera' | 'screen';
  label: string;
  /** The full-size layer the speaker must send throughout every step. */
  width: number;
  height: number;
}

const SCENES: Scene[] = [
  { key: 'camera', label: '720p camera (simulcast) + audio', width: 1280, height: 720 },
  { key: 'screen', label: '1080p screen share (simulcast) + audio', width: 1920, height: 1080 },
];

/** `BENCH_CAPACITY_SCENES=screen` measures that scene alone (a trial; `pnpm bench` publishes both). */
const ONLY_SCENES = process.env.BENCH_CAPACITY_SCENES?.split(',');

/**
 * The fake camera's picture: a moving test pattern with grain (a picture that keeps the encoder
 * near its ceiling), 1280×720@30, LOOP_SECONDS long (Chromium plays it in a loop). Made once with
 * ffmpeg into .tools/bench-media, named after its recipe so a changed picture is made again.
 */
const CAMERA_PICTURE = 'testsrc2=size=1280x720:rate=30,noise=alls=10:allf=t';
const LOOP_SECONDS = 3;

function cameraFile(): string {
  const recipe = createHash('sha256')
    .update(JSON.stringify({ CAMERA_PICTURE, LOOP_SECONDS }))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(toolsBinDir, '..', 'bench-media');
  const file = path.join(dir, `camera-${recipe}.y4m`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  // Older pictures of the camera are replaced, not kept beside it (each is over 100 MB).
  for (const old of readdirSync(dir).filter((f) => f.startsWith('camera-')))
    rmSync(path.join(dir, old), { recursive: true });
  console.log('making the fake camera picture with ffmpeg (once) …');
  const partial = `${file}.partial.y4m`;
  execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      CAMERA_PICTURE,
      '-t',
      String(LOOP_SECONDS),
      '-pix_fmt',
      'yuv420p',
      partial,
    ],
    { stdio: 'inherit' },
  );
  renameSync(partial, file);
  return file;
}

interface Step {
  viewers: number;
  liveKitCores: number;
  viewersCores: number;
  publisherCores: number;
  idleCores: number;
  /** RTP bytes (header and payload) each viewer received per second. */
  bytesPerViewerSecond: number;
  /** The speaker's full-size layer over the step: frames per second it encoded and its bitrate. */
  topLayerFps: number;
  topLayerKbps: number;
  /** Video frames the viewers decoded per viewer-second (0: the subscribers decode nothing). */
  decodedPerViewerSecond: number;
}

/** Waits (30 s at most) until two 2-second windows of the viewers' bytes differ by under 10 %. */
async function untilSteady(audience: Audience): Promise<void> {
  const rateOver = async (ms: number) => {
    const before = (await audience.stats()).bytes;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return ((await audience.stats()).bytes - before) / ms;
  };
  let previous = await rateOver(2_000);
  for (let i = 0; i < 14; i++) {
    const rate = await rateOver(2_000);
    if (Math.abs(rate - previous) < 0.1 * previous) return;
    previous = rate;
  }
}

/**
 * Waits (45 s at most) until the speaker encodes its full-size layer at 5 frames a second or more:
 * the layer starts only once the bandwidth estimate allows it (and the viewers ask for it).
 */
async function untilFullLayer(speaker: { layers(): Promise<SentLayer[]> }, scene: Scene): Promise<void> {
  const deadline = Date.now() + 45_000;
  let before = fullLayer(await speaker.layers(), scene)?.framesEncoded ?? 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const layers = await speaker.layers();
    if (process.env.BENCH_CAPACITY_DEBUG) console.log(JSON.stringify(layers));
    const now = fullLayer(layers, scene)?.framesEncoded ?? 0;
    if (now - before >= 5) return;
    check(
      Date.now() < deadline,
      () =>
        `${scene.label}: the speaker did not start sending its ${scene.width}×${scene.height} layer within 45 s (layers: ${JSON.stringify(layers)})`,
    );
    before = now;
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

/** The speaker's full-size layer in its sender statistics, or undefined if none is that size. */
function fullLayer(layers: SentLayer[], scene: Scene): SentLayer | undefined {
  return layers.find((l) => l.width === scene.width && l.height === scene.height);
}

async function measureScene(
  liveKit: Awaited<ReturnType<typeof startTestLiveKit>>,
  scene: Scene,
): Promise<{ steps: Step[]; stoppedBy: string }> {
  const room = `capacity-${scene.key}-${crypto.randomUUID().slice(0, 8)}`;
  await createRoom(liveKit, room);
  const speakerToken = await mintToken(liveKit, {
    room,
    identity: 'speaker',
    grant: { canPublish: true, canSubscribe: false, canPublishData: true },
  });
  const speaker = await startSpeaker({
    url: liveKit.url,
    token: speakerToken,
    scene: scene.key,
    cameraFile: cameraFile(),
  });
  const audience = new Audience();
  try {
    const measure = async (count: number, attempt = 1): Promise<Step> => {
      const before = {
        liveKit: cpuSeconds(liveKit.pid),
        viewers: audience.cpuSeconds(),
        publisher: treeCpuSeconds(speaker.pid),
        idle: idleSeconds(),
        layer: fullLayer(await speaker.layers(), scene),
        stats: await audience.stats(),
        at: performance.now(),
      };
      await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
      const after = await audience.stats();
      const layersAtEnd = await speaker.layers();
      const layer = fullLayer(layersAtEnd, scene);
      const seconds = (performance.now() - before.at) / 1_000;
      const step = {
        viewers: count,
        liveKitCores: (cpuSeconds(liveKit.pid) - before.liveKit) / seconds,
        viewersCores: (audience.cpuSeconds() - before.viewers) / seconds,
        publisherCores: (treeCpuSeconds(speaker.pid) - before.publisher) / seconds,
        idleCores: (idleSeconds() - before.idle) / seconds,
        bytesPerViewerSecond: count === 0 ? 0 : (after.bytes - before.stats.bytes) / seconds / count,
        topLayerFps: layer && before.layer ? (layer.framesEncoded - before.layer.framesEncoded) / seconds : 0,
        topLayerKbps: layer && before.layer ? ((layer.bytesSent - before.layer.bytesSent) * 8) / seconds / 1_000 : 0,
        decodedPerViewerSecond: (after.framesDecoded - before.stats.framesDecoded) / seconds / count,
      };
      // The figure is for the full-size picture: a speaker that sent a smaller one is measured
      // again once the layer is back (its bandwidth estimate dips now and then on this loaded
      // machine), and fails the bench the third time; viewers that received a smaller one fail it.
      if (before.layer === undefined || layer === undefined || step.topLayerFps < 1) {
        const problem = `${scene.label}, ${count} viewers: the speaker did not send its ${scene.width}×${scene.height} layer throughout the step (layers sent: ${JSON.stringify(layersAtEnd)})`;
        check(attempt < 3, problem);
        console.log(`${problem}; measuring again`);
        await untilFullLayer(speaker, scene);
        return measure(count, attempt + 1);
      }
      check(
        after.videoWidth === scene.width,
        `${scene.label}, ${count} viewers: the widest picture a viewer decoded was ${after.videoWidth} wide, not ${scene.width}`,
      );
      return step;
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
          while (next < tokens.length) await audience.join(liveKit.url, tokens[next++] as string);
        }),
      );
      joined = target;
      const receiving = async () => {
        const s = await audience.stats();
        return s.viewers === target && s.withAudio === target && s.withVideo === target;
      };
      const deadline = Date.now() + 30_000;
      let allReceiving = await receiving();
      while (!allReceiving && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        allReceiving = await receiving();
      }
      if (!allReceiving) {
        // Past what this machine carries: the steps before were all received.
        stoppedBy = `joins: not every one of ${target} viewers received audio and video within 30 s`;
        break;
      }
      // The first time, until the speaker's encoder has climbed to its bitrate (libwebrtc starts
      // low and raises it as its bandwidth estimate grows).
      if (steps.length === 0) {
        await untilFullLayer(speaker, scene);
        await untilSteady(audience);
      }
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const step = await measure(target);
      console.log(`[${scene.key}] ${JSON.stringify(step)}`);
      // The viewers decode what they receive (rtc-node): fewer frames decoded than the speaker's
      // full-size layer sends means their processes are short of CPU.
      if (step.decodedPerViewerSecond < MIN_DELIVERY * step.topLayerFps) {
        stoppedBy = `decoding: at ${target} viewers each decoded ${step.decodedPerViewerSecond.toFixed(1)} frames a second of the ${step.topLayerFps.toFixed(1)} sent`;
        break;
      }
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
    await audience.quit();
    await speaker.stop();
  }
}

async function main(): Promise<void> {
  const liveKit = await startTestLiveKit();
  const results: BenchResult[] = [];
  try {
    for (const scene of SCENES.filter((s) => ONLY_SCENES?.includes(s.key) ?? true)) {
      const { steps, stoppedBy } = await measureScene(liveKit, scene);
      check(steps.length >= 2, `${scene.label}: fewer than two steps measured`);
      const top = steps[steps.length - 1] as Step;
      const line = fitLine(steps.map((s) => [s.viewers, s.liveKitCores] as [number, number]));
      check(line.slope > 0, `${scene.label}: LiveKit's CPU did not grow with the audience`);
      const perCore = (1 - line.intercept) / line.slope;
      const bytes = steps.reduce((s, step) => s + step.bytesPerViewerSecond, 0) / steps.length;
      const name = `one LiveKit node, ${scene.label}`;
      console.log(`[${scene.key}] stopped by ${stoppedBy}; fit ${JSON.stringify(line)}`);
      const decoding = top.decodedPerViewerSecond >= 1 ? 'decoding video' : 'not decoding';
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
          name: `${name}: the viewers' own CPU per viewer-second (rtc-node processes, ${decoding}), at the last step`,
          value: (top.viewersCores / top.viewers) * 1_000_000,
          unit: 'µs',
          comparedTo: {
            name: "LiveKit's at that step",
            value: (top.liveKitCores / top.viewers) * 1_000_000,
            unit: 'µs',
          },
        },
        {
          name: `${name}: the speaker's CPU (Chromium encoding, ${scene.width}×${scene.height} layer at ${Math.round(top.topLayerFps)} fps, ${Math.round(top.topLayerKbps)} kbit/s), at the last step`,
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
