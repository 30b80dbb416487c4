import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/client.ts';
import type { Mailer } from '../notifications/mailer.ts';
import type { JoinLinks } from '../registrations/link-secrets.ts';
import type { AttendanceReportOf } from './eligibility.ts';
import { type CertificateFonts, loadCertificateFonts } from './fonts.ts';

/** What the certificates capability uses, built once per app context (the fonts are found once). */
export interface CertificateDeps {
  db: Database;
  mailer: Mailer;
  /** Rebuilds a holder's join link for the mail. */
  links: JoinLinks;
  /** The app's public address: verification links and QR codes point there. */
  publicUrl: string;
  fonts: CertificateFonts;
  /** Attendance's report of a session: who met a rule. */
  attendanceReportOf: AttendanceReportOf;
  log: Logger;
  now: () => Date;
}

type CertificateContext = Pick<AppContext, 'db' | 'mailer' | 'links' | 'config' | 'attendanceReportOf' | 'log' | 'now'>;
const built = new WeakMap<CertificateContext, CertificateDeps>();

export function certificateDepsOf(ctx: CertificateContext): CertificateDeps {
  const known = built.get(ctx);
  if (known) return known;
  const log = ctx.log.child({ part: 'certificates' });
  const deps: CertificateDeps = {
    db: ctx.db,
    mailer: ctx.mailer,
    links: ctx.links,
    publicUrl: ctx.config.publicUrl,
    fonts: loadCertificateFonts(log),
    attendanceReportOf: ctx.attendanceReportOf,
    log,
    now: ctx.now,
  };
  built.set(ctx, deps);
  return deps;
}

/** The public verification page of a number (web/src/pages/VerifyPage.tsx answers it). */
export function verifyUrl(publicUrl: string, number: string): string {
  return `${publicUrl}/verify/${encodeURIComponent(number)}`;
}
