import type { LiveStreamState, RecordingFailure } from '@serambi/shared';
import { z } from 'zod';
import { OUTPUT_FORMATS } from './ffmpeg.ts';

/**
 * What the server and the recorder child process say to each other: one JSON configuration in
 * (the SERAMBI_RECORDER environment variable, so the token never shows in `ps`), JSON lines of
 * events out on stdout. Anything else on stdout (rtc-node logs there with pino) is not an event.
 */

export const RECORDER_CONFIG_VARIABLE = 'SERAMBI_RECORDER';

export const recorderConfigSchema = z.object({
  /** ws(s):// URL of LiveKit. */
  url: z.string().min(1),
  /** A hidden, subscribe-only recorder token for the one room to record. */
  token: z.string().min(1),
  /** The fragmented MP4 to write (an existing file is overwritten), or the rtmp(s):// address to stream to. */
  output: z.string().min(1),
  /**
   * `mp4`: record into `output`; a failing ffmpeg fails the recorder. `flv`: stream to `output`;
   * a failing ffmpeg (the destination refused, went away) is retried with a backoff while the
   * room goes on (`stream` events).
   */
  format: z.enum(OUTPUT_FORMATS).default('mp4'),
  /** Secrets (a stream key) that no event or log line of the recorder may carry. */
  redact: z.array(z.string().min(1)).default([]),
  // Even sizes: I420 halves both dimensions for its colour planes.
  width: z
    .number()
    .int()
    .min(16)
    .max(3840)
    .refine((n) => n % 2 === 0, 'must be even'),
  height: z
    .number()
    .int()
    .min(16)
    .max(2160)
    .refine((n) => n % 2 === 0, 'must be even'),
  fps: z.number().int().min(1).max(60),
  /** Path of the ffmpeg binary. */
  ffmpeg: z.string().min(1),
});
export type RecorderConfig = z.infer<typeof recorderConfigSchema>;

/** The failures of shared/src/recordings.ts that the recorder itself reports. */
export const RECORDER_FAILURES = [
  'disk_full',
  'ffmpeg_failed',
  'recorder_crashed',
  // Lost the media server (the LiveKit node holding the room died): the file is finished as it is.
  'interrupted',
] as const satisfies readonly RecordingFailure[];
export type RecorderFailure = (typeof RECORDER_FAILURES)[number];

/** What a streaming recorder reports of its output: the live stream's states but `stopped` (its exit says that). */
export const STREAMER_STATES = ['connecting', 'live', 'failed', 'retrying'] as const satisfies readonly Exclude<
  LiveStreamState,
  'stopped'
>[];
export type StreamerState = (typeof STREAMER_STATES)[number];

export const videoSourceKinds = ['camera', 'screen'] as const;
export type VideoSourceKind = (typeof videoSourceKinds)[number];

const shownSchema = z
  .object({
    identity: z.string(),
    source: z.enum(videoSourceKinds),
    /** Size of the last frame drawn from it, as received (simulcast layers and resized windows change it). */
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
  })
  .nullable();

export const recorderEventSchema = z.discriminatedUnion('event', [
  /** Joined the room; writing starts right after. */
  z.object({ event: z.literal('connected') }),
  /** Once, when the first frame was written: the recording's timeline is wall time from `at` on. */
  z.object({ event: z.literal('media'), at: z.iso.datetime() }),
  /** Every few seconds while writing. */
  z.object({
    event: z.literal('stats'),
    /** Media written to ffmpeg so far, by the recorder's clock. */
    mediaSeconds: z.number(),
    framesWritten: z.number().int(),
    /** Frames drawn anew; the rest repeat the frame before (nothing new, or ffmpeg still busy). */
    framesComposed: z.number().int(),
    /** Repeats because every frame buffer was still queued for ffmpeg: the encoder is behind. */
    framesRepeatedWhileBusy: z.number().int(),
    audioTracks: z.number().int(),
    videoTracks: z.number().int(),
    /** What fills the canvas, and whose camera is in the corner over a screen share. */
    showing: shownSchema,
    pictureInPicture: z.string().nullable(),
    /** The mix's delay behind the audio's arrival now, and the queues' underflows and drops so far. */
    audioDelayMs: z.number(),
    audioUnderflows: z.number().int(),
    audioDroppedMs: z.number(),
    /** From ffmpeg's progress report: bytes in the file, media encoded, and its speed (1 = real time). */
    bytes: z.number().int().nullable(),
    encodedSeconds: z.number().nullable(),
    speed: z.number().nullable(),
  }),
  z.object({ event: z.literal('failed'), failure: z.enum(RECORDER_FAILURES), detail: z.string() }),
  /** A stream's state changed (format `flv` only); `detail` says why it failed, without secrets. */
  z.object({
    event: z.literal('stream'),
    state: z.enum(STREAMER_STATES),
    detail: z.string().nullable(),
    retryInSeconds: z.number().int().nullable(),
  }),
  /** The file is complete; the process exits 0 next. */
  z.object({ event: z.literal('stopped'), mediaSeconds: z.number() }),
]);
export type RecorderEvent = z.infer<typeof recorderEventSchema>;
export type RecorderStats = Extract<RecorderEvent, { event: 'stats' }>;

/** One line of stdout as an event, or undefined when it is something else (a library's log line). */
export function parseRecorderEvent(line: string): RecorderEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = recorderEventSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
