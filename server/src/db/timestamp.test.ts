import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCommunity, aDatabase, ENGINES } from '../../../test/support/factories.ts';
import { communities } from '../communities/schema.ts';
import type { DatabaseHandle } from './client.ts';
import { parsePostgresTimestamp } from './timestamp.ts';

describe('parsePostgresTimestamp', () => {
  it.each([
    ['2026-12-06 20:00:00.123456+08', '2026-12-06T12:00:00.123Z'],
    ['0026-01-01 00:01:00+00', '0026-01-01T00:01:00.000Z'],
    ['0001-01-01 00:00:00+00', '0001-01-01T00:00:00.000Z'],
    ['0050-06-15 12:00:00+00', '0050-06-15T12:00:00.000Z'],
    ['9999-12-31 23:59:59.999+00', '9999-12-31T23:59:59.999Z'],
    ['10000-01-01 00:00:00+00', '+010000-01-01T00:00:00.000Z'],
    ['1800-01-01 07:07:12+07:07:12', '1800-01-01T00:00:00.000Z'],
    ['2026-03-29 01:30:00-03:30', '2026-03-29T05:00:00.000Z'],
    ['0044-03-15 00:00:00+00 BC', '-000043-03-15T00:00:00.000Z'],
    ['2026-12-06T20:00:00+08:00', '2026-12-06T12:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parsePostgresTimestamp(text).toISOString()).toBe(iso);
  });

  it('reads what a Date cannot hold, and infinity, as the year 200000 rather than as no date', () => {
    expect(parsePostgresTimestamp('294276-12-31 23:59:59+00').getUTCFullYear()).toBe(200_000);
    expect(parsePostgresTimestamp('infinity').getUTCFullYear()).toBe(200_000);
    expect(parsePostgresTimestamp('-infinity').getUTCFullYear()).toBe(-200_000);
  });

  it('refuses text that is no timestamp at all', () => {
    expect(() => parsePostgresTimestamp('gestern')).toThrow(RangeError);
  });
});

describe.each(ENGINES)('timestamp columns on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await aDatabase(engine);
  });
  afterAll(() => handle?.close());

  it.each([
    ['0026-01-01 00:01:00+00', '0026-01-01T00:01:00.000Z'],
    ['0001-01-01 00:00:00+00', '0001-01-01T00:00:00.000Z'],
    ['9999-12-31 23:59:00+00', '9999-12-31T23:59:00.000Z'],
    ['0044-03-15 00:00:00+00 BC', '-000043-03-15T00:00:00.000Z'],
  ])('read %s, stored by SQL, as %s', async (stored, iso) => {
    const community = await aCommunity(handle.db);
    await handle.db.execute(sql`update communities set created_at = ${stored}::timestamptz where id = ${community.id}`);
    const [row] = await handle.db.select().from(communities).where(eq(communities.id, community.id));
    expect(row?.createdAt.toISOString()).toBe(iso);
    const found = await handle.db.query.communities.findFirst({ where: (c, { eq }) => eq(c.id, community.id) });
    expect(found?.createdAt.toISOString()).toBe(iso);
  });
});
