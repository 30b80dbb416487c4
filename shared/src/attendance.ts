import { z } from 'zod';
import { instantSchema } from './events.ts';

/**
 * Who was in a session's room and for how long (the `attendance_intervals` table). The
 * server keeps one interval per LiveKit connection, from the `participant_joined` and
 * `participant_left` webhooks; a person's minutes are the union of their intervals (reconnects
 * and second devices count once), clipped to the time the session was live.
 */

export const ATTENDEE_ROLES = ['participant', 'speaker', 'moderator'] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];

/** One point of the viewers-over-time chart: people connected at `at` (one per minute; longer steps past a day). */
export const viewersPointSchema = z
  .object({ at: instantSchema, viewers: z.number().int() })
  .meta({ id: 'ViewersPoint' });
export type ViewersPoint = z.infer<typeof viewersPointSchema>;

/** One person in the attendance report: a registrant (attended or not), or someone who came in without registering. */
export const attendeeSchema = z
  .object({
    /** Stable within the report: the lower-cased email. */
    key: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(ATTENDEE_ROLES),
    registrationId: z.string().nullable(),
    /** Registered (not waitlisted, not cancelled) for the session. */
    registered: z.boolean(),
    attended: z.boolean(),
    /** Whole minutes in the room while the session was live (union of every connection). */
    minutes: z.number().int(),
    /** The same in seconds (what `percent` is computed from). */
    seconds: z.number().int(),
    /** `seconds` as a share of the live session, 0–100. */
    percent: z.number().int(),
    /** How many times they connected (reconnects and devices). */
    connections: z.number().int(),
    firstJoinedAt: instantSchema.nullable(),
    lastLeftAt: instantSchema.nullable(),
    gaveFeedback: z.boolean(),
  })
  .meta({ id: 'Attendee' });
export type Attendee = z.infer<typeof attendeeSchema>;

export const attendanceReportSchema = z
  .object({
    sessionId: z.string(),
    /** When the session went live and ended; the report counts only that span. */
    liveAt: instantSchema.nullable(),
    endedAt: instantSchema.nullable(),
    /** Length of the live session in whole minutes (so far, while live). */
    liveMinutes: z.number().int(),
    registered: z.number().int(),
    /** Registrants (and walk-ins) of the audience who were in the room while live. */
    attended: z.number().int(),
    /** attended registrants / registered, 0–100; null when nobody registered. */
    attendanceRate: z.number().int().nullable(),
    peakViewers: z.number().int(),
    peakAt: instantSchema.nullable(),
    averageMinutes: z.number().int(),
    timeline: z.array(viewersPointSchema),
    people: z.array(attendeeSchema),
  })
  .meta({ id: 'AttendanceReport' });
export type AttendanceReport = z.infer<typeof attendanceReportSchema>;

/** One session in the series analytics. */
export const seriesSessionStatsSchema = z
  .object({
    sessionId: z.string(),
    number: z.number().int().nullable(),
    title: z.string(),
    slug: z.string(),
    startsAt: instantSchema,
    status: z.string(),
    registered: z.number().int(),
    attended: z.number().int(),
    /** Attendees who had attended an earlier session of the series. */
    returning: z.number().int(),
    attendanceRate: z.number().int().nullable(),
    peakViewers: z.number().int(),
    averageMinutes: z.number().int(),
    averageRating: z.number().nullable(),
  })
  .meta({ id: 'SeriesSessionStats' });
export type SeriesSessionStats = z.infer<typeof seriesSessionStatsSchema>;

/** A word or phrase people asked about, with how many questions (and their votes) mention it. */
export const questionTopicSchema = z
  .object({ topic: z.string(), questions: z.number().int(), votes: z.number().int() })
  .meta({ id: 'QuestionTopic' });
export type QuestionTopic = z.infer<typeof questionTopicSchema>;

export const seriesAnalyticsSchema = z
  .object({
    seriesId: z.string(),
    sessions: z.array(seriesSessionStatsSchema),
    /** Distinct people who attended at least one session. */
    uniqueAttendees: z.number().int(),
    /** Of those, who attended two or more. */
    returningAttendees: z.number().int(),
    /** How many people attended exactly n sessions: `[{ sessions: 1, people: 40 }, …]`. */
    loyalty: z.array(z.object({ sessions: z.number().int(), people: z.number().int() })),
    topics: z.array(questionTopicSchema),
    questionsAsked: z.number().int(),
  })
  .meta({ id: 'SeriesAnalytics' });
export type SeriesAnalytics = z.infer<typeof seriesAnalyticsSchema>;
