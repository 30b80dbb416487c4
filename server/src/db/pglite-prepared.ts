import { type PGlite, parse, protocol, type QueryOptions, type Results } from '@electric-sql/pglite';

/**
 * PGlite answering each query text it has seen before from a named prepared statement, as
 * node-postgres does for drizzle's prepared queries on PostgreSQL. PGlite's own `query` parses,
 * plans and describes every query afresh: for the join's one read (four kilobytes of SQL with a
 * lateral union) that is about 1.5 ms of the 2.2 ms it costs, on the server's own thread
 * (bench/room.bench.ts, "server CPU time per join"). A prepared statement is parsed and
 * described once, and PostgreSQL keeps its plan once a generic plan is as good.
 *
 * Only queries outside transactions (drizzle's transactions hold their own handle); the
 * `capacity` most recently used texts are kept, the one used longest ago closed when a new one
 * comes (queries with lists of varying length each have a text of their own).
 */
export function preparingQueries(pg: PGlite, capacity = 500): void {
  const plainQuery = pg.query.bind(pg);
  const statements = new Map<string, Statement>();
  let made = 0;

  /** Closes the statement of `text` on the server and forgets it (nothing when there is none). */
  const forget = async (text: string) => {
    const statement = statements.get(text);
    statements.delete(text);
    if (!statement) return;
    await pg
      .execProtocol(concat([protocol.serialize.close({ type: 'S', name: statement.name }), sync()]), {
        syncToFs: false,
      })
      .catch(() => undefined);
  };

  const prepare = async (text: string, options: QueryOptions | undefined): Promise<Statement> => {
    const name = `serambi_${++made}`;
    const { messages } = await pg.execProtocol(
      concat([protocol.serialize.parse({ name, text, types: options?.paramTypes }), describeStatement(name), sync()]),
      { syncToFs: false },
    );
    const statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      rowDescription: messages.find((message) => message.name === 'rowDescription'),
    };
    statements.set(text, statement);
    if (statements.size > capacity) {
      const oldestText = statements.keys().next().value;
      if (oldestText !== undefined) await forget(oldestText);
    }
    return statement;
  };

  const run = async <T>(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> => {
    let statement = statements.get(text);
    if (statement) {
      // Most recently used last: the first in the map is the one to close when it is full.
      statements.delete(text);
      statements.set(text, statement);
    } else {
      statement = await prepare(text, options);
    }
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const type = statement.paramTypes[i];
      const serializer = type === undefined ? undefined : (options?.serializers?.[type] ?? pg.serializers[type]);
      return serializer ? serializer(value) : String(value);
    });
    const { messages } = await pg.execProtocol(
      concat([protocol.serialize.bind({ statement: statement.name, values }), protocol.serialize.execute({}), sync()]),
      { syncToFs: false },
    );
    // The rows' names and types were told once, when the statement was described.
    const described = statement.rowDescription ? [statement.rowDescription, ...messages] : messages;
    const [result] = parse.parseResults(described, pg.parsers, options);
    if (!result) throw new Error(`PGlite answered no result to a prepared statement: ${text.slice(0, 80)}`);
    return result as Results<T>;
  };

  pg.query = async <T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> => {
    // COPY's blobs go PGlite's own way.
    if (options?.blob) return plainQuery<T>(text, params, options);
    await pg._checkReady();
    return pg._runExclusiveTransaction(() =>
      pg._runExclusiveQuery(async () => {
        try {
          return await run<T>(text, params, options);
        } catch (error) {
          if (!isStaleStatement(error)) throw error;
          // The schema changed under the statement's plan: nothing ran, so prepare it anew.
          await forget(text);
          return await run<T>(text, params, options);
        } finally {
          await pg.syncToFs();
        }
      }),
    );
  };
}

/** PostgreSQL's "cached plan must not change result type", or a statement it no longer has. */
function isStaleStatement(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '0A000' || code === '26000';
}

interface Statement {
  name: string;
  /** The parameters' type ids, as PostgreSQL inferred them when it parsed the statement. */
  paramTypes: number[];
  /** Absent for a statement that returns no rows. */
  rowDescription: Parameters<typeof parse.parseResults>[0][number] | undefined;
}

const describeStatement = (name: string) => protocol.serialize.describe({ type: 'S', name });
const sync = () => protocol.serialize.sync();

function concat(parts: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}
