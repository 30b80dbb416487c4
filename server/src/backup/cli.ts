/**
 * `pnpm backup [file or folder]` and `pnpm restore <archive> [--force]`, run with the same
 * environment as Serambi (DATA_DIR, DATABASE_URL, RECORDINGS_DIR). Progress goes to standard
 * output; a problem is one line on standard error saying what to do, and exit status 1.
 */
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { DataDirInUseError } from '../db/data-dir-lock.ts';
import { createBackup, megabytes } from './backup.ts';
import { BackupError } from './backup-error.ts';
import { restoreBackup } from './restore.ts';

const USAGE = 'Usage: pnpm backup [file or folder]  |  pnpm restore <archive> [--force]';

const [command, ...args] = process.argv.slice(2);
const say = (line: string) => console.log(line);

try {
  const config = loadConfig();
  if (command === 'backup') await backup(config, args);
  else if (command === 'restore') await restore(config, args);
  else fail(USAGE);
} catch (error) {
  if (error instanceof BackupError || error instanceof ConfigError || error instanceof DataDirInUseError) {
    fail(error.message);
  }
  console.error(error);
  fail(`pnpm ${command} failed unexpectedly (details above); nothing was replaced where it stopped before restoring.`);
}

async function backup(config: Config, rest: string[]) {
  const [output, ...extra] = rest.filter((arg) => arg !== '--');
  if (extra.length > 0 || output?.startsWith('-')) fail(USAGE);
  say(`Backing up Serambi (DATA_DIR ${config.dataDir})`);
  const result = await createBackup(config, { output, now: () => new Date(), say });
  say(
    `Wrote ${result.file} (${megabytes(result.bytes)}). Only its owner may read it (mode 0600): it holds the ` +
      'database with its secrets (join links, sign-in, recording links) and every recording, so keep it as safe as the server.',
  );
  if (result.manifest.authSecret === 'environment') {
    say('AUTH_SECRET is set in the environment and is not in the backup: keep it with the backup, apart from it.');
  }
}

async function restore(config: Config, rest: string[]) {
  const force = rest.includes('--force');
  const [archive, ...extra] = rest.filter((arg) => arg !== '--force' && arg !== '--');
  if (!archive || extra.length > 0 || archive.startsWith('-')) fail(USAGE);
  say(`Restoring ${archive} into DATA_DIR ${config.dataDir}`);
  const result = await restoreBackup(config, { archive, force, say });
  say('Restored. Start Serambi with the same environment (pnpm start): it migrates the database if it is newer.');
  if (result.manifest.authSecret === 'environment') {
    say(
      'This backup was made with AUTH_SECRET set: set the same AUTH_SECRET here, or everyone signed in has to sign in again.',
    );
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
