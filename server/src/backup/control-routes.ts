import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/client.ts';
import { describeDatabase } from '../db/migration-level.ts';

export const CONTROL_PATHS = {
  /** GET: the engine, its version and the migration level (`DatabaseDescription`). */
  database: '/backup/database',
  /** POST: the PGlite data folder as a tar, consistent between two transactions. */
  snapshot: '/backup/database/snapshot',
} as const;

/**
 * What a running Serambi on PGlite answers `pnpm backup` on its control socket (DATA_DIR/serambi.sock,
 * reachable by its own user only): PGlite lives inside the server's process, so the server
 * takes the copy. Queries wait while it does (a fraction of a second for a small database).
 */
export function backupControlRoutes(database: DatabaseHandle, log: Logger): Hono {
  const app = new Hono();
  app.get(CONTROL_PATHS.database, async (c) =>
    c.json(
      await describeDatabase(database.engine, async (statement) => {
        const result = await database.db.execute(sql.raw(statement));
        return (result as unknown as { rows: Record<string, unknown>[] }).rows;
      }),
    ),
  );
  app.post(CONTROL_PATHS.snapshot, async (c) => {
    if (!database.snapshot) return c.json({ message: 'only PGlite is copied through Serambi; use pg_dump' }, 409);
    const started = performance.now();
    const snapshot = await database.snapshot();
    log.info({ bytes: snapshot.size, ms: Math.round(performance.now() - started) }, 'database snapshot for a backup');
    return c.body(snapshot.stream(), 200, {
      'Content-Type': 'application/x-tar',
      'Content-Length': String(snapshot.size),
    });
  });
  return app;
}
