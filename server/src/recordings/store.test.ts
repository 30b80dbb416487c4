import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFolderStore, isSafeRecordingKey, type RecordingStore, recordingKeys } from './store.ts';

const keys = recordingKeys('s1', 'r1');

describe('the keys of a recording', () => {
  it('keeps every object of a recording under its own prefix, so deleting it is one call', () => {
    expect(keys).toEqual({
      prefix: 's1/r1',
      raw: 's1/r1/capture.mp4',
      media: 's1/r1/replay.mp4',
      poster: 's1/r1/poster.jpg',
    });
    for (const key of [keys.prefix, keys.raw, keys.media, keys.poster]) expect(isSafeRecordingKey(key)).toBe(true);
  });

  it.each([
    ['../etc/passwd', 'climbs out of the folder'],
    ['s1/../../etc/passwd', 'climbs out through a segment'],
    ['s1/..hidden', 'starts a segment with two dots'],
    ['s1/r1..mp4', 'holds two dots inside a segment'],
    ['/srv/recordings/s1', 'is absolute'],
    ['s1//r1', 'has an empty segment'],
    ['s1/r1/', 'ends in a slash'],
    ['.config/x', 'starts a segment with a dot'],
    ['s1/r 1', 'holds a space'],
    ['', 'is empty'],
  ])('refuses a key that %s (%s)', (key) => {
    expect(isSafeRecordingKey(key)).toBe(false);
  });
});

describe('the folder store', () => {
  let root: string;
  let store: RecordingStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'serambi-store-'));
    store = createFolderStore(path.join(root, 'recordings'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const text = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

  it('hands out a scratch file in the recording’s folder, and keeps it where it was written', async () => {
    const scratch = await store.scratchPath(keys.media);
    expect(scratch).toBe(path.join(root, 'recordings', 's1', 'r1', 'replay.mp4'));
    await writeFile(scratch, 'mp4 bytes');
    await store.put(keys.media, scratch);
    expect(await store.size(keys.media)).toBe(9);
    expect(await text(store.read(keys.media))).toBe('mp4 bytes');
  });

  it('moves a file written elsewhere in under its key', async () => {
    const elsewhere = path.join(root, 'poster.jpg');
    await writeFile(elsewhere, 'jpeg');
    await store.put(keys.poster, elsewhere);
    expect(await store.size(keys.poster)).toBe(4);
    await expect(readFile(elsewhere)).rejects.toThrow(/ENOENT/);
  });

  it('reads an inclusive byte range, as HTTP’s Range asks', async () => {
    await writeFile(await store.scratchPath(keys.media), '0123456789');
    expect(await text(store.read(keys.media, { start: 2, end: 5 }))).toBe('2345');
    expect(await text(store.read(keys.media, { start: 9, end: 9 }))).toBe('9');
  });

  it('has no size for a missing object or for a folder', async () => {
    expect(await store.size(keys.media)).toBeNull();
    await writeFile(await store.scratchPath(keys.media), 'x');
    expect(await store.size(keys.prefix)).toBeNull();
  });

  it('removes one object, absent or not, and every object of a recording at once', async () => {
    await writeFile(await store.scratchPath(keys.media), 'a');
    await writeFile(await store.scratchPath(keys.poster), 'b');
    await writeFile(await store.scratchPath(recordingKeys('s1', 'r2').media), 'c');
    await store.remove(keys.poster);
    await store.remove(keys.poster);
    expect(await store.size(keys.poster)).toBeNull();
    expect(await store.size(keys.media)).toBe(1);
    await store.removeAll(keys.prefix);
    expect(await store.size(keys.media)).toBeNull();
    expect(await store.size(recordingKeys('s1', 'r2').media)).toBe(1);
  });

  it('refuses an unsafe key before touching the disk', async () => {
    await expect(store.scratchPath('../outside.mp4')).rejects.toThrow('unsafe storage key "../outside.mp4"');
    await expect(store.removeAll('..')).rejects.toThrow(/unsafe storage key/);
    expect(() => store.read('s1/../../etc/passwd')).toThrow(/unsafe storage key/);
  });

  it('tells the free space where recordings are written, making the folder if needed', async () => {
    const free = await store.freeBytes();
    expect(free).toEqual(expect.any(Number));
    expect(free).toBeGreaterThan(0);
  });
});
