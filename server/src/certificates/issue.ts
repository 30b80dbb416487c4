import type { Locale } from '@serambi/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { JobHandler } from '../jobs/runner.ts';
import { enqueueJob } from '../jobs/service.ts';
import { registrations } from '../registrations/schema.ts';
import { type SessionRow, sessions } from '../sessions/schema.ts';
import type { CertificateDeps } from './deps.ts';
import { eligibleInSession, seriesEligible, seriesStandings } from './eligibility.ts';
import type { CertificateCheck } from './job-schemas.ts';
import { newCertificateNumber } from './numbers.ts';
import { effectiveProgramRow, seriesProgramRow } from './programs.ts';
import { type CertificateRow, certificates } from './schema.ts';

/**
 * Queues a check of the certificate rule for a session that ended (or for one person of it,
 * whose feedback came after the end), due at `runAt`, in the caller's transaction: the check
 * exists exactly when what called for it was written. Running a check twice issues nothing twice.
 */
export async function queueCertificateCheck(tx: Database | Tx, check: CertificateCheck, runAt: Date): Promise<void> {
  const payload = check.email ? { ...check, email: check.email.toLowerCase() } : check;
  await enqueueJob(tx as Database, { kind: 'certificates-issue', payload, runAt });
}

/** Feedback given after the end may complete a rule: this person's certificates are checked again (feedback's `WhileAnsweringAfterEnd`). */
export function checkCertificatesAfterFeedback(tx: Tx, session: SessionRow, email: string, at: Date): Promise<void> {
  return queueCertificateCheck(tx, { sessionId: session.id, email }, at);
}

/** Mails a certificate once, from `runAt` on: the job's dedupe key is the certificate. */
export async function queueCertificateMail(tx: Database | Tx, certificateId: string, runAt: Date): Promise<void> {
  await enqueueJob(tx as Database, {
    kind: 'certificate-mail',
    payload: { certificateId },
    runAt,
    dedupeKey: `certificate-mail:${certificateId}`,
  });
}

/** One certificate to write: its scope, its holder, and who issued it (null: the rule). */
export type NewCertificate = Pick<CertificateRow, 'communityId' | 'email' | 'name' | 'registrationId' | 'locale'> &
  ({ sessionId: string; seriesId?: null } | { seriesId: string; sessionId?: null }) & {
    origin: 'rule' | 'manual';
    issuedBy: string | null;
    /** Chosen by the caller when something must point to the certificate before it exists (a correction). */
    id?: string;
  };

/**
 * Issues a certificate unless its holder already has one for that session or series, in any
 * status (a revoked certificate is not given back by the rule), and queues its mail in the
 * same transaction. Two runs racing each other (a job retried after a restart, two
 * instances) meet at the partial unique index: the loser finds it "already issued" and
 * returns null, its transaction (mail job included) rolled back.
 */
export async function issueOnce(
  deps: Pick<CertificateDeps, 'db' | 'now'>,
  values: NewCertificate,
  options: { notify: boolean } = { notify: true },
): Promise<CertificateRow | null> {
  const scope = values.sessionId
    ? eq(certificates.sessionId, values.sessionId)
    : eq(certificates.seriesId, values.seriesId ?? '');
  try {
    return await deps.db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: certificates.id })
        .from(certificates)
        .where(and(scope, eq(certificates.email, values.email.toLowerCase())))
        .limit(1);
      if (existing) return null;
      return insertCertificate(tx, values, deps.now(), options);
    });
  } catch (error) {
    if (isAlreadyIssued(error)) return null;
    throw error;
  }
}

