import { describe, expect, it } from 'vitest';
import { i420Bytes } from './canvas.ts';
import { createMediaClock } from './clock.ts';
import { createRecording, SAMPLE_RATE, type SourceFrame } from './recording.ts';

describe('the media clock', () => {
  it('counts samples and frames by elapsed time, each frame due at its middle', () => {
    const clock = createMediaClock({ startedAt: 1_000, sampleRate: 48_000, fps: 15 });
    expect(clock.due(1_000)).toEqual({ samples: 0, frames: 0 });
    expect(clock.due(1_034)).toEqual({ samples: 1_632, frames: 1 });
    expect(clock.due(11_000)).toEqual({ samples: 480_000, frames: 150 });
    expect(clock.due(11_034)).toEqual({ samples: 481_632, frames: 151 });
  });
});

function solidFrame(width: number, height: number, luma: number): SourceFrame {
  const data = new Uint8Array(i420Bytes(width, height)).fill(128);
  data.fill(luma, 0, width * height);
  return { width, height, i420: () => ({ width, height, data }) };
}

/** A recording on a fake clock whose encoder takes frames at once unless `holdFrames` is set. */
function aRecording(options: { holdFrames?: boolean; encoderDelaySamples?: number } = {}) {
  let now = 0;
  const frames: Uint8Array[] = [];
  const pending: Array<() => void> = [];
  let samples = 0;
  const recording = createRecording({
    width: 64,
    height: 36,
    fps: 10,
    now: () => now,
    encoderDelaySamples: options.encoderDelaySamples,
    sinks: {
      writeVideo(frame, written) {
        frames.push(frame.slice());
        if (options.holdFrames) pending.push(written);
        else written();
      },
      writeAudio(chunk) {
        samples += chunk.length / 2;
      },
    },
  });
  return {
    recording,
    frames,
    release: () => {
      for (const written of pending.splice(0)) written();
    },
    samples: () => samples,
    /** Moves the clock without a tick, as frames arriving between two ticks do. */
    wait(ms: number) {
      now += ms;
    },
    advance(ms: number) {
      for (let i = 0; i < ms / 20; i++) {
        now += 20;
        recording.tick();
      }
    },
  };
}

describe('the recording engine', () => {
  it('writes dark frames and silence from the start, one second of each per second', () => {
    const { recording, frames, samples, advance } = aRecording();
    recording.start();
    advance(1_000);
    expect(frames).toHaveLength(10);
    expect(samples()).toBe(SAMPLE_RATE);
    expect(frames[9]?.[0]).toBe(16);
    expect(recording.stats()).toMatchObject({ framesWritten: 10, framesComposed: 1, showing: null });
  });

  it('composes a new frame only when what is shown changed', () => {
    const { recording, frames, advance } = aRecording();
    recording.addVideo('cam', 'ani', 'camera');
    recording.start();
    recording.pushVideo('cam', solidFrame(64, 36, 100));
    advance(500);
    expect(frames.at(-1)?.[0]).toBe(100);
    expect(recording.stats().framesComposed).toBe(1);
    recording.pushVideo('cam', solidFrame(32, 18, 180));
    advance(200);
    expect(frames.at(-1)?.[0]).toBe(180);
    expect(recording.stats()).toMatchObject({
      framesComposed: 2,
      showing: { identity: 'ani', source: 'camera', width: 32, height: 18 },
    });
  });

  it("shows a screen share over the cameras with the speaker's in the corner, and the camera again once the share is gone", () => {
    const { recording, frames, advance } = aRecording();
    recording.addVideo('cam', 'ani', 'camera');
    recording.addVideo('screen', 'budi', 'screen');
    recording.addAudio('mic', 'ani', { speech: true });
    recording.start();
    recording.pushVideo('cam', solidFrame(64, 36, 100));
    recording.pushVideo('screen', solidFrame(64, 36, 200));
    for (let tick = 0; tick < 10; tick++) {
      recording.pushAudio('mic', new Int16Array(960).fill(8_000));
      advance(20);
    }
    expect(frames.at(-1)?.[0]).toBe(200);
    expect(recording.stats()).toMatchObject({
      showing: { identity: 'budi', source: 'screen' },
      pictureInPicture: 'ani',
    });
    recording.removeVideo('screen');
    advance(200);
    expect(frames.at(-1)?.[0]).toBe(100);
  });

  it('repeats the last frame instead of queueing more while the encoder is behind, keeping the count', () => {
    const { recording, frames, release, advance } = aRecording({ holdFrames: true });
    recording.addVideo('cam', 'ani', 'camera');
    recording.start();
    for (let i = 0; i < 10; i++) {
      recording.pushVideo('cam', solidFrame(64, 36, 50 + i));
      advance(100);
    }
    expect(frames).toHaveLength(10);
    expect(recording.stats().framesComposed).toBe(4);
    expect(recording.stats().framesRepeatedWhileBusy).toBeGreaterThan(0);
    release();
    recording.pushVideo('cam', solidFrame(64, 36, 222));
    advance(100);
    expect(frames.at(-1)?.[0]).toBe(222);
  });

  it("mixes the tracks' audio and lets the loudest voice pick the camera", () => {
    const { recording, advance } = aRecording();
    recording.addVideo('ani-cam', 'ani', 'camera');
    recording.addVideo('budi-cam', 'budi', 'camera');
    recording.addAudio('ani-mic', 'ani', { speech: true });
    recording.addAudio('budi-mic', 'budi', { speech: true });
    recording.start();
    recording.pushVideo('ani-cam', solidFrame(64, 36, 100));
    recording.pushVideo('budi-cam', solidFrame(64, 36, 150));
    for (let tick = 0; tick < 100; tick++) {
      recording.pushAudio('ani-mic', new Int16Array(960));
      recording.pushAudio('budi-mic', new Int16Array(960).fill(8_000));
      advance(20);
    }
    expect(recording.stats().showing).toMatchObject({ identity: 'budi', source: 'camera' });
  });

  it('shows in each frame what had arrived by its middle, not what a late tick finds', () => {
    const { recording, frames, wait } = aRecording();
    recording.addVideo('cam', 'ani', 'camera');
    recording.start();
    wait(40);
    recording.pushVideo('cam', solidFrame(64, 36, 100));
    // Frame 0 stands for 0–100 ms at 10 fps: its middle is at 50 ms; this one comes after.
    wait(15);
    recording.pushVideo('cam', solidFrame(64, 36, 200));
    wait(10);
    recording.tick();
    expect(frames.map((frame) => frame[0])).toEqual([100]);
    wait(100);
    recording.tick();
    expect(frames.map((frame) => frame[0])).toEqual([100, 200]);
  });

  it("leaves the encoder's priming out of the audio, so the encoded sound starts at second 0", () => {
    const { recording, samples, advance } = aRecording({ encoderDelaySamples: 1_024 });
    recording.start();
    advance(1_000);
    expect(samples()).toBe(SAMPLE_RATE - 1_024);
  });
});
