import { describe, expect, it } from 'vitest';
import { describeDatabase, isNewerThanThisCode, knownMigrations, type RowsOf } from './migration-level.ts';

const known = knownMigrations();
const oldest = known[0];
const newest = known.at(-1);

/**
 * A database's answers to the three statements `describeDatabase` runs: PostgreSQL's version, whether
 * drizzle's bookkeeping table exists, and the journal times of the migrations applied.
 */
const aDatabase =
  (appliedAt: number[] | null, version = '17.4'): RowsOf =>
  async (statement) => {
    if (statement === 'show server_version') return [{ server_version: version }];
    if (statement.includes('to_regclass')) return [{ migrated: appliedAt !== null }];
    if (statement.includes('from drizzle.__drizzle_migrations')) {
      // node-postgres answers bigint columns as text.
      return (appliedAt ?? []).map((at) => ({ created_at: String(at) }));
    }
    throw new Error(`unexpected statement: ${statement}`);
  };

describe('the migrations this code knows', () => {
  it('are the journal’s entries, oldest first, the initial schema the first', () => {
    expect(known.length).toBeGreaterThan(1);
    expect(oldest?.tag).toBe('0000_initial');
    const times = known.map((entry) => entry.when);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('how far a database is migrated', () => {
  it('is nowhere for a database no migration has touched', async () => {
    expect(await describeDatabase('postgres', aDatabase(null, '16.2'))).toEqual({
      engine: 'postgres',
      serverVersion: '16.2',
      migration: { applied: 0, latest: null, latestAt: null },
    });
  });

  it('names the newest migration applied by its journal tag', async () => {
    const applied = known.slice(0, 2).map((entry) => entry.when);
    const { migration } = await describeDatabase('pglite', aDatabase(applied));
    expect(migration).toEqual({ applied: 2, latest: known[1]?.tag, latestAt: known[1]?.when });
  });

  it('names no migration when the newest applied is one this code does not know', async () => {
    const future = (newest?.when ?? 0) + 86_400_000;
    const { migration } = await describeDatabase('pglite', aDatabase([...known.map((e) => e.when), future]));
    expect(migration).toEqual({ applied: known.length + 1, latest: null, latestAt: future });
  });
});

describe('a database migrated by a newer Serambi', () => {
  it('is one whose newest migration is later than any this code knows', () => {
    const at = (latestAt: number | null) => ({ applied: 1, latest: null, latestAt });
    expect(isNewerThanThisCode(at((newest?.when ?? 0) + 1))).toBe(true);
    expect(isNewerThanThisCode(at(newest?.when ?? 0))).toBe(false);
    expect(isNewerThanThisCode(at(oldest?.when ?? 0))).toBe(false);
    expect(isNewerThanThisCode(at(null))).toBe(false);
  });
});
