import type { Certificate, CertificateVerification, Locale, MyCertificate } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { verifyUrl } from './deps.ts';
import type { CertificateSubject } from './document.ts';
import { type CertificateRow, certificates } from './schema.ts';

/** Certificates as organizers see them, with the numbers of the certificates that replaced any of them. */
export async function toCertificates(db: Database, rows: CertificateRow[]): Promise<Certificate[]> {
  const replacements = await replacementNumbers(db, rows);
  return rows.map((row) => toCertificate(row, replacements.get(row.replacedById ?? '') ?? null));
}

export function toCertificate(row: CertificateRow, replacedBy: string | null): Certificate {
  return {
    id: row.id,
    number: row.number,
    scope: row.sessionId ? 'session' : 'series',
    status: row.status,
    origin: row.origin,
    name: row.name,
    email: row.email,
    registrationId: row.registrationId,
    issuedAt: row.issuedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokeReason: row.revokeReason,
    replacedBy,
    mailedAt: row.mailedAt?.toISOString() ?? null,
  };
}

export function toMyCertificate(
  row: CertificateRow,
  about: string,
  links: { publicUrl: string; secret: string },
): MyCertificate {
  return {
    number: row.number,
    scope: row.sessionId ? 'session' : 'series',
    about,
    name: row.name,
    issuedAt: row.issuedAt.toISOString(),
    pdfUrl: `/registrations/${links.secret}/certificates/${row.number}/pdf`,
    verifyUrl: verifyUrl(links.publicUrl, row.number),
  };
}

/** What the public verification page says of a number: nothing more private than what the certificate prints. */
export function toVerification(
  row: CertificateRow,
  subject: CertificateSubject,
  extra: { replacedBy: string | null; heldAt: Date | null; timeZone: string },
): CertificateVerification {
  const locale: Locale = subject.program?.locale ?? 'id';
  return {
    number: row.number,
    status: row.status,
    name: row.name,
    title: subject.program?.title ?? translate(locale, 'certificates.pdf.defaultTitle'),
    about: subject.about,
    community: subject.community.name,
    heldAt: extra.heldAt?.toISOString() ?? null,
    timeZone: extra.timeZone,
    issuedAt: row.issuedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokeReason: row.revokeReason,
    replacedBy: extra.replacedBy,
  };
}

async function replacementNumbers(db: Database, rows: CertificateRow[]): Promise<Map<string, string>> {
  const ids = rows.flatMap((row) => (row.replacedById ? [row.replacedById] : []));
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ id: certificates.id, number: certificates.number })
    .from(certificates)
    .where(inArray(certificates.id, ids));
  return new Map(found.map((row) => [row.id, row.number]));
}
