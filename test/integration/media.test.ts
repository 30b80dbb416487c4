import { randomUUID } from 'node:crypto';
import { dispose } from '@livekit/rtc-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Bot,
  createRoom,
  joinBot,
  type ReceivedAudioFrame,
  type ReceivedVideoFrame,
  readAudioFrames,
  readVideoFrames,
  waitForData,
  waitForTrack,
} from '../support/bots.ts';
import {
  averageColour,
  colourDistance,
  firstSoundAt,
  joinFirstChannel,
  measureTone,
  type PublishedSyntheticMedia,
  publishSyntheticMedia,
  rmsLevel,
  TONE_AMPLITUDE,
} from '../support/synthetic-media.ts';

const liveKit = inject('liveKit');

const video = { width: 320, height: 240, fps: 15, colour: { red: 200, green: 60, blue: 120 } };
const audio = { frequencyHz: 440, sampleRate: 48_000 };
/** Per-channel difference allowed between the published and decoded colour (VP8 + I420 round trip). */
const COLOUR_TOLERANCE = 12;
const VIDEO_FRAMES_TO_READ = 15;
/** 1.5 s of 10 ms frames: enough tone left after the jitter buffer's leading silence. */
const AUDIO_FRAMES_TO_READ = 150;
const SILENCE_THRESHOLD = 500;

describe('two bots exchange real media over the harness LiveKit', () => {
  let speaker: Bot;
  let viewer: Bot;
  let speakerMedia: PublishedSyntheticMedia;
  let videoFrames: ReceivedVideoFrame[];
  let audioFrames: ReceivedAudioFrame[];

  beforeAll(async () => {
    const room = `media-${randomUUID()}`;
    await createRoom(liveKit, room);
    speaker = await joinBot(liveKit, { room, identity: 'speaker' });
    speakerMedia = await publishSyntheticMedia(speaker, { video, audio });

    viewer = await joinBot(liveKit, { room, identity: 'viewer', grant: { canPublish: false, canPublishData: true } });
    // Each kind is read as soon as its own track arrives, so neither waits for the other.
    [videoFrames, audioFrames] = await Promise.all([
      waitForTrack(viewer, 'video', { fromIdentity: 'speaker' }).then((track) =>
        readVideoFrames(track, VIDEO_FRAMES_TO_READ),
      ),
      waitForTrack(viewer, 'audio', { fromIdentity: 'speaker' }).then((track) =>
        readAudioFrames(track, AUDIO_FRAMES_TO_READ, { sampleRate: audio.sampleRate }),
      ),
    ]);
    reportJoinLatencies();
  });

  afterAll(async () => {
    await speakerMedia?.stop();
    await Promise.all([speaker?.disconnect(), viewer?.disconnect()]);
    // rtc-node has one native runtime per process and is dead after dispose(). With vitest's
    // default isolate: true each test file runs in a fresh worker, so this hook is the end.
    await dispose();
  });

  it('the viewer receives video at the published size', () => {
    for (const { frame } of videoFrames) {
      expect({ width: frame.width, height: frame.height }).toEqual({ width: video.width, height: video.height });
    }
  });

  it('the viewer sees the published colour', () => {
    for (const { frame } of videoFrames) {
      const seen = averageColour(frame);
      expect(
        colourDistance(seen, video.colour),
        `decoded ${JSON.stringify(seen)}, published ${JSON.stringify(video.colour)}`,
      ).toBeLessThanOrEqual(COLOUR_TOLERANCE);
    }
  });

  it('the viewer hears the published 440 Hz tone, not silence', () => {
    const samples = joinFirstChannel(audioFrames.map(({ frame }) => frame));
    const soundStartsAt = firstSoundAt(samples, SILENCE_THRESHOLD);
    expect(soundStartsAt, 'every received sample is silence').toBeGreaterThanOrEqual(0);
    // Skip the fade-in of the first 20 ms of sound; measure the steady tone after it.
    const tone = samples.subarray(soundStartsAt + audio.sampleRate / 50);
    expect(tone.length, 'less than 0.5 s of tone after the leading silence').toBeGreaterThanOrEqual(
      audio.sampleRate / 2,
    );

    const publishedRms = (TONE_AMPLITUDE * 32767) / Math.SQRT2;
    expect(rmsLevel(tone)).toBeGreaterThan(publishedRms * 0.5);
    expect(rmsLevel(tone)).toBeLessThan(publishedRms * 1.5);
    const { frequencyHz, steadyFraction } = measureTone(tone, audio.sampleRate);
    expect(Math.abs(frequencyHz - audio.frequencyHz), `measured ${frequencyHz.toFixed(1)} Hz`).toBeLessThan(5);
    // The receiver's jitter buffer may conceal a packet or two at the start: a short gap, not a broken tone.
    expect(steadyFraction).toBeGreaterThan(0.9);
  });

  it('a data packet from the speaker arrives stamped with the speaker identity', async () => {
    const topic = 'media-test';
    const arrival = waitForData(viewer, topic);
    await speaker.room.localParticipant?.publishData(new TextEncoder().encode('hello from the stage'), {
      reliable: true,
      topic,
    });
    const received = await arrival;
    expect(received.senderIdentity).toBe('speaker');
    expect(new TextDecoder().decode(received.payload)).toBe('hello from the stage');
  });

  it('waiting for a track nobody publishes fails with a message naming what is missing', async () => {
    await expect(waitForTrack(viewer, 'video', { fromIdentity: 'nobody', timeoutMs: 200 })).rejects.toThrow(
      'Bot "viewer" subscribed to no video track from "nobody" within 200 ms; it sees "speaker" [KIND_',
    );
  });

  function reportJoinLatencies() {
    const since = (at: number) => `${Math.round(at - viewer.connectStartedAt)} ms`;
    const firstSoundFrame = audioFrames.find(({ frame }) => firstSoundAt(frame.data, SILENCE_THRESHOLD) >= 0);
    console.info(
      [
        `viewer join latencies from the start of connect: connected ${since(viewer.connectedAt)}`,
        `first video frame ${since(videoFrames[0]?.receivedAt ?? Number.NaN)}`,
        `first audio frame ${since(audioFrames[0]?.receivedAt ?? Number.NaN)}`,
        `first audible audio frame ${since(firstSoundFrame?.receivedAt ?? Number.NaN)}`,
      ].join('; '),
    );
  }
});
