import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Config } from '../config.ts';
import { isDatabaseUnavailable } from './errors.ts';
import * as schema from './schema.ts';

/** The one database type services see, whichever engine is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction handle: what a function that must run inside a transaction takes (`db: Database | Tx` works in or out of one). */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  engine: 'pglite' | 'postgres';
  ping(): Promise<void>;
  /** PGlite only: a consistent copy of its data folder as a tar, taken between transactions (`pnpm backup`). */
  snapshot?(): Promise<Blob>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** Any constant works; it only has to be the same for every instance migrating one database. */
const MIGRATION_LOCK_ID = 7_345_001;

/**
 * How long a query may run on PostgreSQL (`statement_timeout`): it cancels a slow one and keeps
 * the connection. Requests and jobs need milliseconds; longer means an overloaded database,
 * better answered with 503 than waited for.
 */
export const STATEMENT_TIMEOUT_MS = 5_000;
/**
 * How long the app waits for any answer to a query (node-postgres `query_timeout`), a little
 * past the statement timeout: a server that cannot even cancel (hung, frozen, its machine
 * unreachable) answers nothing, so only the client can give up. The connection is then dropped
 * from the pool, never reused: its unanswered query might still run later (see `ReleasingPool`).
 */
export const QUERY_TIMEOUT_MS = 6_000;
/** How long to wait for a connection, from the pool or a new one, before answering 503. */
const CONNECTION_TIMEOUT_MS = 5_000;

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Config['database']): Promise<DatabaseHandle> {
  if (config.kind === 'pglite') {
    if (config.dir !== 'memory://') mkdirSync(config.dir, { recursive: true });
    // Loaded only here: a server on PostgreSQL never holds PGlite's megabytes of code.
    const [
      { PGlite },
      { drizzle: drizzlePglite },
      { migrate: migratePglite },
      { snapshotPglite },
      { preparingQueries },
    ] = await Promise.all([
      import('@electric-sql/pglite'),
      import('drizzle-orm/pglite'),
      import('drizzle-orm/pglite/migrator'),
      import('./pglite-snapshot.ts'),
      import('./pglite-prepared.ts'),
    ]);
    const client = await PGlite.create(config.dir);
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    // After migrating: a statement is prepared against the schema as it will stay.
    preparingQueries(client);
    return {
      db: db as unknown as Database,
      engine: 'pglite',
      ping: async () => void (await client.query('select 1')),
      snapshot: () => snapshotPglite(client),
      close: () => client.close(),
    };
  }
  await migrateWithLock(config.url);
  const pool = new ReleasingPool({
    connectionString: config.url,
    max: 10,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
  });
  // An idle client losing its server (a restart) emits here; without a listener it crashes the process.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema });
  return {
    db: db as unknown as Database,
    engine: 'postgres',
    ping: async () => void (await pool.query('select 1')),
    close: () => pool.end(),
  };
}

/**
 * Several app instances may start at once against one PostgreSQL: only one migrates at a time.
 * Its own connection, without the pool's timeouts: waiting for another instance's migration,
 * or a migration that rewrites a large table, may rightly take longer.
 */
async function migrateWithLock(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECTION_TIMEOUT_MS });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      await migratePg(drizzlePg({ client }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await client.end();
  }
}

/**
 * A pool whose checked-out clients give themselves back when their connection breaks. drizzle's
 * transaction sends BEGIN before its try/finally, so a BEGIN failing on a dead connection
 * (PostgreSQL restarted) never releases the client: each such failure would cost the pool a
 * slot for good until it answers nothing, closing it would wait forever, and the dead client's
 * later `error` event, which nobody listens to while it is checked out, would crash the process.
 * A query that timed out counts as a broken connection too: its statement may still be pending
 * on the server, and drizzle would hand the client back to the pool as if nothing happened, so
 * the next request would wait behind it, or run inside its transaction once the server answers.
 * (`pool.query`, used outside transactions, already drops a client on any error.)
 */
class ReleasingPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | undefined {
    // The callback form is the pool's own (pool.query), which releases on every error itself.
    if (callback) {
      super.connect(callback);
      return undefined;
    }
    return super.connect().then(releasedWhenBroken);
  }
}

const queryOf = new WeakMap<pg.PoolClient, pg.PoolClient['query']>();

/** Makes this checkout release the client (and the pool drop it) once its connection is lost; releasing twice is harmless. */
function releasedWhenBroken(client: pg.PoolClient): pg.PoolClient {
  const poolRelease = client.release;
  let released = false;
  const release = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener('error', release);
    poolRelease(error);
  };
  client.on('error', release);
  const query = queryOf.get(client) ?? client.query;
  queryOf.set(client, query);
  client.query = ((...args: unknown[]) => {
    const result = Reflect.apply(query, client, args) as unknown;
    if (!(result instanceof Promise)) return result;
    return result.catch((error: unknown) => {
      if (isDatabaseUnavailable(error)) release(error as Error);
      throw error;
    });
  }) as pg.PoolClient['query'];
  client.release = release;
  return client;
}
