/**
 * The built-in recorder (issue "Recordings and replays") under the load it is built for: one
 * stage person publishing a 1280×720 camera at 30 fps with a microphone, and a 1920×1080 screen
 * share at 30 fps, recorded to 1280×720 at 15 fps. What it costs (CPU of the recorder process
 * and its ffmpeg, from /proc, over wall time; their resident memory) and whether it keeps up
 * (media written and encoded per wall second, ffmpeg's own speed, frames frozen because the
 * encoder was behind). The bench fails, publishing nothing, unless the recorder showed that
 * scene to the end and its file holds it: H.264 at the canvas size and AAC, as long as the time
 * recorded, the tone audible, the screen share's picture (bench/recording-check.ts). Run alone
 * with `node --import tsx bench/recorder.bench.ts` (BENCH_RECORDER_SECONDS sets the measured
 * time), or with the rest by `pnpm bench`.
 */
import './test-env.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecorderEvent, RecorderProcess } from '../server/src/recordings/recorder/spawn.ts';
import { spawnRecorder } from '../server/src/recordings/recorder/spawn.ts';
import { type Bot, createRoom, joinBot, mintToken } from '../test/support/bots.ts';
import { startTestLiveKit } from '../test/support/livekit.ts';
import { i420Frame, type Publication, publishLoop } from '../test/support/recording-media.ts';
import { FFMPEG, probeRecording } from '../test/support/recording-probe.ts';
import { dispose } from '../test/support/rtc.ts';
import { childrenOf, cpuSeconds } from './process-cpu.ts';
import { checkRecording } from './recording-check.ts';
import { type BenchResult, check, report } from './results.ts';

const MEASURED_SECONDS = Number(process.env.BENCH_RECORDER_SECONDS ?? 30);
/** Not measured: subscriptions, the first keyframes, ffmpeg's start. */
const WARM_UP_MS = 4_000;
const CANVAS = { width: 1280, height: 720, fps: 15 };
const SAMPLE_EVERY_MS = 1_000;
const CAMERA = { width: 1280, height: 720, fps: 30, colour: { y: 110, u: 100, v: 160 } };
const SCREEN = { width: 1920, height: 1080, fps: 30, colour: { y: 200, u: 128, v: 128 } };
/** The screen share's grey as ffmpeg decodes it to full-range brightness (the corner camera and the bar shift it a little). */
const SCREEN_BRIGHTNESS = ((SCREEN.colour.y - 16) * 255) / 219;

/** Resident memory of a process in MiB; 0 once it is gone. */
function residentMiB(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return Number(line?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function nextEvent<Kind extends RecorderEvent['event']>(
  recorder: RecorderProcess,
  kind: Kind,
  timeoutMs = 20_000,
): Promise<Extract<RecorderEvent, { event: Kind }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "${kind}" event from the recorder in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const unsubscribe = recorder.onEvent((event) => {
      if (event.event !== kind) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event as Extract<RecorderEvent, { event: Kind }>);
    });
    void recorder.exited.then((exit) => reject(new Error(`the recorder exited early: ${JSON.stringify(exit)}`)));
  });
}

/** Frames a publisher cycles through: a solid picture with a bar moving across, like a slide with a pointer. */
function movingBarFrames(width: number, height: number, count: number, colour: { y: number; u: number; v: number }) {
  return Array.from({ length: count }, (_, i) => i420Frame(width, height, colour, i / (count - 1)));
}

interface Measured {
  /** When the recorder wrote its first frame (its "media" event): the recording's time 0 on the wall clock. */
  mediaAt: number;
  wallSeconds: number;
  recorderCores: number;
  /** Of which its JavaScript thread: receiving frames, mixing, drawing (the rest is rtc-node's native decoding). */
  recorderMainThreadCores: number;
  ffmpegCores: number;
  peakMiB: number;
  averageMiB: number;
  /** The recorder's own share of the peak. */
  recorderPeakMiB: number;
  mediaSeconds: number;
  encodedSeconds: number;
  speed: number | null;
  framesWritten: number;
  framesRepeatedWhileBusy: number;
  audioUnderflows: number;
  showing: string;
  /** The last stats event: what the recorder was subscribed to and showing at the end. */
  latest: Extract<RecorderEvent, { event: 'stats' }>;
}

