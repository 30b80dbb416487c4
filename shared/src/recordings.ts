import { z } from 'zod';
import { eventEnvelope, instantSchema } from './events.ts';
import {
  RECORDING_BACKENDS,
  RECORDING_FAILURES,
  RECORDING_STATUSES,
  REPLAY_ACCESS,
  recordingStatusGroups,
} from './recordings-values.ts';

export * from './recordings-values.ts';

/**
 * Recordings of a session's stage (docs/architecture.md#recording). A recording is started by a
 * moderator (or by the series when the session goes live), written by the built-in recorder
 * or by LiveKit Egress, then finished by a persisted job (faststart, duration, poster) before
 * its replay can be watched.
 */

/** What everyone in the room sees: the red dot and since when. */
export const roomRecordingSchema = z
  .object({
    id: z.string(),
    status: z.enum(recordingStatusGroups.active),
    startedAt: instantSchema,
  })
  .meta({ id: 'RoomRecording' });
export type RoomRecording = z.infer<typeof roomRecordingSchema>;

export const recordingEventSchema = z.discriminatedUnion('type', [
  /** Recording started, is stopping, or stopped (`recording: null`). */
  eventEnvelope('session.recording', z.object({ recording: roomRecordingSchema.nullable() })),
]);

/** A recording as organizers see it on the session's page. */
export const recordingSchema = z
  .object({
    id: z.string(),
    status: z.enum(RECORDING_STATUSES),
    backend: z.enum(RECORDING_BACKENDS),
    /** 1-based, in start order: "Part 2". */
    part: z.number().int(),
    /** Some of it is missing (the recorder stopped early) but what was recorded plays. */
    partial: z.boolean(),
    failure: z.enum(RECORDING_FAILURES).nullable(),
    startedAt: instantSchema,
    endedAt: instantSchema.nullable(),
    startedBy: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    sizeBytes: z.number().int().nullable(),
    /** 0 to 1 while the finishing job runs; null otherwise. */
    progress: z.number().min(0).max(1).nullable(),
    /** When retention will delete the files; null when the community keeps recordings. */
    expiresAt: instantSchema.nullable(),
    /** Short-lived signed addresses, present when there is a file. */
    mediaUrl: z.string().nullable(),
    posterUrl: z.string().nullable(),
    downloadUrl: z.string().nullable(),
  })
  .meta({ id: 'Recording' });
export type Recording = z.infer<typeof recordingSchema>;

export const recordingSettingsSchema = z
  .object({
    replayAccess: z.enum(REPLAY_ACCESS),
    /** This session records by itself when it goes live. */
    autoRecord: z.boolean(),
    /** Every session of the series records by itself; null for a session outside a series. */
    seriesAutoRecord: z.boolean().nullable(),
    /** The community deletes recordings this many days after the session; null keeps them. */
    retentionDays: z.number().int().nullable(),
  })
  .meta({ id: 'RecordingSettings' });
export type RecordingSettings = z.infer<typeof recordingSettingsSchema>;

export const MAX_RETENTION_DAYS = 3650;

export const updateRecordingSettingsRequestSchema = z
  .object({
    replayAccess: z.enum(REPLAY_ACCESS),
    autoRecord: z.boolean(),
    /** Only for a session of a series. */
    seriesAutoRecord: z.boolean(),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateRecordingSettingsRequest' });
export type UpdateRecordingSettingsRequest = z.infer<typeof updateRecordingSettingsRequestSchema>;

export const updateRetentionRequestSchema = z
  .object({ retentionDays: z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable() })
  .strict()
  .meta({ id: 'UpdateRetentionRequest' });

export const sessionRecordingsSchema = z
  .object({ recordings: z.array(recordingSchema), settings: recordingSettingsSchema })
  .meta({ id: 'SessionRecordings' });
export type SessionRecordings = z.infer<typeof sessionRecordingsSchema>;

/** A question pinned as "now answering" while the recording ran: a jump into the replay. */
export const chapterSchema = z
  .object({
    /** Seconds from the recording's start. */
    at: z.number().min(0),
    /** A question pinned as "now answering", or a period of breakout tables (the page names it in the viewer's language). */
    kind: z.enum(['question', 'breakout']),
    /** The question's text; for breakout tables, how many tables (as digits). */
    title: z.string(),
    questionId: z.string().nullable(),
  })
  .meta({ id: 'Chapter' });
export type Chapter = z.infer<typeof chapterSchema>;

export const replayPartSchema = z
  .object({
    id: z.string(),
    part: z.number().int(),
    partial: z.boolean(),
    durationMs: z.number().int().nullable(),
    mediaUrl: z.string(),
    posterUrl: z.string().nullable(),
    /** Organizers only. */
    downloadUrl: z.string().nullable(),
    chapters: z.array(chapterSchema),
  })
  .meta({ id: 'ReplayPart' });
export type ReplayPart = z.infer<typeof replayPartSchema>;

/**
 * The replay section of a session page. `parts` is empty when there is nothing to watch yet or
 * the caller may not watch; `state` says which, so the page can say why.
 */
export const replaySchema = z
  .object({
    state: z.enum(['available', 'processing', 'none', 'sign_in', 'registrants_only', 'organizers_only', 'expired']),
    access: z.enum(REPLAY_ACCESS),
    parts: z.array(replayPartSchema),
  })
  .meta({ id: 'Replay' });
export type Replay = z.infer<typeof replaySchema>;
