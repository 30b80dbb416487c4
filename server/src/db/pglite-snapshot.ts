import { existsSync, openAsBlob } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * A consistent copy of a PGlite data folder, as an uncompressed tar (PGlite's `dumpDataDir`).
 * Taken inside a transaction of PGlite's own: every other query and transaction of the process
 * waits for it, so the copy is of the files between two transactions, never in the middle of
 * one. The CHECKPOINT first writes what is still only in memory and the write-ahead log into
 * the table files, so the copy opens without replaying the log.
 */
export async function snapshotPglite(client: PGlite): Promise<Blob> {
  return client.transaction(async (tx) => {
    await tx.exec('checkpoint');
    return client.dumpDataDir('none');
  });
}

/** Whether `dir` holds a PGlite database (PostgreSQL's data folder marker). */
export function holdsPgliteDatabase(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'));
}

/**
 * Opens the PGlite database in `dir` as it is, without migrating it (a second process must not
 * do this while Serambi runs on it: see `lockDataDir`).
 */
export function openPgliteAsIs(dir: string): Promise<PGlite> {
  return PGlite.create(dir);
}

/** Makes `dir` (absent or empty) the database a snapshot in `tarFile` was taken of. */
export async function loadPgliteSnapshot(dir: string, tarFile: string): Promise<void> {
  const client = await PGlite.create({ dataDir: dir, loadDataDir: await openAsBlob(tarFile) });
  try {
    await client.query('select 1');
  } finally {
    await client.close();
  }
}
