import { describe, expect, it } from 'vitest';
import { redactor, streamRetryDelaySeconds } from './stream-retry.ts';

describe('a streaming recorder', () => {
  it('waits 2, 4, 8 and 16 s after failures in a row, then 30 s at most', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(streamRetryDelaySeconds)).toEqual([2, 4, 8, 16, 30, 30, 30]);
  });

  it('never says the stream key, as written or URL-encoded', () => {
    const redact = redactor(['kunci/rahasia?x=1']);
    expect(redact('rtmp://h/live/kunci/rahasia?x=1: Connection refused')).toBe('rtmp://h/live/…: Connection refused');
    expect(redact('rtmp://h/live/kunci%2Frahasia%3Fx%3D1: I/O error')).toBe('rtmp://h/live/…: I/O error');
    expect(redactor([])('nothing to hide')).toBe('nothing to hide');
  });
});
