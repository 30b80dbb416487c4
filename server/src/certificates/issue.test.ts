import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCommunity, aDatabase, aSession, ENGINES } from '../../../test/support/factories.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { jobs } from '../jobs/schema.ts';
import { insertCertificate, isAlreadyIssued, issueOnce, type NewCertificate } from './issue.ts';
import { certificates } from './schema.ts';

describe.each(ENGINES)('issuing a certificate once (%s)', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await aDatabase(engine);
  });
  afterAll(() => handle.close());

  const deps = () => ({ db: handle.db, now: () => new Date('2026-12-06T14:00:00Z') });
  const forSari = async (): Promise<NewCertificate> => {
    const community = await aCommunity(handle.db);
    const session = await aSession(handle.db, community);
    return {
      communityId: community.id,
      sessionId: session.id,
      email: `sari.${Math.random().toString(36).slice(2, 8)}@example.id`,
      name: 'Sari Dewi',
      registrationId: null,
      locale: 'id',
      origin: 'rule',
      issuedBy: null,
    };
  };
  const mailJobsOf = (certificateId: string) =>
    handle.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, 'certificate-mail'), eq(jobs.dedupeKey, `certificate-mail:${certificateId}`)));

  it('writes one certificate and one mail job, however many runs race for it', async () => {
    const values = await forSari();
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => issueOnce(deps(), values)));
    const issued = outcomes.filter((row) => row !== null);
    expect(issued).toHaveLength(1);
    const rows = await handle.db.select().from(certificates).where(eq(certificates.email, values.email));
    expect(rows).toHaveLength(1);
    expect(await mailJobsOf(rows[0]?.id ?? '')).toHaveLength(1);
  });

  it('does not give back a certificate that was revoked', async () => {
    const values = await forSari();
    const first = await issueOnce(deps(), values);
    await handle.db
      .update(certificates)
      .set({ status: 'revoked' })
      .where(eq(certificates.id, first?.id ?? ''));
    expect(await issueOnce(deps(), values)).toBeNull();
  });

  it('refuses a second valid certificate for one person and session at the database, as "already issued"', async () => {
    const values = await forSari();
    await issueOnce(deps(), values);
    const second = handle.db.transaction((tx) => insertCertificate(tx, values, new Date(), { notify: false }));
    const error = await second.then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(isAlreadyIssued(error)).toBe(true);
  });
});
