import { z } from 'zod';
import { isValidTimeZone } from './time.ts';
import {
  EARLIEST_YEAR,
  isDateWithinYears,
  isInstantWithinYears,
  LATEST_YEAR,
  MAX_REMINDER_OFFSET_MINUTES,
  MAX_REMINDERS,
  MAX_SESSION_MINUTES,
  MIN_REMINDER_OFFSET_MINUTES,
  MIN_SESSION_MINUTES,
} from './time-limits.ts';

/**
 * The schemas of zones, dates, times and durations people send, checked against time.ts and
 * time-limits.ts; those two stay free of zod, so a page that shows a time does not download it.
 */

const YEARS = { earliest: EARLIEST_YEAR, latest: LATEST_YEAR };
// Only a value that is already a well-formed date is checked for its year: one message per field.
const whenWellFormed = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, 'validation.timeZone')
  .meta({ example: 'Asia/Makassar' });

/** A point in time someone plans: ISO 8601 with seconds and an offset or Z, 4-digit year, within the years. */
export const plannedInstantSchema = z.iso
  .datetime({ offset: true, error: 'validation.instant' })
  .refine(isInstantWithinYears, { message: 'validation.yearRange', params: YEARS, ...whenWellFormed })
  .meta({
    description: `ISO 8601 with an offset, in the years ${EARLIEST_YEAR}–${LATEST_YEAR}.`,
    example: '2026-12-06T12:00:00Z',
  });

/** A calendar date (YYYY-MM-DD) someone plans, within the years. */
export const plannedDateSchema = z.iso
  .date({ error: 'validation.date' })
  .refine(isDateWithinYears, { message: 'validation.yearRange', params: YEARS, ...whenWellFormed })
  .meta({ description: `YYYY-MM-DD, in the years ${EARLIEST_YEAR}–${LATEST_YEAR}.`, example: '2026-12-06' });

/** A wall-clock time of day (HH:MM, 24 hours). */
export const wallClockTimeSchema = z.iso.time({ precision: -1, error: 'validation.time' });

/** How long a session lasts, in minutes; the messages get `{min}` or `{max}` from the issue. */
export const sessionMinutesSchema = z
  .number()
  .int()
  .min(MIN_SESSION_MINUTES, 'validation.durationMin')
  .max(MAX_SESSION_MINUTES, 'validation.durationMax');

/** Minutes before each session that its reminder mails go out. */
export const reminderOffsetsSchema = z
  .array(
    z
      .number()
      .int()
      .min(MIN_REMINDER_OFFSET_MINUTES, 'validation.reminderOffsetMin')
      .max(MAX_REMINDER_OFFSET_MINUTES, 'validation.reminderOffsetMax'),
  )
  .max(MAX_REMINDERS);
