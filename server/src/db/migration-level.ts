import { readFileSync } from 'node:fs';
import path from 'node:path';
import { migrationsFolder } from './client.ts';

/**
 * How far a database's schema is migrated: drizzle records each applied migration with its
 * journal entry's `when` in `drizzle.__drizzle_migrations`, and applies at start every migration
 * of the journal newer than the newest recorded.
 */
export interface MigrationLevel {
  /** Migrations applied. */
  applied: number;
  /** The newest applied migration's name in the journal (`0006_room_removals`); null when none is, or this code does not know it. */
  latest: string | null;
  /** Its journal time (ms since 1970); null when none is applied. */
  latestAt: number | null;
}

/** What a backup records about the database it copied. */
export interface DatabaseDescription {
  engine: 'pglite' | 'postgres';
  /** PostgreSQL's `server_version` (PGlite embeds PostgreSQL too). */
  serverVersion: string;
  migration: MigrationLevel;
}

interface JournalEntry {
  tag: string;
  when: number;
}

/** The migrations this code knows, oldest first. */
export function knownMigrations(): JournalEntry[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when })).sort((a, b) => a.when - b.when);
}

/** Runs one statement and answers its rows: whichever client the caller has at hand. */
export type RowsOf = (statement: string) => Promise<Record<string, unknown>[]>;

/** The engine's version and the migration level of the database `rowsOf` reads. */
export async function describeDatabase(
  engine: DatabaseDescription['engine'],
  rowsOf: RowsOf,
): Promise<DatabaseDescription> {
  const [version] = await rowsOf('show server_version');
  const schema = await rowsOf(`select to_regclass('drizzle.__drizzle_migrations') is not null as migrated`);
  const applied = schema[0]?.migrated
    ? (await rowsOf('select created_at from drizzle.__drizzle_migrations order by created_at')).map((row) =>
        Number(row.created_at),
      )
    : [];
  return { engine, serverVersion: String(version?.server_version ?? 'unknown'), migration: levelOf(applied) };
}

function levelOf(applied: number[]): MigrationLevel {
  const latestAt = applied.at(-1) ?? null;
  const latest = latestAt === null ? null : (knownMigrations().find((entry) => entry.when === latestAt)?.tag ?? null);
  return { applied: applied.length, latest, latestAt };
}

/** Whether a database at `level` was migrated by a newer Serambi than this one (this code cannot run on it). */
export function isNewerThanThisCode(level: MigrationLevel): boolean {
  const newest = knownMigrations().at(-1)?.when ?? 0;
  return level.latestAt !== null && level.latestAt > newest;
}
