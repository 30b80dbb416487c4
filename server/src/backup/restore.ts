import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';
import { isNewerThanThisCode } from '../db/migration-level.ts';
import { liveKitKeysFile } from '../livekit/local-server.ts';
import { isSafeKey } from '../storage/file-store.ts';
import { damaged, type ExtractedFile, extractArchive } from './archive.ts';
import { BackupError } from './backup-error.ts';
import { databaseContents, emptyDatabase, restoreDatabase } from './database-copy.ts';
import {
  BACKUP_FORMAT_VERSION,
  type BackupManifest,
  backupManifestSchema,
  DATABASE_ENTRY,
  LIVEKIT_KEYS_ENTRY,
  MANIFEST_NAME,
  MATERIALS_PREFIX,
  RECORDINGS_PREFIX,
} from './manifest.ts';

export interface RestoreResult {
  manifest: BackupManifest;
  /** Recordings restored, and how many of them were not finished when the backup was made. */
  recordings: { files: number; unfinished: number };
  /** Files of sessions' materials restored. */
  materials: { files: number };
}

/**
 * `pnpm restore <archive> [--force]`: checks the archive whole (every checksum of its manifest)
 * before touching anything, refuses a DATA_DIR or database that holds something unless
 * `force` (which replaces it), then restores the database, the LiveKit keys, the recordings and
 * the materials where the configuration says. DATA_DIR is held throughout, so Serambi cannot start on it
 * meanwhile; its next start migrates the database if this code is newer than the backup.
 */
export async function restoreBackup(
  config: Config,
  options: { archive: string; force: boolean; say: (line: string) => void },
): Promise<RestoreResult> {
  const archive = path.resolve(options.archive);
  if (!existsSync(archive)) {
    throw new BackupError(`There is no file ${archive}: give the path of an archive pnpm backup wrote.`);
  }
  const lock = await lockDataDir(config.dataDir, 'restore');
  try {
    const present = await contentsOf(config);
    if (present.length > 0 && !options.force) {
      throw new BackupError(
        `Nothing was restored: there is already ${present.join(', ')}. Restore into an empty DATA_DIR and database, or add --force to replace what is there.`,
      );
    }
    const staging = await mkdtemp(path.join(config.dataDir, '.restore-'));
    try {
      const extracted = await extractArchive(archive, staging, isArchiveEntry);
      const manifest = await verified(archive, extracted);
      refuseWhatThisCannotRun(config, manifest);
      options.say(
        `backup of ${manifest.createdAt}: ${manifest.database.engine} (PostgreSQL ${manifest.database.serverVersion}), ` +
          `migration ${manifest.database.migration.latest ?? manifest.database.migration.applied}, ${manifest.files.length} files, checksums verified`,
      );
      if (present.length > 0) {
        options.say(`replacing     ${present.join(', ')} (--force)`);
        await emptyTargets(config);
      }
      const databaseEntry = DATABASE_ENTRY[manifest.database.engine];
      await restoreDatabase(config, fileOf(extracted, databaseEntry));
      options.say(`database      ${config.database.kind === 'pglite' ? config.database.dir : 'DATABASE_URL'} restored`);
      const keys = extracted.get(LIVEKIT_KEYS_ENTRY);
      if (keys) {
        await moveInto(keys.file, liveKitKeysFile(config.dataDir));
        options.say(`LiveKit keys  ${liveKitKeysFile(config.dataDir)}`);
      }
      const recordings = manifest.files.filter((entry) => entry.path.startsWith(RECORDINGS_PREFIX));
      for (const entry of recordings) {
        const key = entry.path.slice(RECORDINGS_PREFIX.length);
        await moveInto(fileOf(extracted, entry.path), path.join(config.recording.dir, ...key.split('/')));
      }
      const unfinished = recordings.filter((entry) => entry.inProgress).length;
      options.say(
        `recordings    ${config.recording.dir}: ${recordings.length} files` +
          (unfinished > 0
            ? `; ${unfinished} were not finished at the backup: Serambi finishes them with what was captured`
            : ''),
      );
      const materials = manifest.files.filter((entry) => entry.path.startsWith(MATERIALS_PREFIX));
      for (const entry of materials) {
        const key = entry.path.slice(MATERIALS_PREFIX.length);
        await moveInto(fileOf(extracted, entry.path), path.join(config.materials.dir, ...key.split('/')));
      }
      options.say(`materials     ${config.materials.dir}: ${materials.length} files`);
      return { manifest, recordings: { files: recordings.length, unfinished }, materials: { files: materials.length } };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  } finally {
    await lock.release();
  }
}

/** Names a backup may hold (manifest.ts); a name outside these is never written anywhere. */
function isArchiveEntry(name: string): boolean {
  if (name === MANIFEST_NAME || name === LIVEKIT_KEYS_ENTRY) return true;
  if (Object.values(DATABASE_ENTRY).includes(name as never)) return true;
  return [RECORDINGS_PREFIX, MATERIALS_PREFIX].some(
    (prefix) => name.startsWith(prefix) && isSafeKey(name.slice(prefix.length)),
  );
}

/** The manifest, once every file it lists is in the archive with its size and checksum, and nothing else is. */
async function verified(archive: string, extracted: Map<string, ExtractedFile>): Promise<BackupManifest> {
  const manifestFile = extracted.get(MANIFEST_NAME);
  if (!manifestFile) throw damaged(archive, 'it has no manifest.json (was it cut short?)');
  let content: unknown;
  try {
    content = JSON.parse(await readFile(manifestFile.file, 'utf8'));
  } catch {
    throw damaged(archive, 'its manifest.json is not JSON');
  }
  const formatVersion = (content as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof formatVersion === 'number' && formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `This backup was made by a newer Serambi (backup format ${formatVersion}): update Serambi, then restore.`,
    );
  }
  const parsed = backupManifestSchema.safeParse(content);
  if (!parsed.success) throw damaged(archive, 'its manifest.json is not one pnpm backup writes');
  const manifest = parsed.data;
  for (const entry of manifest.files) {
    const found = extracted.get(entry.path);
    if (!found) throw damaged(archive, `${entry.path} is missing`);
    if (found.size !== entry.size || found.sha256 !== entry.sha256) {
      throw damaged(archive, `${entry.path} does not match its checksum`);
    }
  }
  const listed = new Set(manifest.files.map((entry) => entry.path));
  for (const name of extracted.keys()) {
    if (name !== MANIFEST_NAME && !listed.has(name)) throw damaged(archive, `${name} is not in its manifest`);
  }
  if (!listed.has(DATABASE_ENTRY[manifest.database.engine])) throw damaged(archive, 'it holds no database');
  return manifest;
}

