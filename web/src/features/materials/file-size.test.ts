import { describe, expect, it } from 'vitest';
import { fileSize } from './file-size.ts';

describe('a file size as people read it', () => {
  it('counts whole kilobytes under a megabyte, never zero', () => {
    expect(fileSize(1, 'en')).toEqual({ unit: 'kb', n: '1' });
    expect(fileSize(600 * 1024, 'en')).toEqual({ unit: 'kb', n: '600' });
  });

  it('writes megabytes, then gigabytes, with one decimal in the reader’s language', () => {
    expect(fileSize(2.5 * 1024 * 1024, 'en')).toEqual({ unit: 'mb', n: '2.5' });
    expect(fileSize(2.5 * 1024 * 1024, 'id')).toEqual({ unit: 'mb', n: '2,5' });
    expect(fileSize(2048 * 1024 * 1024, 'id')).toEqual({ unit: 'gb', n: '2' });
    expect(fileSize(1.25 * 1024 * 1024 * 1024, 'en')).toEqual({ unit: 'gb', n: '1.3' });
  });
});
