import type { CertificateProgram, updateCertificateProgramRequestSchema } from '@serambi/shared';
import { and, count, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import type { SeriesRow } from '../series/schema.ts';
import { type SessionRow, sessions } from '../sessions/schema.ts';
import { type CertificateProgramRow, certificatePrograms } from './schema.ts';

type ProgramInput = z.output<typeof updateCertificateProgramRequestSchema>;

/** What a program says when nobody wrote one: off, 75% attendance, no feedback asked, default title, Indonesian. */
const DEFAULTS = {
  enabled: false,
  minAttendancePercent: 75,
  requireFeedback: false,
  title: null,
  locale: 'id',
  logo: null,
  signatories: [],
  minSessions: null,
} as const satisfies Partial<CertificateProgram>;

/** The program a session follows: its own row, else its series' row, else none. */
export async function effectiveProgramRow(
  db: Database,
  session: Pick<SessionRow, 'id' | 'seriesId'>,
): Promise<CertificateProgramRow | null> {
  const [own] = await db.select().from(certificatePrograms).where(eq(certificatePrograms.sessionId, session.id));
  if (own) return own;
  return session.seriesId ? seriesProgramRow(db, session.seriesId) : null;
}

export async function seriesProgramRow(db: Database, seriesId: string): Promise<CertificateProgramRow | null> {
  const [row] = await db.select().from(certificatePrograms).where(eq(certificatePrograms.seriesId, seriesId));
  return row ?? null;
}

/** How many sessions a series has, cancelled ones left out: the M of "N of M sessions". */
export async function seriesSessionCount(db: Database, seriesId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.seriesId, seriesId), ne(sessions.status, 'cancelled')));
  return row?.n ?? 0;
}

/** The session's program as organizers see it: its own, the series' (`inherited`), or the defaults, off. */
export async function sessionProgram(db: Database, session: SessionRow): Promise<CertificateProgram> {
  const row = await effectiveProgramRow(db, session);
  if (row?.seriesId)
    return toProgram(row, { inherited: true, sessionCount: await seriesSessionCount(db, row.seriesId) });
  if (row) return toProgram(row, { inherited: false, sessionCount: null });
  // A session of a series without a program of its own follows the series, even while the series has none.
  return session.seriesId ? { ...defaultProgram('session', null), inherited: true } : defaultProgram('session', null);
}

export async function seriesProgram(db: Database, row: SeriesRow): Promise<CertificateProgram> {
  const program = await seriesProgramRow(db, row.id);
  const sessionCount = await seriesSessionCount(db, row.id);
  return program ? toProgram(program, { inherited: false, sessionCount }) : defaultProgram('series', sessionCount);
}

/** Gives the session a program of its own (it stops following its series'). The series rule's `minSessions` has no place here. */
export async function updateSessionProgram(
  db: Database,
  session: SessionRow,
  input: ProgramInput,
  now: Date,
): Promise<CertificateProgram> {
  if (input.minSessions !== null) {
    throw AppError.validation([{ path: 'minSessions', message: 'certificates.problems.minSessionsOfSeries' }]);
  }
  const values = { ...programValues(input), updatedAt: now };
  await db
    .insert(certificatePrograms)
    .values({ communityId: session.communityId, sessionId: session.id, ...values })
    .onConflictDoUpdate({ target: certificatePrograms.sessionId, set: values });
  return sessionProgram(db, session);
}

/** The session follows its series' program again (or has none). */
export async function removeSessionProgram(db: Database, session: SessionRow): Promise<void> {
  await db.delete(certificatePrograms).where(eq(certificatePrograms.sessionId, session.id));
}

export async function updateSeriesProgram(
  db: Database,
  row: SeriesRow,
  input: ProgramInput,
  now: Date,
): Promise<CertificateProgram> {
  const values = { ...programValues(input), updatedAt: now };
  await db
    .insert(certificatePrograms)
    .values({ communityId: row.communityId, seriesId: row.id, ...values })
    .onConflictDoUpdate({ target: certificatePrograms.seriesId, set: values });
  return seriesProgram(db, row);
}

function programValues(input: ProgramInput) {
  return {
    enabled: input.enabled,
    minAttendancePercent: input.minAttendancePercent,
    requireFeedback: input.requireFeedback,
    minSessions: input.minSessions,
    title: input.title,
    locale: input.locale,
    logo: input.logo,
    signatories: input.signatories,
  };
}

function toProgram(
  row: CertificateProgramRow,
  extra: { inherited: boolean; sessionCount: number | null },
): CertificateProgram {
  return {
    scope: row.seriesId ? 'series' : 'session',
    inherited: extra.inherited,
    enabled: row.enabled,
    minAttendancePercent: row.minAttendancePercent,
    requireFeedback: row.requireFeedback,
    title: row.title,
    locale: row.locale,
    logo: row.logo,
    signatories: row.signatories,
    minSessions: row.minSessions,
    sessionCount: extra.sessionCount,
  };
}

function defaultProgram(scope: 'session' | 'series', sessionCount: number | null): CertificateProgram {
  return { scope, inherited: false, ...DEFAULTS, signatories: [], sessionCount };
}
