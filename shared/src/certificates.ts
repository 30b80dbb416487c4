import { z } from 'zod';
import { instantSchema } from './events.ts';
import { LOCALES } from './locale.ts';
import { EMAIL_MAX_LENGTH, PERSON_NAME_MAX_LENGTH, PERSON_NAME_MIN_LENGTH } from './text-limits.ts';

/**
 * E-certificates ("e-sertifikat"). An organizer turns them on for a session or for a series
 * (then every session of it gives its own, and optionally attending N sessions gives a series
 * certificate). After a session ends, a persisted job issues one to everyone the rule admits,
 * mails the PDF and shows it on their join link; anyone can check a number at /verify/:number.
 */

export const CERTIFICATE_STATUSES = ['valid', 'revoked', 'replaced'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** `rule`: issued by the program's rule after a session; `manual`: issued (or re-issued) by an organizer. */
export const CERTIFICATE_ORIGINS = ['rule', 'manual'] as const;
export type CertificateOrigin = (typeof CERTIFICATE_ORIGINS)[number];

export const CERTIFICATE_SCOPES = ['session', 'series'] as const;
export type CertificateScope = (typeof CERTIFICATE_SCOPES)[number];

/**
 * Numbers look like `SRB-7KQ2-M9XD-4HTA-PW3E`: 80 random bits in Crockford base32, so they
 * cannot be guessed or counted through. Lookups accept any case, spaces and O/0, I/L/1 mix-ups.
 */
export const CERTIFICATE_NUMBER_PATTERN = /^SRB(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

/**
 * What the verification form lets someone type: a number with spaces or dashes of their own
 * (the lookup route takes as much).
 */
export const CERTIFICATE_NUMBER_INPUT_MAX_LENGTH = 64;

/** Base64 of a picture of about 256 KB. */
export const IMAGE_DATA_URL_MAX_LENGTH = 350_000;
export const SIGNATORY_TITLE_MAX_LENGTH = 120;
export const MAX_SIGNATORIES = 3;
export const CERTIFICATE_TITLE_MIN_LENGTH = 3;
export const CERTIFICATE_TITLE_MAX_LENGTH = 120;
/** The most sessions a series certificate may ask someone to attend (`minSessions`). */
export const MAX_MIN_SESSIONS = 500;
export const REVOKE_REASON_MIN_LENGTH = 3;
export const REVOKE_REASON_MAX_LENGTH = 300;

/** A PNG or JPEG picture sent inline (logo, signature); at most about 256 KB. */
export const imageDataUrlSchema = z
  .string()
  .max(IMAGE_DATA_URL_MAX_LENGTH, 'validation.imageTooLarge')
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/, 'validation.imageDataUrl')
  .meta({ id: 'ImageDataUrl' });

export const certificateSignatorySchema = z
  .object({
    name: z.string().trim().min(PERSON_NAME_MIN_LENGTH).max(PERSON_NAME_MAX_LENGTH),
    /** "Ketua Komunitas", "Narasumber". */
    title: z.string().trim().max(SIGNATORY_TITLE_MAX_LENGTH).default(''),
    signature: imageDataUrlSchema.nullable().default(null),
  })
  .strict()
  .meta({ id: 'CertificateSignatory' });
export type CertificateSignatory = z.infer<typeof certificateSignatorySchema>;

const programFields = {
  /** Session scope: certificates for this session. Series scope: for each session of the series. */
  enabled: z.boolean(),
  /** Share of the live session someone must have attended, 1–100. */
  minAttendancePercent: z.number().int().min(1).max(100).default(75),
  /** Also require the feedback form to have been answered. */
  requireFeedback: z.boolean().default(false),
  /** Shown large on the certificate; null: "Sertifikat Kehadiran" / "Certificate of Attendance". */
  title: z.string().trim().min(CERTIFICATE_TITLE_MIN_LENGTH).max(CERTIFICATE_TITLE_MAX_LENGTH).nullable().default(null),
  /** The certificate's language (its date, its fixed words). */
  locale: z.enum(LOCALES).default('id'),
  logo: imageDataUrlSchema.nullable().default(null),
  /** Who signs; empty: the session's speakers, without a picture of a signature. */
  signatories: z.array(certificateSignatorySchema).max(MAX_SIGNATORIES).default([]),
  /** Series only: attending (by the rule) at least this many sessions gives a series certificate; null: none. */
  minSessions: z.number().int().min(1).max(MAX_MIN_SESSIONS).nullable().default(null),
};

export const updateCertificateProgramRequestSchema = z
  .object(programFields)
  .strict()
  .meta({ id: 'UpdateCertificateProgramRequest' });
export type UpdateCertificateProgramRequest = z.input<typeof updateCertificateProgramRequestSchema>;

export const certificateProgramSchema = z
  .object({
    scope: z.enum(CERTIFICATE_SCOPES),
    /** A session without a program of its own follows its series' program. */
    inherited: z.boolean(),
    ...programFields,
    minAttendancePercent: z.number().int(),
    requireFeedback: z.boolean(),
    title: z.string().nullable(),
    locale: z.enum(LOCALES),
    logo: z.string().nullable(),
    signatories: z.array(z.object({ name: z.string(), title: z.string(), signature: z.string().nullable() })),
    minSessions: z.number().int().nullable(),
    /** Series only: how many sessions the series has (not cancelled), the M of "N of M". */
    sessionCount: z.number().int().nullable(),
  })
  .meta({ id: 'CertificateProgram' });
export type CertificateProgram = z.infer<typeof certificateProgramSchema>;

/** A certificate as organizers see it. */
export const certificateSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    scope: z.enum(CERTIFICATE_SCOPES),
    status: z.enum(CERTIFICATE_STATUSES),
    origin: z.enum(CERTIFICATE_ORIGINS),
    name: z.string(),
    email: z.string(),
    registrationId: z.string().nullable(),
    issuedAt: instantSchema,
    revokedAt: instantSchema.nullable(),
    revokeReason: z.string().nullable(),
    /** The number of the corrected certificate that replaced this one. */
    replacedBy: z.string().nullable(),
    mailedAt: instantSchema.nullable(),
  })
  .meta({ id: 'Certificate' });
