import { z } from 'zod';
import {
  addSessionPersonRequestSchema,
  registrationQuestionSchema,
  SESSION_VISIBILITIES,
  sessionSchema,
} from './sessions.ts';
import {
  plannedDateSchema,
  reminderOffsetsSchema,
  sessionMinutesSchema,
  timeZoneSchema,
  wallClockTimeSchema,
} from './time-schemas.ts';

/**
 * How a series repeats, shared by the series form and the API. Dates and times here are wall-clock
 * values in the series' zone ("every Sunday at 20.00 WITA"); the server turns them into instants.
 */

export const SERIES_TITLE_MIN_LENGTH = 3;
export const SERIES_TITLE_MAX_LENGTH = 140;

/** More sessions than a year of weeks is almost surely a mistake in the end date. */
export const MAX_SERIES_OCCURRENCES = 52;

export const localDateSchema = plannedDateSchema;
export const localTimeSchema = wallClockTimeSchema;

export const recurrenceRuleSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('weekly') }).strict(),
    z.object({ kind: z.literal('biweekly') }).strict(),
    z
      .object({
        kind: z.literal('monthly-nth-weekday'),
        /** 1st to 4th, or -1 for the last: a 5th weekday is missing from most months. */
        nth: z.literal([1, 2, 3, 4, -1]),
        /** ISO weekday: 1 Monday … 7 Sunday (as Temporal's dayOfWeek). */
        weekday: z.int().min(1).max(7),
      })
      .strict(),
  ])
  .meta({ id: 'RecurrenceRule', example: { kind: 'monthly-nth-weekday', nth: 2, weekday: 2 } });
export type RecurrenceRule = z.infer<typeof recurrenceRuleSchema>;

export const seriesEndSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), count: z.int().min(1).max(MAX_SERIES_OCCURRENCES) }).strict(),
  /** The last day a session may fall on, inclusive. */
  z.object({ kind: z.literal('until'), until: localDateSchema }).strict(),
]);
export type SeriesEnd = z.infer<typeof seriesEndSchema>;

export const seriesScheduleSchema = z
  .object({
    /** The first session falls on the first date on or after this one that fits the rule. */
    firstDate: localDateSchema,
    startTime: localTimeSchema,
    timeZone: timeZoneSchema,
    rule: recurrenceRuleSchema,
    end: seriesEndSchema,
  })
  .strict()
  // ISO dates compare correctly as strings.
  .refine((schedule) => schedule.end.kind !== 'until' || schedule.end.until >= schedule.firstDate, {
    path: ['end', 'until'],
    message: 'validation.untilBeforeFirst',
  })
  .meta({
    id: 'SeriesSchedule',
    example: {
      firstDate: '2025-12-07',
      startTime: '20:00',
      timeZone: 'Asia/Makassar',
      rule: { kind: 'weekly' },
      end: { kind: 'count', count: 10 },
    },
  });
export type SeriesSchedule = z.infer<typeof seriesScheduleSchema>;

/**
 * "Edit this and all following sessions": a new wall-clock time keeps each session's date; a new
 * rule or first date lays the following sessions out again, as many as there were.
 */
export const followingChangeSchema = z
  .object({ startTime: localTimeSchema, rule: recurrenceRuleSchema, firstDate: localDateSchema })
  .partial()
  .strict()
  .refine((change) => Object.values(change).some((value) => value !== undefined), 'validation.changeSomething')
  .meta({ id: 'FollowingChange' });
export type FollowingChange = z.infer<typeof followingChangeSchema>;

export const createSeriesRequestSchema = z
  .object({
    title: z.string().trim().min(SERIES_TITLE_MIN_LENGTH).max(SERIES_TITLE_MAX_LENGTH),
    description: z.string().max(20_000).default(''),
    coverImageUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .default(null),
    schedule: seriesScheduleSchema,
    durationMinutes: sessionMinutesSchema.default(90),
    capacity: z.number().int().min(1).max(100_000).nullable().default(null),
    visibility: z.enum(SESSION_VISIBILITIES).default('public'),
    questions: z.array(registrationQuestionSchema).max(20).default([]),
    /** Minutes before each session that reminder mails go out; 24 hours and 1 hour by default. */
    reminderOffsets: reminderOffsetsSchema.default([1440, 60]),
    status: z.enum(['draft', 'scheduled']).default('scheduled'),
    /** Default speakers and moderators: on every session, each invited once for the whole series. */
    people: z.array(addSessionPersonRequestSchema).max(10).default([]),
  })
  .strict()
  .meta({ id: 'CreateSeriesRequest' });
export type CreateSeriesRequest = z.input<typeof createSeriesRequestSchema>;
export type CreateSeriesInput = z.output<typeof createSeriesRequestSchema>;

export const seriesSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    coverImageUrl: z.string().nullable(),
    timeZone: z.string(),
    startTime: z.string(),
    rule: recurrenceRuleSchema,
    durationMinutes: z.number().int(),
    community: z.object({ slug: z.string(), name: z.string() }),
    /** The sessions the caller may see, by number. */
    sessions: z.array(sessionSchema),
  })
  .meta({ id: 'Series' });
export type Series = z.infer<typeof seriesSchema>;

export const seriesRegistrationResultSchema = z
  .object({
    sessions: z.array(
      z.object({
        sessionId: z.string(),
        slug: z.string(),
        number: z.number().int(),
        status: z.enum(['registered', 'waitlisted']),
        waitlistPosition: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'SeriesRegistrationResult' });
export type SeriesRegistrationResult = z.infer<typeof seriesRegistrationResultSchema>;