async function measure(recorder: RecorderProcess): Promise<Measured> {
  let stats: Extract<RecorderEvent, { event: 'stats' }> | undefined;
  recorder.onEvent((event) => {
    if (event.event === 'stats') stats = event;
  });
  const media = await nextEvent(recorder, 'media');
  await sleep(WARM_UP_MS);
  const ffmpegPid = childrenOf(recorder.pid)[0];
  if (ffmpegPid === undefined) throw new Error('the recorder has no ffmpeg child');
  // The stats event closest to the start, so media written is counted over the same window.
  const first = await nextEvent(recorder, 'stats');
  const startedAt = performance.now();
  const cpuBefore = {
    recorder: cpuSeconds(recorder.pid),
    mainThread: cpuSeconds(recorder.pid, true),
    ffmpeg: cpuSeconds(ffmpegPid),
  };
  const memory: number[] = [];
  let recorderPeakMiB = 0;
  while (performance.now() - startedAt < MEASURED_SECONDS * 1_000) {
    await sleep(SAMPLE_EVERY_MS);
    const own = residentMiB(recorder.pid);
    recorderPeakMiB = Math.max(recorderPeakMiB, own);
    memory.push(own + residentMiB(ffmpegPid));
  }
  const last = await nextEvent(recorder, 'stats');
  const wallSeconds = (performance.now() - startedAt) / 1_000;
  const latest = stats ?? last;
  // Without ffmpeg's progress, "media encoded per wall second" would be a zero, not a measurement.
  check(
    first.encodedSeconds !== null && last.encodedSeconds !== null,
    'ffmpeg reported no progress: media encoded unknown',
  );
  return {
    mediaAt: Date.parse(media.at),
    wallSeconds,
    recorderCores: (cpuSeconds(recorder.pid) - cpuBefore.recorder) / wallSeconds,
    recorderMainThreadCores: (cpuSeconds(recorder.pid, true) - cpuBefore.mainThread) / wallSeconds,
    ffmpegCores: (cpuSeconds(ffmpegPid) - cpuBefore.ffmpeg) / wallSeconds,
    peakMiB: Math.max(...memory),
    recorderPeakMiB,
    averageMiB: memory.reduce((sum, value) => sum + value, 0) / memory.length,
    // Between two stats events, which are 5 s apart on the recorder's own clock.
    mediaSeconds: last.mediaSeconds - first.mediaSeconds,
    encodedSeconds: last.encodedSeconds - first.encodedSeconds,
    speed: latest.speed,
    framesWritten: last.framesWritten - first.framesWritten,
    framesRepeatedWhileBusy: last.framesRepeatedWhileBusy - first.framesRepeatedWhileBusy,
    audioUnderflows: last.audioUnderflows - first.audioUnderflows,
    showing: [
      latest.showing?.source ?? 'nothing',
      latest.showing?.width ? `${latest.showing.width}×${latest.showing.height} as received` : '',
      latest.pictureInPicture ? 'with a camera in the corner' : '',
    ]
      .filter(Boolean)
      .join(' '),
    latest,
  };
}

/**
 * Throws unless the recorder worked on the scene the figures name until the end: subscribed to
 * the camera, the screen share and the microphone, showing the screen share as received
 * (1920×1080) with the camera in the corner.
 */
