import type { Locale } from '@serambi/shared';
import { and, asc, eq } from 'drizzle-orm';
import { communities } from '../communities/schema.ts';
import type { Database } from '../db/client.ts';
import { type SeriesRow, series, seriesPeople } from '../series/schema.ts';
import { type SessionRow, sessionPeople, sessions } from '../sessions/schema.ts';
import type { CertificateDeps } from './deps.ts';
import { verifyUrl } from './deps.ts';
import { seriesStandings } from './eligibility.ts';
import { type CertificatePdfInput, renderCertificatePdf } from './pdf.ts';
import { effectiveProgramRow, seriesProgramRow, seriesSessionCount } from './programs.ts';
import type { CertificateProgramRow, CertificateRow } from './schema.ts';

/** What a certificate is about and who gives it: its session or series, community and program. */
export interface CertificateSubject {
  community: { id: string; name: string };
  session: SessionRow | null;
  series: SeriesRow | null;
  /** The template and rule; null when the program was removed after issuing (the defaults print). */
  program: CertificateProgramRow | null;
  /** The session's or the series' title. */
  about: string;
}

export async function subjectOf(
  db: Database,
  certificate: Pick<CertificateRow, 'communityId' | 'sessionId' | 'seriesId'>,
): Promise<CertificateSubject> {
  const [community] = await db
    .select({ id: communities.id, name: communities.name })
    .from(communities)
    .where(eq(communities.id, certificate.communityId));
  if (!community) throw new Error(`community ${certificate.communityId} missing`);
  if (certificate.sessionId) {
    const [session] = await db.select().from(sessions).where(eq(sessions.id, certificate.sessionId));
    if (!session) throw new Error(`session ${certificate.sessionId} missing`);
    return { community, session, series: null, program: await effectiveProgramRow(db, session), about: session.title };
  }
  const [row] = await db
    .select()
    .from(series)
    .where(eq(series.id, certificate.seriesId ?? ''));
  if (!row) throw new Error(`series ${certificate.seriesId} missing`);
  return { community, session: null, series: row, program: await seriesProgramRow(db, row.id), about: row.title };
}

/** The speakers named on a session, or for a series its default speakers. */
async function speakersOf(db: Database, subject: CertificateSubject): Promise<string[]> {
  if (subject.session) {
    const rows = await db
      .select({ name: sessionPeople.name })
      .from(sessionPeople)
      .where(and(eq(sessionPeople.sessionId, subject.session.id), eq(sessionPeople.role, 'speaker')))
      .orderBy(asc(sessionPeople.createdAt));
    return rows.map((row) => row.name);
  }
  const rows = await db
    .select({ name: seriesPeople.name })
    .from(seriesPeople)
    .where(and(eq(seriesPeople.seriesId, subject.series?.id ?? ''), eq(seriesPeople.role, 'speaker')))
    .orderBy(asc(seriesPeople.createdAt));
  return rows.map((row) => row.name);
}

/** The certificate's PDF, made now from what is stored (nothing of it is kept). */
export async function certificatePdf(
  deps: CertificateDeps,
  certificate: CertificateRow,
): Promise<{ pdf: Buffer; subject: CertificateSubject }> {
  const subject = await subjectOf(deps.db, certificate);
  const about = await aboutOf(deps, subject, certificate);
  const input = await pdfInput(deps, subject, {
    holderName: certificate.name,
    number: certificate.number,
    about,
    issuedAt: certificate.issuedAt,
  });
  return { pdf: await renderCertificatePdf(input, deps.fonts), subject };
}

/** The template of a session's program with a sample name and number, marked as a sample. */
export async function previewPdf(deps: CertificateDeps, session: SessionRow, holderName: string): Promise<Buffer> {
  const subject = await subjectOf(deps.db, {
    communityId: session.communityId,
    sessionId: session.id,
    seriesId: null,
  });
  const number = 'SRB-0000-0000-0000-0000';
  const input = await pdfInput(deps, subject, {
    holderName,
    number,
    about: sessionAbout(session),
    issuedAt: deps.now(),
  });
  return renderCertificatePdf({ ...input, sample: true }, deps.fonts);
}

async function pdfInput(
  deps: CertificateDeps,
  subject: CertificateSubject,
  holder: Pick<CertificatePdfInput, 'holderName' | 'number' | 'about' | 'issuedAt'>,
): Promise<CertificatePdfInput> {
  const program = subject.program;
  return {
    locale: (program?.locale ?? 'id') as Locale,
    number: holder.number,
    holderName: holder.holderName,
    title: program?.title ?? null,
    community: subject.community.name,
    logo: program?.logo ?? null,
    about: holder.about,
    speakers: await speakersOf(deps.db, subject),
    signatories: program?.signatories ?? [],
    verifyUrl: verifyUrl(deps.publicUrl, holder.number),
    issuedAt: holder.issuedAt,
  };
}

function sessionAbout(session: SessionRow): CertificatePdfInput['about'] {
  return {
    scope: 'session',
    title: session.title,
    startsAt: session.startsAt,
    durationMinutes: session.durationMinutes,
    timeZone: session.timeZone,
  };
}

/** A series certificate says how many sessions its holder met the rule in, of how many, as of its issue. */
async function aboutOf(
  deps: CertificateDeps,
  subject: CertificateSubject,
  certificate: CertificateRow,
): Promise<CertificatePdfInput['about']> {
  if (subject.session) return sessionAbout(subject.session);
  const seriesId = subject.series?.id ?? '';
  const rule = {
    minAttendancePercent: subject.program?.minAttendancePercent ?? 75,
    requireFeedback: subject.program?.requireFeedback ?? false,
  };
  const standings = await seriesStandings(deps, seriesId, rule, { endedBy: certificate.issuedAt });
  return {
    scope: 'series',
    title: subject.about,
    attended: standings.get(certificate.email)?.sessionsMet ?? 0,
    total: await seriesSessionCount(deps.db, seriesId),
  };
}
