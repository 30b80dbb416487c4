import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispose, VideoRotation } from '@livekit/rtc-node';
import type { RecorderEvent, RecorderProcess } from '@serambi/server/recordings/recorder/spawn.ts';
import { spawnRecorder } from '@serambi/server/recordings/recorder/spawn.ts';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Bot, createRoom, joinBot, mintToken } from '../support/bots.ts';
import { halvesFrame, i420Frame, publishFlashesAndBursts, publishLoop, yuvOf } from '../support/recording-media.ts';
import {
  burstOnsets,
  decodeAudio,
  decodeBrightness,
  decodeFrame,
  FFMPEG,
  flashOffsets,
  flashOnsets,
  median,
  probeRecording,
} from '../support/recording-probe.ts';
import { colourDistance } from '../support/synthetic-media.ts';

const liveKit = inject('liveKit');

const CANVAS = { width: 1280, height: 720, fps: 15 };
/** How far the file's duration may be from the wall time between "media" and the stop. */
const DURATION_TOLERANCE_S = 0.5;
/** The bound on audio/video drift. */
const SYNC_TOLERANCE_S = 0.1;
const COLOUR_TOLERANCE = 30;

let scratch: string;
const bots: Bot[] = [];
const recorders: RecorderProcess[] = [];

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'serambi-recorder-'));
});

afterAll(async () => {
  for (const recorder of recorders) recorder.kill();
  await Promise.all(bots.map((bot) => bot.disconnect()));
  // rtc-node has one native runtime per process (see test/support/bots.ts): this file is done with it.
  await dispose();
  rmSync(scratch, { recursive: true, force: true });
});

async function aRoom(): Promise<string> {
  const room = `recording-${randomUUID()}`;
  await createRoom(liveKit, room);
  return room;
}

async function aBot(room: string, identity: string): Promise<Bot> {
  const bot = await joinBot(liveKit, { room, identity });
  bots.push(bot);
  return bot;
}

async function startRecorder(room: string, output: string): Promise<RecorderProcess> {
  const token = await mintToken(liveKit, {
    room,
    identity: `recorder-${randomUUID()}`,
    grant: {
      roomJoin: true,
      room,
      hidden: true,
      recorder: true,
      canSubscribe: true,
      canPublish: false,
      canPublishData: false,
    },
  });
  const recorder = spawnRecorder({ url: liveKit.url, token, output, ffmpeg: FFMPEG, ...CANVAS });
  recorders.push(recorder);
  return recorder;
}

/** The recorder's next event of this kind; fails if it exits or the time runs out first. */
function nextEvent<Kind extends RecorderEvent['event']>(
  recorder: RecorderProcess,
  kind: Kind,
  timeoutMs = 15_000,
): Promise<Extract<RecorderEvent, { event: Kind }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`The recorder sent no "${kind}" event within ${timeoutMs} ms.`));
    }, timeoutMs);
    const unsubscribe = recorder.onEvent((event) => {
      if (event.event !== kind) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event as Extract<RecorderEvent, { event: Kind }>);
    });
    void recorder.exited.then((exit) => {
      clearTimeout(timer);
      unsubscribe();
      reject(new Error(`The recorder exited (${JSON.stringify(exit)}) before a "${kind}" event.`));
    });
  });
}