export type Certificate = z.infer<typeof certificateSchema>;

export const issueCertificateRequestSchema = z
  .object({
    name: z.string().trim().min(PERSON_NAME_MIN_LENGTH).max(PERSON_NAME_MAX_LENGTH),
    email: z.email('validation.email').max(EMAIL_MAX_LENGTH),
    /** Mail the PDF to them. */
    notify: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'IssueCertificateRequest' });
export type IssueCertificateRequest = z.input<typeof issueCertificateRequestSchema>;

/** Re-issue with a corrected name: the old number says "replaced", the new one is mailed. */
export const reissueCertificateRequestSchema = z
  .object({
    name: z.string().trim().min(PERSON_NAME_MIN_LENGTH).max(PERSON_NAME_MAX_LENGTH),
    notify: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'ReissueCertificateRequest' });
export type ReissueCertificateRequest = z.input<typeof reissueCertificateRequestSchema>;

export const revokeCertificateRequestSchema = z
  .object({ reason: z.string().trim().min(REVOKE_REASON_MIN_LENGTH).max(REVOKE_REASON_MAX_LENGTH) })
  .strict()
  .meta({ id: 'RevokeCertificateRequest' });
export type RevokeCertificateRequest = z.input<typeof revokeCertificateRequestSchema>;

/** A certificate on its holder's join link. */
export const myCertificateSchema = z
  .object({
    number: z.string(),
    scope: z.enum(CERTIFICATE_SCOPES),
    /** The session's or the series' title. */
    about: z.string(),
    name: z.string(),
    issuedAt: instantSchema,
    /** Relative to the API: `GET` it with no credentials (the secret is in the path). */
    pdfUrl: z.string(),
    verifyUrl: z.string(),
  })
  .meta({ id: 'MyCertificate' });
export type MyCertificate = z.infer<typeof myCertificateSchema>;

/** What the public verification page shows; an unknown number is a 404 problem. */
export const certificateVerificationSchema = z
  .object({
    number: z.string(),
    status: z.enum(CERTIFICATE_STATUSES),
    name: z.string(),
    title: z.string(),
    /** The session's or the series' title, and its community. */
    about: z.string(),
    community: z.string(),
    /** The session's date (first session of a series). */
    heldAt: instantSchema.nullable(),
    timeZone: z.string(),
    issuedAt: instantSchema,
    revokedAt: instantSchema.nullable(),
    revokeReason: z.string().nullable(),
    replacedBy: z.string().nullable(),
  })
  .meta({ id: 'CertificateVerification' });
export type CertificateVerification = z.infer<typeof certificateVerificationSchema>;

/** Upper case, no spaces, O→0 and I/L→1 (Crockford), dashes put back: what people type, matched. */
export function normalizeCertificateNumber(input: string): string {
  const body = input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/^SRB/, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return `SRB-${body.match(/.{1,4}/g)?.join('-') ?? ''}`;
}
