import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { preparingQueries } from './pglite-prepared.ts';

describe('PGlite answering repeated queries from prepared statements', () => {
  let plain: PGlite;
  let prepared: PGlite;

  // One pair for all: starting PGlite takes seconds; each case starts from the same table.
  beforeAll(async () => {
    [plain, prepared] = await Promise.all([PGlite.create(), PGlite.create()]);
    preparingQueries(prepared, 3);
  });
  afterAll(async () => {
    await Promise.all([plain.close(), prepared.close()]);
  });
  beforeEach(async () => {
    for (const pg of [plain, prepared]) {
      await pg.exec(`
        drop table if exists people;
        create table people (id text primary key, name text not null, joined timestamptz, tags text[], extra jsonb, active boolean);
        insert into people values
          ('a', 'Ani', '2026-12-07T10:00:00Z', '{x,y}', '{"seat": 3}', true),
          ('b', 'Budi', null, null, null, false);
      `);
    }
  });

  it('answers exactly as PGlite does, the first time and every time after, as objects and as arrays', async () => {
    const text = 'select id, name, joined, tags, extra, active from people where active = $1 or name = $2 order by id';
    for (const options of [undefined, { rowMode: 'array' as const }]) {
      const expected = await plain.query(text, [true, 'Budi'], options);
      for (let i = 0; i < 8; i++) {
        const answer = await prepared.query(text, [true, 'Budi'], options);
        expect(answer.rows).toEqual(expected.rows);
        expect(answer.fields).toEqual(expected.fields);
      }
    }
    const written = await prepared.query('update people set name = $1 where id = $2', ['Ani S.', 'a']);
    expect(written.affectedRows).toBe(1);
    expect((await prepared.query<{ name: string }>('select name from people where id = $1', ['a'])).rows).toEqual([
      { name: 'Ani S.' },
    ]);
  });

  it('keeps no more statements than its capacity, and still answers every text', async () => {
    for (let round = 0; round < 2; round++) {
      for (let n = 1; n <= 6; n++) {
        const list = Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
        const ids = Array.from({ length: n }, (_, i) => (i % 2 ? 'b' : 'a'));
        const { rows } = await prepared.query(`select count(*)::int as n from people where id in (${list})`, ids);
        expect(rows).toEqual([{ n: n === 1 ? 1 : 2 }]);
      }
    }
    const { rows } = await plain.query.call(prepared, 'select count(*)::int as n from pg_prepared_statements');
    expect(rows).toEqual([{ n: 3 }]);
  });

  it('prepares a statement anew when the table under it changed shape', async () => {
    const text = 'select * from people where id = $1';
    expect(Object.keys((await prepared.query<object>(text, ['a'])).rows[0] ?? {})).not.toContain('city');
    await prepared.exec('alter table people add column city text');
    const { rows } = await prepared.query<{ city: string | null }>(text, ['a']);
    expect(rows[0]).toMatchObject({ id: 'a', city: null });
  });

  it('reports a broken constraint as PostgreSQL does, and the statement goes on working', async () => {
    const text = 'insert into people (id, name) values ($1, $2)';
    await prepared.query(text, ['c', 'Citra']);
    await expect(prepared.query(text, ['c', 'Citra again'])).rejects.toMatchObject({ code: '23505' });
    await prepared.query(text, ['d', 'Dewi']);
    expect((await prepared.query('select id from people order by id')).rows).toEqual([
      { id: 'a' },
      { id: 'b' },
      { id: 'c' },
      { id: 'd' },
    ]);
  });

  it('waits for a transaction in progress rather than running inside it', async () => {
    let updated = () => {};
    const inside = new Promise<void>((resolve) => {
      updated = resolve;
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = prepared.transaction(async (tx) => {
      await tx.query(`update people set name = 'inside' where id = 'a'`);
      updated();
      await held;
      await tx.rollback();
    });
    await inside;
    const outside = prepared.query<{ name: string }>('select name from people where id = $1', ['a']);
    // Time for the read to run inside the open transaction, if it could: it would see 'inside'.
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await transaction;
    expect((await outside).rows).toEqual([{ name: 'Ani' }]);
  });
});
