import { describe, expect, it } from 'vitest';
import { checkFfmpeg, classifyFfmpegExit, ffmpegArgs } from './ffmpeg.ts';

// The machine's ffmpeg, as the recorder would run it (Debian's at /usr/bin unless told otherwise).
const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';

describe('checking ffmpeg', () => {
  it("answers the installed ffmpeg's version", async () => {
    const check = await checkFfmpeg(FFMPEG);
    expect(check).toMatchObject({ ok: true });
    if (check.ok) expect(check.version).toMatch(/^\d|^n\d|^N-/);
  });

  it('says clearly when there is no ffmpeg at the path', async () => {
    expect(await checkFfmpeg('/nonexistent/ffmpeg')).toEqual({
      ok: false,
      message: 'ffmpeg was not found at "/nonexistent/ffmpeg".',
    });
  });

  it('says when the program at the path is not ffmpeg', async () => {
    const check = await checkFfmpeg('/bin/true');
    expect(check).toEqual({ ok: false, message: '"/bin/true" does not answer "-version" like ffmpeg does.' });
  });
});

describe("ffmpeg's exit", () => {
  it('is fine when it exited 0', () => {
    expect(classifyFfmpegExit({ code: 0, signal: null, stderr: '' })).toBeUndefined();
  });

  it('is a full disk when writing ran out of space', () => {
    const stderr = 'Could not write header for output file #0: No space left on device\n';
    expect(classifyFfmpegExit({ code: 1, signal: null, stderr })).toEqual({
      failure: 'disk_full',
      detail: 'ffmpeg exited with code 1: Could not write header for output file #0: No space left on device',
    });
  });

  it('is an ffmpeg failure otherwise, with the end of what it said', () => {
    expect(classifyFfmpegExit({ code: 1, signal: null, stderr: 'a\nb\nc\nUnknown encoder libx264\n' })).toEqual({
      failure: 'ffmpeg_failed',
      detail: 'ffmpeg exited with code 1: b | c | Unknown encoder libx264',
    });
    expect(classifyFfmpegExit({ code: null, signal: 'SIGKILL', stderr: '' })).toEqual({
      failure: 'ffmpeg_failed',
      detail: 'ffmpeg was killed by SIGKILL',
    });
  });
});

describe("ffmpeg's arguments", () => {
  const args = ffmpegArgs({ output: '/recordings/a.mp4', width: 1280, height: 720, fps: 15, sampleRate: 48_000 }).join(
    ' ',
  );

  it('read raw I420 frames from stdin and mono s16le from fd 3', () => {
    expect(args).toContain('-f rawvideo -pix_fmt yuv420p -video_size 1280x720 -framerate 15 -i pipe:0');
    expect(args).toContain('-f s16le -ar 48000 -ac 1 -i pipe:3');
  });

  it('write H.264 with a keyframe every 2 s and AAC, as fragmented MP4', () => {
    expect(args).toContain('-c:v libx264 -preset veryfast -pix_fmt yuv420p');
    expect(args).toContain('-g 30 -keyint_min 30 -sc_threshold 0');
    expect(args).toContain('-c:a aac');
    expect(args).toContain('-movflags +frag_keyframe+empty_moov+default_base_moof');
    expect(args.endsWith('-f mp4 -y /recordings/a.mp4')).toBe(true);
  });
});

describe("ffmpeg's arguments for a live stream", () => {
  const args = ffmpegArgs({
    output: 'rtmp://a.rtmp.youtube.com/live2/abcd',
    format: 'flv',
    width: 1280,
    height: 720,
    fps: 15,
    sampleRate: 48_000,
  }).join(' ');

  it('encode the same picture, capped for an ingest, with stereo AAC, as FLV to the address', () => {
    expect(args).toContain('-c:v libx264 -preset veryfast -pix_fmt yuv420p');
    expect(args).toContain('-g 30 -keyint_min 30 -sc_threshold 0');
    expect(args).toContain('-maxrate 3000k -bufsize 6000k');
    expect(args).toContain('-c:a aac -b:a 128k -ac 2');
    expect(args).not.toContain('movflags');
    expect(args.endsWith('-f flv -flvflags no_duration_filesize rtmp://a.rtmp.youtube.com/live2/abcd')).toBe(true);
  });

  it('give up on a destination silent for 10 s, so the streamer can retry', () => {
    expect(args).toContain('-rw_timeout 10000000');
  });
});
