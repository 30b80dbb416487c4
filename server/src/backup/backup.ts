import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import { liveKitKeysFile } from '../livekit/local-server.ts';
import { recordingKeys } from '../recordings/store.ts';
import { isSafeKey } from '../storage/file-store.ts';
import { createArchive } from './archive.ts';
import { BackupError } from './backup-error.ts';
import { copyDatabase } from './database-copy.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupManifest,
  LIVEKIT_KEYS_ENTRY,
  MANIFEST_NAME,
  MATERIALS_PREFIX,
  type ManifestFile,
  RECORDINGS_PREFIX,
} from './manifest.ts';

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

/** A recording's capture is there until it has been finished into its replay file. */
const CAPTURE_NAME = path.posix.basename(recordingKeys('session', 'recording').raw);
/** What DATA_DIR holds besides the database and recordings that a start makes again by itself. */
const REMADE_AT_START = new Set(['livekit.yaml', 'livekit.log', 'serambi.sock']);

/**
 * `pnpm backup`: one archive (manifest.ts) of the database, the local LiveKit keys, the
 * recordings and the sessions' materials, while Serambi runs or not. The database is copied
 * first and the files after it, so every file the copied database knows of is in the archive: a recording finished in
 * between is there as its replay (recordings/finish-job.ts takes that for finished), and a capture
 * still being written is cut where it was, as a crash would leave it.
 */
export async function createBackup(
  config: Config,
  options: { output: string | undefined; now: () => Date; say: (line: string) => void },
): Promise<BackupResult> {
  const createdAt = options.now();
  const file = outputFile(options.output, createdAt);
  const work = await mkdtemp(path.join(path.dirname(file), '.serambi-backup-'));
  const archive = await createArchive(file);
  try {
    const databaseFile = path.join(work, 'database');
    const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dir}` : 'PostgreSQL (DATABASE_URL)';
    const database = await copyDatabase(config, databaseFile);
    const files: ManifestFile[] = [];
    const added = await archive.addFile(database.entry, databaseFile);
    if (!added) throw new Error('the database copy vanished');
    files.push(added);
    const level = database.description.migration;
    options.say(
      `database      ${where}, copied ${database.how}: ${megabytes(added.size)}, migration ${level.latest ?? level.applied}`,
    );

    const keys = await archive.addFile(LIVEKIT_KEYS_ENTRY, liveKitKeysFile(config.dataDir));
    if (keys) files.push(keys);
    options.say(
      `LiveKit keys  ${keys ? liveKitKeysFile(config.dataDir) : 'none (no local LiveKit server has run here)'}`,
    );

    const recordings = await recordingFiles(config.recording.dir);
    let unfinished = 0;
    let recordingBytes = 0;
    for (const key of recordings) {
      const copied = await archive.addFile(`${RECORDINGS_PREFIX}${key}`, path.join(config.recording.dir, key));
      // Deleted meanwhile (an expired or removed recording): the copied database may still list it, as it did then.
      if (!copied) continue;
      const inProgress = path.posix.basename(key) === CAPTURE_NAME;
      if (inProgress) unfinished++;
      recordingBytes += copied.size;
      files.push(inProgress ? { ...copied, inProgress } : copied);
    }
    const captured = files.filter((f) => f.path.startsWith(RECORDINGS_PREFIX)).length;
    options.say(
      `recordings    ${config.recording.dir}: ${captured} files, ${megabytes(recordingBytes)}` +
        (unfinished > 0
          ? `; ${unfinished} not finished yet (being recorded or waiting to be finished), included as captured so far`
          : ''),
    );

    const materials = await storeFiles(config.materials.dir);
    let materialBytes = 0;
    let materialCount = 0;
    for (const key of materials) {
      const copied = await archive.addFile(`${MATERIALS_PREFIX}${key}`, path.join(config.materials.dir, key));
      // Removed meanwhile: the copied database may still list it, as it did then.
      if (!copied) continue;
      materialCount++;
      materialBytes += copied.size;
      files.push(copied);
    }
    options.say(`materials     ${config.materials.dir}: ${materialCount} files, ${megabytes(materialBytes)}`);
    const leftOut = await leftOutOf(config);
    if (leftOut.length > 0) options.say(`not included  ${leftOut.join(', ')} (in DATA_DIR, not Serambi's)`);

    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: createdAt.toISOString(),
      database: {
        engine: database.description.engine,
        serverVersion: database.description.serverVersion,
        migration: level,
      },
      authSecret: config.authSecret ? 'environment' : 'database',
      files,
    };
    await archive.addJson(MANIFEST_NAME, manifest);
    await archive.finish();
    return { file, bytes: (await stat(file)).size, manifest };
  } catch (error) {
    await archive.abort();
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The archive's path: `output` as given, or a dated name in the folder it names (the current one by default). */
function outputFile(output: string | undefined, createdAt: Date): string {
  const stamp = createdAt
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')
    .replace('T', '-');
  const dated = `serambi-backup-${stamp}.tar.gz`;
  const given = path.resolve(output ?? '.');
  const file = existsSync(given) && statSync(given).isDirectory() ? path.join(given, dated) : given;
  if (existsSync(file)) throw new BackupError(`${file} exists already: give another file name, or move that one away.`);
  if (!existsSync(path.dirname(file))) {
    throw new BackupError(
      `The folder ${path.dirname(file)} does not exist: create it, or give another place to write the backup.`,
    );
  }
  return file;
}

/** Every file of the recordings folder by its key, a recording's capture before its replay (see `createBackup`). */
async function recordingFiles(root: string): Promise<string[]> {
  const keys = await storeFiles(root);
  const order = (key: string) =>
    [path.posix.dirname(key), path.posix.basename(key) === CAPTURE_NAME ? 0 : 1, key] as const;
  return keys.sort((a, b) => {
    const [folderA, firstA] = order(a);
    const [folderB, firstB] = order(b);
    return folderA.localeCompare(folderB) || firstA - firstB || a.localeCompare(b);
  });
}

/** Every file of a folder store by its key (none when the folder is not there), keys it would not make left out, sorted. */
async function storeFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    },
  );
  const keys = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter(isSafeKey);
  return keys.sort((a, b) => a.localeCompare(b));
}

/** Entries of DATA_DIR that are neither backed up nor made again at start: the operator's own, named so they know. */
async function leftOutOf(config: Config): Promise<string[]> {
  const names = await readdir(config.dataDir).catch(() => [] as string[]);
  const ours = new Set([
    ...REMADE_AT_START,
    path.basename(liveKitKeysFile(config.dataDir)),
    ...(config.database.kind === 'pglite' ? [path.basename(config.database.dir)] : []),
    ...[config.recording.dir, config.materials.dir]
      .filter((dir) => path.dirname(dir) === config.dataDir)
      .map((dir) => path.basename(dir)),
  ]);
  return names.filter((name) => !ours.has(name) && !name.startsWith('.serambi-backup-')).sort();
}

export const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
