import { z } from 'zod';

/**
 * What a backup archive holds, as its last entry `manifest.json`. The archive is a gzipped tar:
 *
 *   database/pglite.tar        PGlite's data folder (engine pglite), or
 *   database/postgres.pgdump   pg_dump's custom format (engine postgres)
 *   data/livekit-keys.json     the local LiveKit server's key pair, when there is one
 *   recordings/<key>           every file of the recordings folder, by its store key
 *   materials/<key>            every file of the materials folder, by its store key (format 2 on)
 *   manifest.json              this
 */
export const BACKUP_FORMAT = 'serambi-backup';
/** Raised when a backup changes shape; a restore refuses an archive of a newer format. */
export const BACKUP_FORMAT_VERSION = 2;

export const MANIFEST_NAME = 'manifest.json';
export const DATABASE_ENTRY = { pglite: 'database/pglite.tar', postgres: 'database/postgres.pgdump' } as const;
export const LIVEKIT_KEYS_ENTRY = 'data/livekit-keys.json';
export const RECORDINGS_PREFIX = 'recordings/';
export const MATERIALS_PREFIX = 'materials/';

const fileSchema = z.object({
  path: z.string().min(1),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** A recording being captured when the backup was made: its bytes up to that moment. */
  inProgress: z.boolean().optional(),
});
export type ManifestFile = z.infer<typeof fileSchema>;

export const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  database: z.object({
    engine: z.enum(['pglite', 'postgres']),
    serverVersion: z.string(),
    migration: z.object({
      applied: z.number().int().min(0),
      latest: z.string().nullable(),
      latestAt: z.number().nullable(),
    }),
  }),
  /**
   * Where the sign-in secret came from. `environment`: AUTH_SECRET was set, and is not in the
   * backup (set the same one where it is restored, or everyone signs in again).
   */
  authSecret: z.enum(['database', 'environment']),
  files: z.array(fileSchema),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;