/** Writes the certificate with a fresh number and, when asked, queues its mail; the caller holds the transaction. */
export async function insertCertificate(
  tx: Database | Tx,
  values: NewCertificate,
  at: Date,
  options: { notify: boolean },
): Promise<CertificateRow> {
  const [row] = await tx
    .insert(certificates)
    .values({
      ...values,
      sessionId: values.sessionId ?? null,
      seriesId: values.seriesId ?? null,
      email: values.email.toLowerCase(),
      number: newCertificateNumber(),
      status: 'valid',
      issuedAt: at,
    })
    .returning();
  if (!row) throw new Error('certificate insert returned no row');
  if (options.notify) await queueCertificateMail(tx, row.id, at);
  return row;
}

/** A valid certificate for the same scope and person is already there. */
export function isAlreadyIssued(error: unknown): boolean {
  return (
    isUniqueViolation(error, 'certificates_session_valid_idx') ||
    isUniqueViolation(error, 'certificates_series_valid_idx')
  );
}

/**
 * The `certificates-issue` job: everyone the session's program admits gets the session's
 * certificate, then everyone the series' program admits gets the series certificate. Each
 * certificate is its own transaction, so a job stopped halfway (a restart) and run again
 * issues the rest and nothing twice.
 */
export function issueCertificatesHandler(deps: CertificateDeps): JobHandler<CertificateCheck> {
  return async (check, ctx) => {
    const [session] = await deps.db.select().from(sessions).where(eq(sessions.id, check.sessionId));
    if (session?.status !== 'ended') return;
    const issued = await issueForSession(deps, session, check.email);
    const seriesIssued = session.seriesId ? await issueForSeries(deps, session.seriesId, check.email) : 0;
    if (issued + seriesIssued > 0) ctx.log.info({ session: session.id, issued, seriesIssued }, 'certificates issued');
  };
}

async function issueForSession(deps: CertificateDeps, session: SessionRow, email?: string): Promise<number> {
  const program = await effectiveProgramRow(deps.db, session);
  if (!program?.enabled) return 0;
  const people = (await eligibleInSession(deps, session.id, program)).filter((p) => !email || p.email === email);
  const locales = await registrantLocales(
    deps.db,
    [session.id],
    people.map((p) => p.email),
  );
  let issued = 0;
  for (const person of people) {
    const row = await issueOnce(deps, {
      communityId: session.communityId,
      sessionId: session.id,
      email: person.email,
      name: person.name,
      registrationId: person.registrationId,
      locale: locales.get(person.email) ?? program.locale,
      origin: 'rule',
      issuedBy: null,
    });
    if (row) issued++;
  }
  return issued;
}

async function issueForSeries(deps: CertificateDeps, seriesId: string, email?: string): Promise<number> {
  const program = await seriesProgramRow(deps.db, seriesId);
  if (!program?.enabled || program.minSessions === null) return 0;
  const earned = seriesEligible(await seriesStandings(deps, seriesId, program), program.minSessions).filter(
    (standing) => !email || standing.email === email,
  );
  if (earned.length === 0) return 0;
  const seriesSessions = await deps.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.seriesId, seriesId));
  const locales = await registrantLocales(
    deps.db,
    seriesSessions.map((s) => s.id),
    earned.map((s) => s.email),
  );
  let issued = 0;
  for (const standing of earned) {
    const row = await issueOnce(deps, {
      communityId: program.communityId,
      seriesId,
      email: standing.email,
      name: standing.name,
      registrationId: null,
      locale: locales.get(standing.email) ?? program.locale,
      origin: 'rule',
      issuedBy: null,
    });
    if (row) issued++;
  }
  return issued;
}

/** The language each person registered in (for the mail), by lower-cased email. */
async function registrantLocales(db: Database, sessionIds: string[], emails: string[]): Promise<Map<string, Locale>> {
  if (sessionIds.length === 0 || emails.length === 0) return new Map();
  const rows = await db
    .select({ email: registrations.email, locale: registrations.locale })
    .from(registrations)
    .where(and(inArray(registrations.sessionId, sessionIds), inArray(registrations.email, emails)))
    .orderBy(registrations.createdAt);
  return new Map(rows.map((row) => [row.email, row.locale]));
}