function refuseWhatThisCannotRun(config: Config, manifest: BackupManifest): void {
  if (manifest.database.engine !== config.database.kind) {
    throw new BackupError(
      manifest.database.engine === 'pglite'
        ? 'This backup holds a PGlite database: unset DATABASE_URL to restore it into DATA_DIR, or restore it with the embedded database first.'
        : 'This backup holds a PostgreSQL database: set DATABASE_URL to an empty PostgreSQL database to restore it into.',
    );
  }
  if (isNewerThanThisCode(manifest.database.migration)) {
    throw new BackupError(
      `This backup's database was migrated by a newer Serambi (migration ${manifest.database.migration.latestAt}): update Serambi, then restore.`,
    );
  }
}

/** What DATA_DIR and the database hold already that a restore would replace, each named. */
async function contentsOf(config: Config): Promise<string[]> {
  const present = await databaseContents(config);
  if (existsSync(liveKitKeysFile(config.dataDir))) present.push(`LiveKit keys in ${liveKitKeysFile(config.dataDir)}`);
  const recordings = await readdir(config.recording.dir).catch(() => []);
  if (recordings.length > 0) present.push(`recordings in ${config.recording.dir}`);
  const materials = await readdir(config.materials.dir).catch(() => []);
  if (materials.length > 0) present.push(`materials in ${config.materials.dir}`);
  return present;
}

async function emptyTargets(config: Config): Promise<void> {
  await emptyDatabase(config);
  await rm(liveKitKeysFile(config.dataDir), { force: true });
  await rm(config.recording.dir, { recursive: true, force: true });
  await rm(config.materials.dir, { recursive: true, force: true });
}

function fileOf(extracted: Map<string, ExtractedFile>, name: string): string {
  const found = extracted.get(name);
  if (!found) throw new Error(`${name} was verified but is not extracted`);
  return found.file;
}

/** Moves a restored file into place (copying when it is on another file system), readable by its owner only. */
async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
  }
  await chmod(to, 0o600);
}
