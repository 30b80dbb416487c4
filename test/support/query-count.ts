import type { Database } from '../../server/src/db/client.ts';

/**
 * Counts the queries a database handle sends from now on (both engines' clients have `query`):
 * `of(read)` is how many `read` sent. For tests that hold a path to a query budget.
 */
export function countQueries(db: Database): { of(read: () => Promise<unknown>): Promise<number> } {
  const client = (db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
  const query = client.query.bind(client);
  let sent = 0;
  client.query = (...args) => {
    sent++;
    return query(...args);
  };
  return {
    async of(read) {
      const before = sent;
      await read();
      return sent - before;
    },
  };
}
