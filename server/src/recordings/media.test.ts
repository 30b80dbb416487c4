import { describe, expect, it } from 'vitest';
import { parseRange } from './media.ts';

describe('parseRange', () => {
  const size = 1_000;

  it('reads a closed range, an open one and a suffix', () => {
    expect(parseRange('bytes=0-99', size)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', size)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', size)).toEqual({ start: 900, end: 999 });
  });

  it('clamps an end past the file and a suffix longer than it', () => {
    expect(parseRange('bytes=500-5000', size)).toEqual({ start: 500, end: 999 });
    expect(parseRange('bytes=-5000', size)).toEqual({ start: 0, end: 999 });
  });

  it('serves the first of several ranges', () => {
    expect(parseRange('bytes=0-9, 20-29', size)).toEqual({ start: 0, end: 9 });
  });

  it('calls a start at or past the end unsatisfiable, and an empty suffix too', () => {
    expect(parseRange('bytes=1000-', size)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', size)).toBe('unsatisfiable');
  });

  it('ignores what is not a byte range (the whole file is sent)', () => {
    expect(parseRange(undefined, size)).toBeNull();
    expect(parseRange('items=0-9', size)).toBeNull();
    expect(parseRange('bytes=-', size)).toBeNull();
    expect(parseRange('bytes=9-0', size)).toBeNull();
    expect(parseRange('bytes=abc', size)).toBeNull();
  });
});
