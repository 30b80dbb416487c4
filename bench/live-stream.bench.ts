/**
 * Live out to an RTMP server (issue "Speaker studio", part 2): what streaming a session costs on
 * top of recording it. The scene of the recorder bench (a 720p30 camera with a tone and a 1080p30
 * screen share, composed to 1280×720 at 15 fps) is recorded by a recorder alone for a while, then
 * by the recorder with the streamer beside it (the same child process in its `flv` mode, pushing
 * to Debian's nginx-rtmp on loopback) for as long: CPU seconds of the recorder's process tree
 * (with its ffmpeg) in the first window, of the recorder's and the streamer's trees in the
 * second, and the difference. The bench fails, publishing nothing, unless the streamer was live
 * for the whole second window (no failure, the same ffmpeg throughout) and ffprobe reads H.264
 * 1280×720 and AAC back from nginx-rtmp. Run alone with `pnpm bench live-stream`
 * (BENCH_LIVE_STREAM_SECONDS sets each window).
 */
import './test-env.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecorderEvent, RecorderProcess } from '../server/src/recordings/recorder/spawn.ts';
import { spawnRecorder } from '../server/src/recordings/recorder/spawn.ts';
import { type Bot, createRoom, joinBot, mintToken } from '../test/support/bots.ts';
import { startTestLiveKit } from '../test/support/livekit.ts';
import { i420Frame, type Publication, publishLoop } from '../test/support/recording-media.ts';
import { FFMPEG } from '../test/support/recording-probe.ts';
import { dispose } from '../test/support/rtc.ts';
import { probeLiveStream, type RtmpServer, startRtmpServer } from '../test/support/rtmp.ts';
import { childrenOf, treeCpuSeconds } from './process-cpu.ts';
import { type BenchResult, check, report } from './results.ts';

