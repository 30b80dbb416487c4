import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupManifest, backupManifestSchema } from './manifest.ts';

const SHA = 'a'.repeat(64);

/** The manifest of a PGlite backup with one finished recording and one still being captured. */
const aManifest = (): BackupManifest => ({
  format: BACKUP_FORMAT,
  formatVersion: BACKUP_FORMAT_VERSION,
  createdAt: '2026-12-07T02:00:00.000Z',
  database: {
    engine: 'pglite',
    serverVersion: '17.4',
    migration: { applied: 31, latest: '0030_recordings', latestAt: 1_765_000_000_000 },
  },
  authSecret: 'database',
  files: [
    { path: 'database/pglite.tar', size: 4_096, sha256: SHA },
    { path: 'recordings/s1/r1/media.mp4', size: 1_048_576, sha256: SHA },
    { path: 'recordings/s1/r2/raw.mkv', size: 512, sha256: SHA, inProgress: true },
  ],
});

/** Why the manifest is refused, as the path of the first thing wrong in it. */
const refusal = (manifest: unknown) => {
  const parsed = backupManifestSchema.safeParse(manifest);
  return parsed.success ? null : parsed.error.issues[0]?.path.join('.');
};

describe('a backup’s manifest', () => {
  it('accepts a backup as one is written, a recording in progress included', () => {
    expect(backupManifestSchema.parse(aManifest())).toEqual(aManifest());
    expect(refusal({ ...aManifest(), authSecret: 'environment' })).toBeNull();
    expect(refusal({ ...aManifest(), database: { ...aManifest().database, engine: 'postgres' } })).toBeNull();
  });

  it('accepts a database no migration has been applied to yet', () => {
    const fresh = { ...aManifest().database, migration: { applied: 0, latest: null, latestAt: null } };
    expect(refusal({ ...aManifest(), database: fresh })).toBeNull();
  });

  it('refuses an archive that is not a Serambi backup', () => {
    expect(refusal({ ...aManifest(), format: 'other-backup' })).toBe('format');
    expect(refusal({ ...aManifest(), formatVersion: 0 })).toBe('formatVersion');
  });

  it('refuses a file whose checksum is not a SHA-256 in lower-case hex', () => {
    const files = (sha256: string) => [{ path: 'recordings/s1/r1/media.mp4', size: 1, sha256 }];
    expect(refusal({ ...aManifest(), files: files('A'.repeat(64)) })).toBe('files.0.sha256');
    expect(refusal({ ...aManifest(), files: files('a'.repeat(63)) })).toBe('files.0.sha256');
  });

  it('refuses a file without a path or with a negative or fractional size', () => {
    expect(refusal({ ...aManifest(), files: [{ path: '', size: 1, sha256: SHA }] })).toBe('files.0.path');
    expect(refusal({ ...aManifest(), files: [{ path: 'a', size: -1, sha256: SHA }] })).toBe('files.0.size');
    expect(refusal({ ...aManifest(), files: [{ path: 'a', size: 1.5, sha256: SHA }] })).toBe('files.0.size');
  });

  it('refuses an unknown database engine, a creation time that is not an instant, and an unknown secret source', () => {
    expect(refusal({ ...aManifest(), database: { ...aManifest().database, engine: 'mysql' } })).toBe('database.engine');
    expect(refusal({ ...aManifest(), createdAt: '7 Desember 2026' })).toBe('createdAt');
    expect(refusal({ ...aManifest(), authSecret: 'file' })).toBe('authSecret');
  });
});