/** Lets the recording run: the time passing is what is being recorded. */
const recordFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the built-in recorder', () => {
  it('records the stage to H.264/AAC at the canvas size, with sound and picture in sync', async () => {
    const room = await aRoom();
    const speaker = await aBot(room, 'speaker');
    // Bursts 31 camera frames apart are 15.5 canvas frames apart: every other flash falls half a
    // canvas frame later on the recording's grid, so the median is not one frame's rounding.
    const media = await publishFlashesAndBursts(speaker, {
      width: 640,
      height: 360,
      fps: 30,
      bursts: { everyMs: 31_000 / 30, lengthMs: 200, frequencyHz: 1_000 },
    });
    const output = path.join(scratch, 'in-sync.mp4');
    const recorder = await startRecorder(room, output);
    let lastStats: RecorderEvent | undefined;
    recorder.onEvent((event) => {
      if (event.event === 'stats') lastStats = event;
    });
    const started = await nextEvent(recorder, 'media');
    await recordFor(9_000);
    const stopped = nextEvent(recorder, 'stopped');
    const stoppedAt = Date.now();
    const exit = await recorder.stop();
    await stopped;
    await media.stop();
    expect(exit).toEqual({ code: 0, signal: null });

    const probed = await probeRecording(output);
    const recordedSeconds = (stoppedAt - Date.parse(started.at)) / 1_000;
    expect(
      Math.abs(probed.durationSeconds - recordedSeconds),
      `${probed.durationSeconds} s in the file, ${recordedSeconds} s recorded`,
    ).toBeLessThan(DURATION_TOLERANCE_S);
    expect(
      probed.streams.map(({ codecType, codecName, width, height }) => ({ codecType, codecName, width, height })),
    ).toEqual([
      { codecType: 'video', codecName: 'h264', width: CANVAS.width, height: CANVAS.height },
      { codecType: 'audio', codecName: 'aac', width: undefined, height: undefined },
    ]);

    // Each stream's timeline starts where the container says it is presented.
    const [videoStream, audioStream] = probed.streams;
    const bursts = burstOnsets(await decodeAudio(output)).map((at) => at + (audioStream?.startTime ?? 0));
    const flashes = flashOnsets(await decodeBrightness(output), CANVAS.fps).map(
      (at) => at + (videoStream?.startTime ?? 0),
    );
    const offsets = flashOffsets(flashes, bursts);
    const offset = median(offsets);
    console.info(
      `A/V sync: median flash − burst offset ${(offset * 1_000).toFixed(1)} ms over ${offsets.length} bursts ` +
        `(each: ${offsets.map((o) => Math.round(o * 1_000)).join(', ')} ms; ` +
        `stream starts: video ${videoStream?.startTime} s, audio ${audioStream?.startTime} s); ` +
        `the recorder's last stats: ${JSON.stringify(lastStats)}`,
    );
    expect(offsets.length, `flashes at ${flashes}, bursts at ${bursts}`).toBeGreaterThanOrEqual(6);
    expect(Math.abs(offset)).toBeLessThan(SYNC_TOLERANCE_S);
  }, 60_000);

  it('fills the canvas with a screen share, letterboxed, with the speaker in the corner', async () => {
    const room = await aRoom();
    const screenColour = { red: 40, green: 90, blue: 200 };
    const cameraColour = { red: 210, green: 60, blue: 40 };
    const sharer = await aBot(room, 'sharer');
    const speaker = await aBot(room, 'speaker');
    // 4:3 on a 16:9 canvas: bars left and right show it is fitted, not stretched or tiled.
    const screen = await publishLoop(sharer, {
      source: 'screen',
      frames: [i420Frame(800, 600, yuvOf(screenColour))],
      fps: 5,
    });
    const camera = await publishLoop(speaker, {
      source: 'camera',
      frames: [i420Frame(640, 360, yuvOf(cameraColour))],
      fps: 15,
      toneHz: 440,
    });
    const output = path.join(scratch, 'screen-share.mp4');
    const recorder = await startRecorder(room, output);
    await nextEvent(recorder, 'media');
    await recordFor(5_000);
    expect(await recorder.stop()).toEqual({ code: 0, signal: null });
    await Promise.all([screen.stop(), camera.stop()]);

    const { durationSeconds } = await probeRecording(output);
    const frame = await decodeFrame(output, durationSeconds - 1, { width: 128, height: 72 });
    const seen = {
      centre: frame.colourAt(64, 36),
      leftBar: frame.colourAt(4, 36),
      corner: frame.colourAt(108, 61),
    };
    console.info(`screen-share frame: ${JSON.stringify(seen)}`);
    expect(colourDistance(seen.centre, screenColour), 'the screen share fills the middle').toBeLessThan(
      COLOUR_TOLERANCE,
    );
    expect(Math.max(seen.leftBar.red, seen.leftBar.green, seen.leftBar.blue), 'a dark bar at the side').toBeLessThan(
      30,
    );
    expect(colourDistance(seen.corner, cameraColour), "the speaker's camera in the corner").toBeLessThan(
      COLOUR_TOLERANCE,
    );
  }, 60_000);

  it('turns a sideways phone camera upright, as a browser shows it', async () => {
    const room = await aRoom();
    const top = { red: 210, green: 60, blue: 40 };
    const bottom = { red: 40, green: 90, blue: 200 };
    const phone = await aBot(room, 'phone');
    // A phone held upright sends landscape frames to be turned a quarter clockwise on display:
    // the frame's left half is then the top of the picture. (From an rtc-node publisher the turn
    // is applied on the way and frames arrive upright; from a browser negotiating the video
    // orientation extension it arrives as metadata, which the recorder applies: rotate.test.ts.)
    const camera = await publishLoop(phone, {
      source: 'camera',
      frames: [halvesFrame(640, 360, yuvOf(top), yuvOf(bottom))],
      fps: 15,
      rotation: VideoRotation.VIDEO_ROTATION_90,
    });
    const output = path.join(scratch, 'upright.mp4');
    const recorder = await startRecorder(room, output);
    await nextEvent(recorder, 'media');
    await recordFor(3_000);
    expect(await recorder.stop()).toEqual({ code: 0, signal: null });
    await camera.stop();

    const { durationSeconds } = await probeRecording(output);
    const frame = await decodeFrame(output, durationSeconds - 0.5, { width: 128, height: 72 });
    // Upright 9:16 in the 16:9 canvas: a tall picture in the middle, dark on both sides.
    const seen = { top: frame.colourAt(64, 12), bottom: frame.colourAt(64, 60), side: frame.colourAt(8, 36) };
    console.info(`upright frame: ${JSON.stringify(seen)}`);
    expect(colourDistance(seen.top, top), 'the left half of the frame is on top').toBeLessThan(COLOUR_TOLERANCE);
    expect(colourDistance(seen.bottom, bottom), 'its right half at the bottom').toBeLessThan(COLOUR_TOLERANCE);
    expect(Math.max(seen.side.red, seen.side.green, seen.side.blue), 'dark beside the portrait').toBeLessThan(30);
  });

  it('leaves a playable file up to its last fragment when killed mid-way', async () => {
    const room = await aRoom();
    const speaker = await aBot(room, 'speaker');
    const media = await publishFlashesAndBursts(speaker, {
      width: 640,
      height: 360,
      fps: 15,
      bursts: { everyMs: 1_000, lengthMs: 200, frequencyHz: 1_000 },
    });
    const output = path.join(scratch, 'killed.mp4');
    const recorder = await startRecorder(room, output);
    const started = await nextEvent(recorder, 'media');
    await recordFor(7_000);
    const killedAt = Date.now();
    process.kill(-recorder.pid, 'SIGKILL');
    const exit = await recorder.exited;
    await media.stop();
    expect(exit).toMatchObject({ signal: 'SIGKILL', failure: 'recorder_crashed' });

    const probed = await probeRecording(output);
    const recordedSeconds = (killedAt - Date.parse(started.at)) / 1_000;
    console.info(`killed after ${recordedSeconds.toFixed(2)} s of recording: ${probed.durationSeconds} s playable`);
    expect(probed.streams.map((stream) => stream.codecType).sort()).toEqual(['audio', 'video']);
    // Fragments close at 2 s keyframes, after the encoder's own lookahead.
    expect(probed.durationSeconds).toBeGreaterThan(recordedSeconds - 4.5);
    expect(probed.durationSeconds).toBeLessThan(recordedSeconds + DURATION_TOLERANCE_S);
  }, 60_000);

  it('finishes the file and exits cleanly when the room is deleted (the session ended)', async () => {
    const room = await aRoom();
    const speaker = await aBot(room, 'speaker');
    const camera = await publishLoop(speaker, {
      source: 'camera',
      frames: [i420Frame(640, 360, yuvOf({ red: 90, green: 160, blue: 60 }))],
      fps: 15,
      toneHz: 440,
    });
    const output = path.join(scratch, 'room-deleted.mp4');
    const recorder = await startRecorder(room, output);
    await nextEvent(recorder, 'media');
    await recordFor(3_000);
    const stopped = nextEvent(recorder, 'stopped');
    await new RoomServiceClient(liveKit.url, liveKit.apiKey, liveKit.apiSecret).deleteRoom(room);
    expect((await stopped).mediaSeconds).toBeGreaterThan(2.5);
    expect(await recorder.exited).toEqual({ code: 0, signal: null });
    await camera.stop();

    const probed = await probeRecording(output);
    expect(probed.streams.map((stream) => stream.codecType).sort()).toEqual(['audio', 'video']);
    expect(probed.durationSeconds).toBeGreaterThan(2.5);
  }, 30_000);

  it('reports an ffmpeg that died mid-way and exits with an error', async () => {
    const room = await aRoom();
    const recorder = await startRecorder(room, path.join(scratch, 'ffmpeg-died.mp4'));
    await nextEvent(recorder, 'media');
    const [ffmpegPid] = readFileSync(`/proc/${recorder.pid}/task/${recorder.pid}/children`, 'utf8').trim().split(/\s+/);
    process.kill(Number(ffmpegPid), 'SIGKILL');
    const failed = await nextEvent(recorder, 'failed');
    expect(failed).toEqual({ event: 'failed', failure: 'ffmpeg_failed', detail: 'ffmpeg was killed by SIGKILL' });
    expect(await recorder.exited).toMatchObject({ code: 1, failure: 'ffmpeg_failed' });
  }, 30_000);

  it('reports a full disk and exits with an error', async () => {
    const room = await aRoom();
    const output = path.join(scratch, 'full-disk.mp4');
    symlinkSync('/dev/full', output);
    const recorder = await startRecorder(room, output);
    const failed = await nextEvent(recorder, 'failed');
    const exit = await recorder.exited;
    expect(failed.failure).toBe('disk_full');
    expect(exit).toMatchObject({ code: 1, failure: 'disk_full' });
    expect(exit.detail).toContain('No space left on device');
  }, 30_000);
});