const WINDOW_SECONDS = Number(process.env.BENCH_LIVE_STREAM_SECONDS ?? 30);
/** Not measured: subscriptions, the first keyframes, ffmpeg's start (and the RTMP handshake). */
const WARM_UP_MS = 5_000;
const CANVAS = { width: 1280, height: 720, fps: 15 };
const CAMERA = { width: 1280, height: 720, fps: 30, colour: { y: 110, u: 100, v: 160 } };
const SCREEN = { width: 1920, height: 1080, fps: 30, colour: { y: 200, u: 128, v: 128 } };
const KEY = 'bench-stream-key';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function nextEvent(
  process: RecorderProcess,
  match: (event: RecorderEvent) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<RecorderEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} in ${timeoutMs} ms`)), timeoutMs);
    const unsubscribe = process.onEvent((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
    void process.exited.then((exit) => reject(new Error(`exited before ${what}: ${JSON.stringify(exit)}`)));
  });
}

const frames = (size: { width: number; height: number; colour: { y: number; u: number; v: number } }) =>
  Array.from({ length: 30 }, (_, i) => i420Frame(size.width, size.height, size.colour, i / 29));

/** CPU seconds the trees of `pids` use over `seconds` of wall time, checking their ffmpeg stays the same one. */
async function cpuOver(pids: number[], seconds: number): Promise<number> {
  const ffmpegs = pids.map((pid) => childrenOf(pid).join(','));
  check(
    ffmpegs.every((children) => children !== ''),
    'a process has no ffmpeg child at the start of the window',
  );
  const before = pids.reduce((sum, pid) => sum + treeCpuSeconds(pid), 0);
  await sleep(seconds * 1_000);
  const after = pids.reduce((sum, pid) => sum + treeCpuSeconds(pid), 0);
  check(
    pids.every((pid, i) => childrenOf(pid).join(',') === ffmpegs[i]),
    'an ffmpeg was replaced during the window: its CPU would be lost',
  );
  return after - before;
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'serambi-live-stream-bench-'));
const liveKit = await startTestLiveKit();
let rtmp: RtmpServer | undefined;
const publications: Publication[] = [];
let speaker: Bot | undefined;
const processes: RecorderProcess[] = [];
let results: BenchResult[] = [];
let failure: Error | null = null;
try {
  rtmp = await startRtmpServer();
  const room = 'live-stream-bench';
  await createRoom(liveKit, room);
  speaker = await joinBot(liveKit, { room, identity: 'speaker' });
  publications.push(
    await publishLoop(speaker, { source: 'camera', frames: frames(CAMERA), fps: CAMERA.fps, toneHz: 220 }),
    await publishLoop(speaker, { source: 'screen', frames: frames(SCREEN), fps: SCREEN.fps }),
  );
  const tokenFor = (identity: string) =>
    mintToken(liveKit, {
      room,
      identity,
      grant: { hidden: true, recorder: true, canSubscribe: true, canPublish: false, canPublishData: false },
    });

  const recorder = spawnRecorder({
    url: liveKit.url,
    token: await tokenFor('recorder'),
    output: path.join(scratch, 'bench.mp4'),
    ffmpeg: FFMPEG,
    ...CANVAS,
  });
  processes.push(recorder);
  await nextEvent(recorder, (e) => e.event === 'media', 'recorder media');
  await sleep(WARM_UP_MS);
  const recordingAlone = await cpuOver([recorder.pid], WINDOW_SECONDS);

  const streamer = spawnRecorder({
    url: liveKit.url,
    token: await tokenFor('streamer'),
    output: `${rtmp.address}/${KEY}`,
    format: 'flv',
    redact: [KEY],
    ffmpeg: FFMPEG,
    ...CANVAS,
  });
  processes.push(streamer);
  let streamFailures = 0;
  streamer.onEvent((event) => {
    if (event.event === 'stream' && event.state === 'failed') streamFailures++;
  });
  await nextEvent(streamer, (e) => e.event === 'stream' && e.state === 'live', 'the stream going live');
  await sleep(WARM_UP_MS);
  const recordingAndStreaming = await cpuOver([recorder.pid, streamer.pid], WINDOW_SECONDS);
  check(streamFailures === 0, () => `the stream failed ${streamFailures} times while measured`);
  const probed = await probeLiveStream(rtmp.playUrl(KEY));
  const video = probed.streams.find((s) => s.codecType === 'video');
  check(
    video?.codecName === 'h264' && video.width === CANVAS.width && video.height === CANVAS.height,
    () => `nginx-rtmp holds ${JSON.stringify(probed.streams)}, not H.264 at ${CANVAS.width}×${CANVAS.height}`,
  );
  check(
    probed.streams.some((s) => s.codecType === 'audio' && s.codecName === 'aac'),
    'nginx-rtmp holds no AAC audio',
  );
  console.log(JSON.stringify({ recordingAlone, recordingAndStreaming, probed }));

  const scene = `live stream, ${CANVAS.width}×${CANVAS.height}@${CANVAS.fps} from a 720p30 camera + 1080p30 screen share, ${WINDOW_SECONDS} s`;
  results = [
    {
      name: `${scene}: CPU seconds of recording and streaming (recorder + streamer, each with its ffmpeg)`,
      value: recordingAndStreaming,
      unit: 'CPU s',
      comparedTo: { name: 'recording alone (recorder + ffmpeg)', value: recordingAlone, unit: 'CPU s' },
    },
    {
      name: `${scene}: extra CPU of streaming over recording alone`,
      value: recordingAndStreaming - recordingAlone,
      unit: 'CPU s',
      comparedTo: { name: 'wall time', value: WINDOW_SECONDS, unit: 's' },
    },
  ];
} catch (error) {
  failure = error as Error;
} finally {
  for (const process of processes) process.kill();
  for (const publication of publications) await publication.stop();
  await speaker?.disconnect();
  await dispose();
  await liveKit.stop();
  await rtmp?.dispose();
  rmSync(scratch, { recursive: true, force: true });
}
if (failure) {
  console.error(failure);
  process.exit(1);
}
report(results);
// rtc-node's native runtime keeps the process alive; everything of ours is stopped.
process.exit(0);
