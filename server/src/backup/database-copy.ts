import { createWriteStream } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../config.ts';
import { bodyOf, controlRequest, holderOf, lockDataDir } from '../db/data-dir-lock.ts';
import { type DatabaseDescription, describeDatabase } from '../db/migration-level.ts';
import { holdsPgliteDatabase, loadPgliteSnapshot, openPgliteAsIs, snapshotPglite } from '../db/pglite-snapshot.ts';
import { BackupError } from './backup-error.ts';
import { CONTROL_PATHS } from './control-routes.ts';
import { DATABASE_ENTRY } from './manifest.ts';
import { dumpPostgres, emptyPostgres, postgresContents, restorePostgres } from './postgres-dump.ts';

/** A silent running server may be writing a large snapshot; past this, something is wrong. */
const SNAPSHOT_SILENCE_MS = 10 * 60_000;

export interface DatabaseCopy {
  /** Its name in the archive. */
  entry: string;
  description: DatabaseDescription;
  /** How it was taken, for the operator. */
  how: string;
}

/** Copies the configured database into `file`, whether or not Serambi runs on it. */
export async function copyDatabase(config: Config, file: string): Promise<DatabaseCopy> {
  const database = config.database;
  if (database.kind === 'postgres') {
    return { entry: DATABASE_ENTRY.postgres, description: await dumpPostgres(database.url, file), how: 'pg_dump' };
  }
  const holding = await holderOf(config.dataDir);
  if (holding?.holder === 'server') {
    return {
      entry: DATABASE_ENTRY.pglite,
      description: await snapshotFromServer(config.dataDir, file),
      how: `from the running Serambi (pid ${holding.pid})`,
    };
  }
  // Nobody runs on it: hold the folder while this process opens the database itself.
  const lock = await lockDataDir(config.dataDir, 'backup');
  try {
    if (!holdsPgliteDatabase(database.dir)) {
      throw new BackupError(
        `There is no database in ${database.dir}: check DATA_DIR (or set DATABASE_URL for PostgreSQL) and run pnpm backup with the same environment as Serambi.`,
      );
    }
    const client = await openPgliteAsIs(database.dir);
    try {
      const description = await describeDatabase(
        'pglite',
        async (statement) => (await client.query(statement)).rows as Record<string, unknown>[],
      );
      await writeBlob(await snapshotPglite(client), file);
      return { entry: DATABASE_ENTRY.pglite, description, how: 'directly (Serambi is not running)' };
    } finally {
      await client.close();
    }
  } finally {
    await lock.release();
  }
}

async function snapshotFromServer(dataDir: string, file: string): Promise<DatabaseDescription> {
  const described = await controlRequest(dataDir, 'GET', CONTROL_PATHS.database);
  const body = await bodyOf(described);
  if (described.statusCode !== 200) throw notAnswered(dataDir, described.statusCode);
  const description = JSON.parse(body.toString('utf8')) as DatabaseDescription;
  const snapshot = await controlRequest(dataDir, 'POST', CONTROL_PATHS.snapshot, SNAPSHOT_SILENCE_MS);
  if (snapshot.statusCode !== 200) {
    snapshot.resume();
    throw notAnswered(dataDir, snapshot.statusCode);
  }
  await pipeline(snapshot as Readable, createWriteStream(file, { mode: 0o600 }));
  return description;
}

const notAnswered = (dataDir: string, status: number | undefined) =>
  new BackupError(
    `The running Serambi on DATA_DIR ${dataDir} did not give its database (status ${status}): if it has just started, try again in a moment; otherwise see its log.`,
  );

async function writeBlob(blob: Blob, file: string): Promise<void> {
  await pipeline(blob.stream(), createWriteStream(file, { mode: 0o600 }));
}

/** What the configured database holds already, each named for the operator; empty when nothing. */
export async function databaseContents(config: Config): Promise<string[]> {
  const database = config.database;
  if (database.kind === 'postgres')
    return (await postgresContents(database.url)).map((what) => `the database's ${what}`);
  const entries = await readdir(database.dir).catch(() => []);
  return entries.length > 0 ? [`a database in ${database.dir}`] : [];
}

/** Empties the configured database for `--force` (DATA_DIR is held by the restore). */
export async function emptyDatabase(config: Config): Promise<void> {
  if (config.database.kind === 'postgres') await emptyPostgres(config.database.url);
  else await rm(config.database.dir, { recursive: true, force: true });
}

/** Restores the database dumped in `file` into the configured, empty one. */
export async function restoreDatabase(config: Config, file: string): Promise<void> {
  const database = config.database;
  if (database.kind === 'postgres') {
    await restorePostgres(database.url, file);
    return;
  }
  try {
    await loadPgliteSnapshot(database.dir, file);
  } catch (error) {
    await rm(database.dir, { recursive: true, force: true });
    throw new BackupError(
      `PGlite could not open the backed-up database (${(error as Error).message}): restore it with the Serambi version that made the backup, then update.`,
    );
  }
}
