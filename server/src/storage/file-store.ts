import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

/** An inclusive byte range, as in HTTP's `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where files are kept: recordings (DATA_DIR/recordings) and session materials
 * (DATA_DIR/materials), each in a store of its own. The folder store is the default; an
 * S3-compatible store implements the same calls (`put` uploads, `read` streams a ranged GET,
 * `scratchPath` stays local because ffmpeg and uploads write to a file first).
 */
export interface FileStore {
  /** A local file path for a new object's bytes (the recorder, ffmpeg or an upload writes there), its folder made. */
  scratchPath(key: string): Promise<string>;
  /** Stores the file at `localPath` under `key` (the folder store moves it when it is elsewhere). */
  put(key: string, localPath: string): Promise<void>;
  /** Size in bytes, or null when there is no such object. */
  size(key: string): Promise<number | null>;
  /** The object's bytes, or a range of them. */
  read(key: string, range?: ByteRange): ReadableStream<Uint8Array>;
  /** Removes an object; absent is fine. */
  remove(key: string): Promise<void>;
  /** Removes every object whose key starts with `prefix/`. */
  removeAll(prefix: string): Promise<void>;
  /** Free bytes where new objects are written, or null when the store cannot tell. */
  freeBytes(): Promise<number | null>;
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Whether `key` is one the folder store would make and read: segments of letters, digits, `._-`, no `..`. */
export const isSafeKey = (key: string) => SAFE_KEY.test(key) && !key.includes('..');

export function createFolderStore(root: string): FileStore {
  const fileOf = (key: string) => {
    // Keys are made by the server from ids; this keeps a bug from ever reading outside the folder.
    if (!isSafeKey(key)) throw new Error(`unsafe storage key ${JSON.stringify(key)}`);
    return path.join(root, key);
  };
  return {
    async scratchPath(key) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      return file;
    },
    async put(key, localPath) {
      const file = fileOf(key);
      if (path.resolve(localPath) === file) return;
      await mkdir(path.dirname(file), { recursive: true });
      await rename(localPath, file);
    },
    async size(key) {
      try {
        const info = await stat(fileOf(key));
        return info.isFile() ? info.size : null;
      } catch {
        return null;
      }
    },
    read(key, range) {
      const stream = createReadStream(fileOf(key), range ? { start: range.start, end: range.end } : {});
      return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
    async removeAll(prefix) {
      await rm(fileOf(prefix), { recursive: true, force: true });
    },
    async freeBytes() {
      try {
        await mkdir(root, { recursive: true });
        const info = await statfs(root);
        return info.bavail * info.bsize;
      } catch {
        return null;
      }
    },
  };
}
