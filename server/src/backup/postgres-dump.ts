import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseDescription, describeDatabase } from '../db/migration-level.ts';
import { BackupError } from './backup-error.ts';

/**
 * PostgreSQL is copied with its own tools: `pg_dump` in its custom format (one consistent
 * snapshot, taken while Serambi runs on), `pg_restore` into an empty database. Objects are
 * restored owned by whoever DATABASE_URL connects as, without the original's grants: the
 * machine restored on has its own roles.
 */
export async function dumpPostgres(url: string, file: string): Promise<DatabaseDescription> {
  const description = await withClient(url, (client) => describeDatabase('postgres', rowsOf(client)));
  await runTool('pg_dump', ['--format=custom', `--file=${file}`], url);
  return description;
}

export async function restorePostgres(url: string, file: string): Promise<void> {
  await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', file], url);
}

/** What the database already holds (its schemas besides PostgreSQL's own, with how many tables); empty when nothing. */
export async function postgresContents(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ schema: string; tables: number }>(
      `select n.nspname as schema, count(c.oid)::int as tables
         from pg_namespace n left join pg_class c on c.relnamespace = n.oid and c.relkind in ('r', 'p', 'v', 'm', 'S')
        where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
          and n.nspname not like 'pg\\_temp\\_%' and n.nspname not like 'pg\\_toast\\_temp\\_%'
        group by n.nspname order by n.nspname`,
    );
    return rows
      .filter((row) => row.schema !== 'public' || row.tables > 0)
      .map((row) => `schema ${row.schema} (${row.tables} tables)`);
  });
}

/** Empties what Serambi keeps in the database (its tables and types in `public`, drizzle's journal) for `--force`. */
export async function emptyPostgres(url: string): Promise<void> {
  await withClient(url, async (client) => {
    try {
      await client.query(
        'drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public',
      );
    } catch (error) {
      throw new BackupError(
        `Could not empty the database for --force (${(error as Error).message}): drop and create the database yourself, then restore without --force.`,
      );
    }
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(
      `Cannot connect to the database of DATABASE_URL (${(error as Error).message}): check that PostgreSQL runs and DATABASE_URL is right.`,
    );
  }
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const rowsOf = (client: pg.Client) => async (statement: string) =>
  (await client.query(statement)).rows as Record<string, unknown>[];

/**
 * Runs pg_dump or pg_restore against `url`. The password goes in the environment (PGPASSWORD),
 * not the command line, where every user of the machine could read it.
 */
async function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const address = new URL(url);
  const password = decodeURIComponent(address.password);
  address.password = '';
  const argv = [...args, `--dbname=${address.toString()}`];
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  for (const binary of candidatesFor(tool)) {
    const outcome = await run(binary, argv, env);
    if (outcome === 'missing') continue;
    if (outcome.code === 0) return;
    const last = outcome.stderr.trim().split('\n').filter(Boolean).slice(-2).join(' ');
    const advice = /version mismatch|aborting because of server version/i.test(outcome.stderr)
      ? `install the PostgreSQL client of the server's version (Debian: postgresql-client-<version>) and put its ${tool} first on PATH`
      : 'see its message';
    throw new BackupError(`${tool} failed (${last || `exit ${outcome.code}`}): ${advice}.`);
  }
  throw new BackupError(
    `${tool} not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client) or put ${tool} on PATH.`,
  );
}

/** `tool` as PATH finds it, then the newest of Debian's /usr/lib/postgresql/<version>/bin. */
function candidatesFor(tool: string): string[] {
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
  return [tool, ...versions.map((version) => path.join(debian, version, 'bin', tool))];
}

function run(
  binary: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<'missing' | { code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, argv, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4_000);
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? resolve('missing') : reject(error),
    );
    child.once('close', (code) => resolve({ code, stderr }));
  });
}
