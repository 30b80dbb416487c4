import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCommunity, aDatabase, aSession } from '../../../test/support/factories.ts';
import { createJoinLinks } from '../registrations/link-secrets.ts';
import { register } from '../registrations/service.ts';
import { APP_SECRET_NAMES, storedSecret } from './app-secrets.ts';
import type { DatabaseHandle } from './client.ts';

const securityMd = readFileSync(new URL('../../../SECURITY.md', import.meta.url), 'utf8');

/** The part of SECURITY.md under a `## ` heading, up to the next one. */
function sectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return '';
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('the secrets Serambi keeps in its database', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await aDatabase('pglite');
  });
  afterAll(() => handle?.close());

  it('let a copy of the database alone re-derive a registrant’s current join link', async () => {
    const links = createJoinLinks(await storedSecret(handle.db, 'join-links'));
    const session = await aSession(handle.db, await aCommunity(handle.db), {
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const { joinSecret } = await register(
      handle.db,
      links,
      session,
      { name: 'Sari Dewi', email: 'sari.dewi@example.id', answers: {}, locale: 'id' },
      'id',
      new Date(),
    );

    // What a stolen backup holds: two tables, read without any of Serambi's code.
    const key = await handle.db.execute(sql`select value from app_secrets where name = 'join-links'`);
    const rows = await handle.db.execute(
      sql`select id, link_generation, join_secret_hash from registrations where email = 'sari.dewi@example.id'`,
    );
    const [{ value }] = (key as unknown as { rows: Array<{ value: string }> }).rows as [{ value: string }];
    const [row] = (
      rows as unknown as { rows: Array<{ id: string; link_generation: number; join_secret_hash: string }> }
    ).rows;
    if (!row) throw new Error('the registration is not in the table');
    const derived = createHmac('sha256', value).update(`join:${row.id}:${row.link_generation}`).digest('base64url');
    expect(derived).toBe(joinSecret);
    // The stored SHA-256 is of that very link: it hides the link from the table, not from the key beside it.
    expect(createHash('sha256').update(derived).digest('base64url')).toBe(row.join_secret_hash);
  });

  it('are each named in SECURITY.md, with what a copy of the database does with them', () => {
    const section = sectionOf(securityMd, 'What the database gives away');
    expect(section, 'SECURITY.md has a section "What the database gives away"').not.toBe('');
    for (const name of APP_SECRET_NAMES) expect(section).toMatch(new RegExp(`^- \`${name}\`[ :,]`, 'm'));
    // And no line says a join link is safe because only its hash is stored.
    const joinLinkRow = securityMd.split('\n').find((line) => line.startsWith('| Personal join link'));
    expect(joinLinkRow).toBeDefined();
    expect(joinLinkRow).not.toMatch(/only its SHA-256 is stored/);
    expect(joinLinkRow).toMatch(/key/);
  });
});
