import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDatabase, ENGINES } from '../../test/support/factories.ts';
import type { DatabaseHandle } from './db/client.ts';
import { createLogger } from './logger.ts';

describe.each(ENGINES)('a logged database error on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await aDatabase(engine);
  });
  afterAll(() => handle?.close());

  /** The error a query given `secret` fails with, as drizzle throws it. */
  const failedQuery = async (secret: string, statement = sql`select ${secret} from no_such_table`) => {
    const error = await handle.db.execute(statement).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    // The error itself carries the value: what the logger must leave out.
    expect(String((error as Error).message)).toContain(secret);
    return error;
  };

  const logged = (error: unknown) => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', pretty: false, destination: { write: (line) => void lines.push(line) } });
    log.error({ err: error }, 'unhandled error');
    return lines.join('\n');
  };

  it('names the failed statement but none of the values it was given', async () => {
    const secret = randomBytes(32).toString('base64url');
    const line = logged(await failedQuery(secret));
    expect(line).toContain('no_such_table');
    expect(line).toMatch(/does not exist/);
    expect(line).not.toContain(secret);
  });

  it('leaves a value out also where the database quotes it in its own message', async () => {
    const secret = randomBytes(32).toString('base64url');
    const line = logged(await failedQuery(secret, sql`select ${secret}::integer`));
    expect(line).toMatch(/invalid input syntax/);
    expect(line).not.toContain(secret);
  });
});
