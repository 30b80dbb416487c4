import { describe, expect, it } from 'vitest';
import { parseRecorderEvent, recorderConfigSchema } from './protocol.ts';

const config = {
  url: 'ws://127.0.0.1:7880',
  token: 'recorder-token',
  output: '/tmp/rec.mp4',
  format: 'mp4',
  redact: [],
  width: 1280,
  height: 720,
  fps: 25,
  ffmpeg: '/usr/bin/ffmpeg',
};

describe('the recorder’s configuration', () => {
  it('takes a full configuration as it is', () => {
    expect(recorderConfigSchema.parse(config)).toEqual(config);
  });

  it.each([
    ['an odd width (I420 halves it)', { width: 1279 }],
    ['an odd height', { height: 719 }],
    ['a width past 4K', { width: 3842 }],
    ['a frame too small to draw', { width: 14 }],
    ['no frames', { fps: 0 }],
    ['more than 60 frames a second', { fps: 61 }],
    ['no token', { token: '' }],
  ])('refuses %s', (_, change) => {
    expect(recorderConfigSchema.safeParse({ ...config, ...change }).success).toBe(false);
  });
});

describe('a line of the recorder’s output', () => {
  it('is an event when it is one of the events, as JSON', () => {
    expect(parseRecorderEvent('{"event":"connected"}')).toEqual({ event: 'connected' });
    expect(parseRecorderEvent('{"event":"media","at":"2025-03-01T13:00:00.000Z"}')).toEqual({
      event: 'media',
      at: '2025-03-01T13:00:00.000Z',
    });
    expect(parseRecorderEvent('{"event":"failed","failure":"disk_full","detail":"ENOSPC"}')).toEqual({
      event: 'failed',
      failure: 'disk_full',
      detail: 'ENOSPC',
    });
  });

  it('is nothing when it is a library’s log line', () => {
    expect(parseRecorderEvent('{"level":30,"msg":"connected to room"}')).toBeUndefined();
    expect(parseRecorderEvent('INFO starting')).toBeUndefined();
    expect(parseRecorderEvent('')).toBeUndefined();
  });

  it('is nothing when it names a failure the recorder does not report', () => {
    expect(parseRecorderEvent('{"event":"failed","failure":"egress_failed","detail":""}')).toBeUndefined();
  });

  it('is nothing when an event misses what it must carry', () => {
    expect(parseRecorderEvent('{"event":"stopped"}')).toBeUndefined();
    expect(parseRecorderEvent('{"event":"media","at":"yesterday"}')).toBeUndefined();
  });
});
