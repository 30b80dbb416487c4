import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, constants as zlib } from 'node:zlib';
import tar from 'tar-stream';
import { BackupError } from './backup-error.ts';
import type { ManifestFile } from './manifest.ts';

/** Files in an archive are written for their owner only, and so is the archive: it holds secrets. */
const OWNER_ONLY = 0o600;

export interface ArchiveWriter {
  /**
   * Adds the file at `file` as `name`: as many bytes as it has when opened (a file still being
   * written is cut there). Null when the file is gone by then.
   */
  addFile(name: string, file: string): Promise<ManifestFile | null>;
  /** Adds `value` as JSON under `name`. */
  addJson(name: string, value: unknown): Promise<void>;
  /** Ends the archive and gives it its name; until then it is `<file>.partial`. */
  finish(): Promise<void>;
  /** Stops and removes what was written. */
  abort(): Promise<void>;
}

/**
 * Starts a gzipped tar at `file` (which must not exist), mode 0600. Compression is gzip's
 * fastest level: recordings, most of a backup, are compressed already.
 */
export async function createArchive(file: string): Promise<ArchiveWriter> {
  const partial = `${file}.partial`;
  const pack = tar.pack();
  const written = pipeline(
    pack,
    createGzip({ level: zlib.Z_BEST_SPEED }),
    createWriteStream(partial, { flags: 'wx', mode: OWNER_ONLY }),
  );
  // Until finish() awaits it, a failed write surfaces through the next entry.
  written.catch(() => {});

  const addEntry = async (header: { name: string; size: number; mtime: Date }, chunks: AsyncIterable<Buffer>) => {
    const hash = createHash('sha256');
    let size = 0;
    const done = new Promise<void>((resolve, reject) => {
      const sink = pack.entry({ ...header, mode: OWNER_ONLY }, (error) => (error ? reject(error) : resolve()));
      void (async () => {
        try {
          for await (const chunk of chunks) {
            hash.update(chunk);
            size += chunk.byteLength;
            if (!sink.write(chunk)) await new Promise<void>((drained) => sink.once('drain', () => drained()));
          }
          sink.end(undefined);
        } catch (error) {
          sink.destroy(error as Error);
          reject(error);
        }
      })();
    });
    await Promise.race([done, written]);
    return { size, sha256: hash.digest('hex') };
  };

  return {
    async addFile(name, file) {
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(file, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      try {
        const info = await handle.stat();
        const chunks =
          info.size === 0
            ? emptyChunks()
            : (handle.createReadStream({ start: 0, end: info.size - 1, autoClose: false }) as AsyncIterable<Buffer>);
        const added = await addEntry({ name, size: info.size, mtime: info.mtime }, chunks);
        return { path: name, ...added };
      } finally {
        await handle.close();
      }
    },
    async addJson(name, value) {
      const bytes = Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
      await addEntry({ name, size: bytes.byteLength, mtime: new Date() }, oneChunk(bytes));
    },
    async finish() {
      pack.finalize();
      await written;
      await rename(partial, file);
    },
    async abort() {
      pack.destroy();
      await written.catch(() => {});
      await rm(partial, { force: true });
    },
  };
}

async function* emptyChunks(): AsyncIterable<Buffer> {}

async function* oneChunk(bytes: Buffer): AsyncIterable<Buffer> {
  yield bytes;
}

/** What was extracted of each entry: where it is now, its size and checksum. */
export interface ExtractedFile {
  file: string;
  size: number;
  sha256: string;
}

/**
 * Unpacks the archive at `file` into `intoDir` (files 0600), checksumming as it goes. Entries
 * are plain files whose names `isExpected` accepts; anything else means the file is not a
 * Serambi backup, or was tampered with.
 */
export async function extractArchive(
  file: string,
  intoDir: string,
  isExpected: (name: string) => boolean,
): Promise<Map<string, ExtractedFile>> {
  const extracted = new Map<string, ExtractedFile>();
  const extract = tar.extract();
  const unpacked = (async () => {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      if (type !== 'file' || !isExpected(name) || extracted.has(name)) {
        entry.resume();
        throw damaged(file, `it holds an unexpected entry ${JSON.stringify(name)}`);
      }
      const target = path.join(intoDir, ...name.split('/'));
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const hash = createHash('sha256');
      let size = 0;
      const output = createWriteStream(target, { flags: 'wx', mode: OWNER_ONLY });
      await pipeline(
        entry as AsyncIterable<Buffer>,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            hash.update(chunk);
            size += chunk.byteLength;
            yield chunk;
          }
        },
        output,
      );
      extracted.set(name, { file: target, size, sha256: hash.digest('hex') });
    }
  })();
  try {
    await Promise.all([
      pipeline(createReadStream(file), createGunzip(), extract as unknown as NodeJS.WritableStream),
      unpacked,
    ]);
  } catch (error) {
    extract.destroy();
    if (error instanceof BackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES') throw error;
    throw damaged(file, `it cannot be read (${(error as Error).message})`);
  }
  return extracted;
}

export const damaged = (file: string, why: string) =>
  new BackupError(`${file} is not a Serambi backup or is damaged: ${why}. Use another copy of the backup.`);
