import {
  CERTIFICATE_NUMBER_PATTERN,
  type Certificate,
  type CertificateVerification,
  type issueCertificateRequestSchema,
  type MyCertificate,
  normalizeCertificateNumber,
  type reissueCertificateRequestSchema,
} from '@serambi/shared';
import { and, asc, eq, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../db/client.ts';
import type { SessionUser } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { registrations } from '../registrations/schema.ts';
import { findBySecret } from '../registrations/service.ts';
import type { SeriesRow } from '../series/schema.ts';
import { type SessionRow, sessions } from '../sessions/schema.ts';
import type { CertificateDeps } from './deps.ts';
import { certificatePdf, subjectOf } from './document.ts';
import { insertCertificate, isAlreadyIssued } from './issue.ts';
import { effectiveProgramRow } from './programs.ts';
import { type CertificateRow, certificates } from './schema.ts';
import { toCertificate, toCertificates, toMyCertificate, toVerification } from './views.ts';

/** A session's certificates (not its series'), for its organizers, by name. */
export async function sessionCertificates(db: Database, session: SessionRow): Promise<Certificate[]> {
  const rows = await db
    .select()
    .from(certificates)
    .where(eq(certificates.sessionId, session.id))
    .orderBy(asc(certificates.name), asc(certificates.issuedAt));
  return toCertificates(db, rows);
}

export async function seriesCertificates(db: Database, row: SeriesRow): Promise<Certificate[]> {
  const rows = await db
    .select()
    .from(certificates)
    .where(eq(certificates.seriesId, row.id))
    .orderBy(asc(certificates.name), asc(certificates.issuedAt));
  return toCertificates(db, rows);
}

/**
 * An organizer issues a certificate by hand, to anyone, named as they type it: the session
 * must have been held, and the person must not hold a valid one for it already (that one is
 * corrected by re-issuing). Their registration, found by email, gives the mail's language
 * and join link. The certificate row records who issued it.
 */
export async function issueByHand(
  deps: CertificateDeps,
  session: SessionRow,
  request: z.output<typeof issueCertificateRequestSchema>,
  by: SessionUser,
): Promise<Certificate> {
  if (session.status !== 'live' && session.status !== 'ended')
    throw new AppError(409, 'certificate_session_not_held', 'certificates.problems.notHeld');
  const email = request.email.trim().toLowerCase();
  const [registration] = await deps.db
    .select({ id: registrations.id, locale: registrations.locale })
    .from(registrations)
    .where(and(eq(registrations.sessionId, session.id), eq(registrations.email, email)));
  const program = await effectiveProgramRow(deps.db, session);
  const values = {
    communityId: session.communityId,
    sessionId: session.id,
    email,
    name: request.name,
    registrationId: registration?.id ?? null,
    locale: registration?.locale ?? program?.locale ?? 'id',
    origin: 'manual' as const,
    issuedBy: by.id,
  };
  try {
    const row = await deps.db.transaction(async (tx) => {
      const [valid] = await tx
        .select({ number: certificates.number })
        .from(certificates)
        .where(
          and(eq(certificates.sessionId, session.id), eq(certificates.email, email), eq(certificates.status, 'valid')),
        );
      if (valid) throw alreadyHas(email, valid.number);
      return insertCertificate(tx, values, deps.now(), { notify: request.notify });
    });
    deps.log.info({ certificate: row.id, session: session.id, by: by.id }, 'certificate issued by hand');
    return toCertificate(row, null);
  } catch (error) {
    // Another organizer issued one at the same moment.
    if (!isAlreadyIssued(error)) throw error;
    const [valid] = await deps.db
      .select({ number: certificates.number })
      .from(certificates)
      .where(
        and(eq(certificates.sessionId, session.id), eq(certificates.email, email), eq(certificates.status, 'valid')),
      );
    throw alreadyHas(email, valid?.number ?? '');
  }
}

const alreadyHas = (email: string, number: string) =>
  new AppError(409, 'certificate_exists', 'certificates.problems.exists', { params: { email, number } });

/** A certificate and its community, for an organizer's action on it; 404 when there is no such certificate. */
export async function findCertificate(db: Database, id: string): Promise<CertificateRow> {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, id));
  if (!row) throw AppError.notFound();
  return row;
}

/**
 * Corrects the name: the old certificate turns `replaced` and points to the new one, which
 * gets a new number and (unless told not to) is mailed. One transaction, the old one changed
 * first so the "one valid certificate per person" index lets the new one in.
 */
