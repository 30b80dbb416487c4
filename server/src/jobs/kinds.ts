import { z } from 'zod';
import { breakoutRoomsSchema, breakoutTimerSchema } from '../breakouts/job-schemas.ts';
import { certificateCheckSchema, certificateMailSchema } from '../certificates/job-schemas.ts';
import { mailMessageSchema } from '../notifications/message.ts';
import { sessionReminderSchema } from '../registrations/reminder-schema.ts';

/** A job kind names the zod schema of its payload; payloads are JSON, so schemas hold JSON values only. */
export type JobKindRegistry = Record<string, z.ZodType>;

/**
 * Every kind of job Serambi runs. A capability that needs work done later adds one line here
 * and one handler where the runner is built; enqueuing a kind missing here is a type error.
 */
export const jobKinds = {
  'send-mail': mailMessageSchema,
  'session-reminder': sessionReminderSchema,
  /** Faststart copy, duration and poster of a recording whose capture ended. */
  'recording-finish': z.object({ recordingId: z.string() }),
  /** Issue the certificates a session's rule (and its series' rule) gives, each exactly once. */
  'certificates-issue': certificateCheckSchema,
  /** Mail one certificate with its PDF attached. */
  'certificate-mail': certificateMailSchema,
  /** Delete rows past their retention (jobs/retention.ts); `slot` is the hour it sweeps for. */
  'retention-sweep': z.object({ slot: z.iso.datetime() }),
  /** One minute before breakout tables end: the warning every table shows. */
  'breakouts-warn': breakoutTimerSchema,
  /** Breakout tables' time is up: everyone back to the main room. */
  'breakouts-end': breakoutTimerSchema,
  /** The grace after breakout tables ended is over: their LiveKit rooms close. */
  'breakouts-close-rooms': breakoutRoomsSchema,
} satisfies JobKindRegistry;

export type JobKinds = typeof jobKinds;
export type JobKind = keyof JobKinds & string;
/** What a handler of `K` receives, after the schema has parsed the stored payload. */
export type JobPayload<K extends JobKind, R extends JobKindRegistry = JobKinds> = z.output<R[K]>;
