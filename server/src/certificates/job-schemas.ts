import { z } from 'zod';

/**
 * The payloads of the certificate jobs (kept apart from issue.ts so jobs/kinds.ts can name
 * them without importing the job queue back).
 */

/** Apply the rule to a session that ended (or to one person of it), then the series rule. */
export const certificateCheckSchema = z.object({
  sessionId: z.string(),
  /** Lower-cased; only this person (their feedback came after the end). */
  email: z.string().optional(),
});
export type CertificateCheck = z.infer<typeof certificateCheckSchema>;

/** Mail one certificate, its PDF made at send time (PDFs are not kept in the jobs table). */
export const certificateMailSchema = z.object({ certificateId: z.string() });
