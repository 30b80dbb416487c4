import { z } from 'zod';

/** A reminder round for one session: at `startsAt − offsetMinutes`, mail everyone registered. */
export const sessionReminderSchema = z.object({
  sessionId: z.string(),
  offsetMinutes: z.number().int().positive(),
  /** The start it was planned for; a round for an old time (the session moved) does nothing. */
  startsAt: z.iso.datetime(),
});
export type SessionReminder = z.infer<typeof sessionReminderSchema>;

/** 24 hours and 1 hour before, the default for sessions (series can set their own). */
export const DEFAULT_REMINDER_OFFSETS = [24 * 60, 60] as const;