function checkScene(run: Measured): void {
  const { latest } = run;
  check(
    latest.videoTracks === 2 && latest.audioTracks === 1,
    () => `the recorder had ${latest.videoTracks} video and ${latest.audioTracks} audio tracks, not 2 and 1`,
  );
  check(
    latest.showing?.source === 'screen' &&
      latest.showing.width === SCREEN.width &&
      latest.showing.height === SCREEN.height &&
      latest.pictureInPicture !== null,
    () =>
      `the recorder was showing ${run.showing}, not the ${SCREEN.width}×${SCREEN.height} screen share with a camera in the corner`,
  );
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'serambi-recorder-bench-'));
const liveKit = await startTestLiveKit();
const publications: Publication[] = [];
let speaker: Bot | undefined;
let recorder: RecorderProcess | undefined;
let results: BenchResult[] = [];
let failure: Error | null = null;
try {
  const room = 'recorder-bench';
  await createRoom(liveKit, room);
  speaker = await joinBot(liveKit, { room, identity: 'speaker' });
  publications.push(
    await publishLoop(speaker, {
      source: 'camera',
      frames: movingBarFrames(CAMERA.width, CAMERA.height, 30, CAMERA.colour),
      fps: CAMERA.fps,
      toneHz: 220,
    }),
    await publishLoop(speaker, {
      source: 'screen',
      frames: movingBarFrames(SCREEN.width, SCREEN.height, 30, SCREEN.colour),
      fps: SCREEN.fps,
    }),
  );
  const token = await mintToken(liveKit, {
    room,
    identity: 'recorder',
    grant: { hidden: true, recorder: true, canSubscribe: true, canPublish: false, canPublishData: false },
  });
  const output = path.join(scratch, 'bench.mp4');
  recorder = spawnRecorder({ url: liveKit.url, token, output, ffmpeg: FFMPEG, ...CANVAS });
  const run = await measure(recorder);
  const stopped = nextEvent(recorder, 'stopped');
  const stoppedAt = Date.now();
  const [exit] = await Promise.all([recorder.stop(), stopped]);
  if (exit.failure || exit.code !== 0) throw new Error(`the recorder did not stop cleanly: ${JSON.stringify(exit)}`);
  const probed = await probeRecording(output);
  console.log(`measured ${run.wallSeconds.toFixed(1)} s; showing ${run.showing}; file: ${JSON.stringify(probed)}`);
  console.log(JSON.stringify(run));
  checkScene(run);
  const recordedSeconds = (stoppedAt - run.mediaAt) / 1_000;
  const file = await checkRecording(output, {
    width: CANVAS.width,
    height: CANVAS.height,
    recordedSeconds,
    brightness: SCREEN_BRIGHTNESS,
  });
  console.log(`file checked: ${JSON.stringify({ recordedSeconds, ...file })}`);

  const scene = `recorder, ${CANVAS.width}×${CANVAS.height}@${CANVAS.fps} from a 720p30 camera + 1080p30 screen share`;
  results = [
    {
      name: `${scene}: CPU of the recorder and its ffmpeg`,
      value: run.recorderCores + run.ffmpegCores,
      unit: 'cores',
      comparedTo: { name: 'cores of the machine', value: os.cpus().length, unit: 'cores' },
    },
    {
      name: `${scene}: CPU of the recorder process alone`,
      value: run.recorderCores,
      unit: 'cores',
      comparedTo: { name: 'its ffmpeg (x264 veryfast, AAC)', value: run.ffmpegCores, unit: 'cores' },
    },
    {
      name: `${scene}: CPU of the recorder's JavaScript thread (frames in, mixing, drawing)`,
      value: run.recorderMainThreadCores,
      unit: 'cores',
      comparedTo: { name: 'the whole recorder process', value: run.recorderCores, unit: 'cores' },
    },
    {
      name: `${scene}: peak resident memory of the recorder and its ffmpeg`,
      value: run.peakMiB,
      unit: 'MiB',
      comparedTo: { name: 'average', value: run.averageMiB, unit: 'MiB' },
    },
    {
      name: `${scene}: media encoded per wall second`,
      value: run.encodedSeconds / run.wallSeconds,
      unit: '×',
      comparedTo: {
        name: 'media written to ffmpeg per wall second',
        value: run.mediaSeconds / run.wallSeconds,
        unit: '×',
      },
    },
    {
      name: `${scene}: frames repeated because the encoder was behind`,
      value: run.framesRepeatedWhileBusy,
      unit: 'frames',
      comparedTo: { name: 'frames written', value: run.framesWritten, unit: 'frames' },
    },
  ];
  if (run.speed !== null) {
    results.push({ name: `${scene}: ffmpeg's reported speed`, value: run.speed, unit: '×', comparedTo: null });
  }
} catch (error) {
  failure = error as Error;
} finally {
  recorder?.kill();
  for (const publication of publications) await publication.stop();
  await speaker?.disconnect();
  await dispose();
  await liveKit.stop();
  rmSync(scratch, { recursive: true, force: true });
}
if (failure) {
  console.error(failure);
  process.exit(1);
}
report(results);
// rtc-node's native runtime keeps the process alive; everything of ours is stopped.
process.exit(0);