export async function reissue(
  deps: CertificateDeps,
  old: CertificateRow,
  request: z.output<typeof reissueCertificateRequestSchema>,
  by: SessionUser,
): Promise<Certificate> {
  const row = await deps.db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    const [replaced] = await tx
      .update(certificates)
      .set({ status: 'replaced', replacedById: id })
      .where(and(eq(certificates.id, old.id), eq(certificates.status, 'valid')))
      .returning({ id: certificates.id });
    if (!replaced) throw new AppError(409, 'certificate_not_valid', 'certificates.problems.notValid');
    const scope = old.sessionId ? { sessionId: old.sessionId } : { seriesId: old.seriesId ?? '' };
    const values = {
      ...scope,
      id,
      communityId: old.communityId,
      email: old.email,
      name: request.name,
      registrationId: old.registrationId,
      locale: old.locale,
      origin: 'manual' as const,
      issuedBy: by.id,
    };
    return insertCertificate(tx, values, deps.now(), { notify: request.notify });
  });
  deps.log.info({ certificate: row.id, replaced: old.id, by: by.id }, 'certificate re-issued');
  return toCertificate(row, null);
}

/** Revokes a valid certificate; its number keeps saying so, with the reason, on the verification page. */
export async function revoke(
  deps: CertificateDeps,
  row: CertificateRow,
  reason: string,
  by: SessionUser,
): Promise<Certificate> {
  const [revoked] = await deps.db
    .update(certificates)
    .set({ status: 'revoked', revokedAt: deps.now(), revokeReason: reason })
    .where(and(eq(certificates.id, row.id), eq(certificates.status, 'valid')))
    .returning();
  if (!revoked) throw new AppError(409, 'certificate_not_valid', 'certificates.problems.notValid');
  deps.log.info({ certificate: row.id, by: by.id }, 'certificate revoked');
  return toCertificate(revoked, null);
}

/** What anyone may know of a number: valid, revoked (and why) or replaced (and by which). Unknown: a 404 saying to check the number. */
export async function verify(db: Database, typed: string): Promise<CertificateVerification> {
  const number = normalizeCertificateNumber(typed);
  const unknown = new AppError(404, 'certificate_unknown', 'certificates.problems.unknown', {
    params: { number: CERTIFICATE_NUMBER_PATTERN.test(number) ? number : typed.slice(0, 40) },
  });
  if (!CERTIFICATE_NUMBER_PATTERN.test(number)) throw unknown;
  const [row] = await db.select().from(certificates).where(eq(certificates.number, number));
  if (!row) throw unknown;
  const subject = await subjectOf(db, row);
  const [replacement] = row.replacedById
    ? await db.select({ number: certificates.number }).from(certificates).where(eq(certificates.id, row.replacedById))
    : [];
  const [first] = subject.series
    ? await db
        .select({ startsAt: sessions.startsAt })
        .from(sessions)
        .where(eq(sessions.seriesId, subject.series.id))
        .orderBy(asc(sessions.startsAt))
        .limit(1)
    : [];
  return toVerification(row, subject, {
    replacedBy: replacement?.number ?? null,
    heldAt: subject.session?.startsAt ?? first?.startsAt ?? null,
    timeZone: subject.session?.timeZone ?? subject.series?.timeZone ?? 'Asia/Jakarta',
  });
}

/**
 * The valid certificates of the person behind a join link: the session's, by their email,
 * and the series certificate of the series the session belongs to.
 */
export async function myCertificates(deps: CertificateDeps, secret: string): Promise<MyCertificate[]> {
  const rows = await holderCertificates(deps.db, secret);
  return Promise.all(
    rows.map(async (row) =>
      toMyCertificate(row, (await subjectOf(deps.db, row)).about, { publicUrl: deps.publicUrl, secret }),
    ),
  );
}

/** One of them as a PDF; a number that is not theirs is 404, like an unknown one. */
export async function myCertificatePdf(
  deps: CertificateDeps,
  secret: string,
  number: string,
): Promise<{ pdf: Buffer; row: CertificateRow }> {
  const wanted = normalizeCertificateNumber(number);
  const row = (await holderCertificates(deps.db, secret)).find((candidate) => candidate.number === wanted);
  if (!row) throw AppError.notFound();
  return { pdf: (await certificatePdf(deps, row)).pdf, row };
}

async function holderCertificates(db: Database, secret: string): Promise<CertificateRow[]> {
  const registration = await findBySecret(db, secret);
  const [session] = await db
    .select({ seriesId: sessions.seriesId })
    .from(sessions)
    .where(eq(sessions.id, registration.sessionId));
  const scope = session?.seriesId
    ? or(eq(certificates.sessionId, registration.sessionId), eq(certificates.seriesId, session.seriesId))
    : eq(certificates.sessionId, registration.sessionId);
  const rows = await db
    .select()
    .from(certificates)
    .where(and(scope, eq(certificates.email, registration.email), eq(certificates.status, 'valid')))
    .orderBy(asc(certificates.issuedAt));
  // The session's own certificate first, then the series'.
  return rows.sort((a, b) => Number(a.sessionId === null) - Number(b.sessionId === null));
}
