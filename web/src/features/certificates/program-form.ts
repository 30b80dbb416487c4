import type {
  CertificateProgram,
  CertificateSignatory,
  Locale,
  UpdateCertificateProgramRequest,
} from '@serambi/shared';

/** The program form as typed: numbers as the text of their inputs, empty strings for "none". */
export interface ProgramFormValues {
  enabled: boolean;
  minAttendancePercent: string;
  requireFeedback: boolean;
  title: string;
  locale: Locale;
  logo: string | null;
  signatories: CertificateSignatory[];
  /** Series only: give a series certificate at all, and for how many sessions. */
  seriesCertificate: boolean;
  minSessions: string;
}

/** What the form starts from: the program the server answered (its own, or the series' it follows). */
export function formValuesOf(program: CertificateProgram): ProgramFormValues {
  return {
    enabled: program.enabled,
    minAttendancePercent: String(program.minAttendancePercent),
    requireFeedback: program.requireFeedback,
    title: program.title ?? '',
    locale: program.locale,
    logo: program.logo,
    signatories: program.signatories.map((signatory) => ({ ...signatory })),
    seriesCertificate: program.minSessions !== null,
    minSessions: program.minSessions === null ? '' : String(program.minSessions),
  };
}

/** A whole number from an input, or the text itself so the schema can say what is wrong with it. */
function wholeNumber(text: string): number | string {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * The request the form's values make, for the shared schema to check before sending. A series
 * without a series certificate sends `minSessions: null`; a session never sends one.
 */
export function requestOf(values: ProgramFormValues, scope: 'session' | 'series'): UpdateCertificateProgramRequest {
  return {
    enabled: values.enabled,
    minAttendancePercent: wholeNumber(values.minAttendancePercent) as number,
    requireFeedback: values.requireFeedback,
    title: values.title.trim() === '' ? null : values.title.trim(),
    locale: values.locale,
    logo: values.logo,
    signatories: values.signatories.map((signatory) => ({
      name: signatory.name.trim(),
      title: signatory.title.trim(),
      signature: signatory.signature,
    })),
    minSessions: scope === 'series' && values.seriesCertificate ? (wholeNumber(values.minSessions) as number) : null,
  };
}

/** A blank signatory row. */
export function newSignatory(): CertificateSignatory {
  return { name: '', title: '', signature: null };
}

/**
 * How many minutes "at least N%" asks of a session of `liveMinutes` (or of its planned length
 * before it ran), rounded up as the rule is: 75% of 90 minutes is 68 minutes.
 */
export function minutesNeeded(percent: number, minutes: number): number {
  return Math.ceil((percent / 100) * minutes);
}
