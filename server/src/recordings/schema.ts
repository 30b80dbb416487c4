import { LIVE_STREAM_STATES, RECORDING_BACKENDS, RECORDING_FAILURES, RECORDING_STATUSES } from '@serambi/shared';
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgEnum, pgTable, real, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';
import { sessions } from '../sessions/schema.ts';

export const recordingStatus = pgEnum('recording_status', RECORDING_STATUSES);
export const recordingBackend = pgEnum('recording_backend', RECORDING_BACKENDS);
export const recordingFailure = pgEnum('recording_failure', RECORDING_FAILURES);

/**
 * One recording of a session's stage, from start to the finished file. The partial unique index
 * is the "starting twice does not record twice" rule, across app instances.
 */
export const recordings = pgTable(
  'recordings',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    part: integer('part').notNull(),
    status: recordingStatus('status').notNull().default('starting'),
    backend: recordingBackend('backend').notNull(),
    partial: boolean('partial').notNull().default(false),
    failure: recordingFailure('failure'),
    /** What went wrong, for the logs and the organizer (not shown to the audience). */
    failureDetail: text('failure_detail'),
    /** Identity of who started it, or null when the series started it on go-live. */
    startedByIdentity: text('started_by_identity'),
    startedByName: text('started_by_name'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the first frame was written: chapters count from here. */
    mediaStartedAt: timestamp('media_started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** The instance running the built-in recorder, and its last sign of life. */
    owner: text('owner'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    egressId: text('egress_id'),
    /** Keys in the recording store: the recorder's raw file, then the finished one and its poster. */
    rawKey: text('raw_key'),
    mediaKey: text('media_key'),
    posterKey: text('poster_key'),
    durationMs: integer('duration_ms'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    progress: real('progress'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('recordings_session_idx').on(t.sessionId, t.part),
    uniqueIndex('recordings_one_active_idx')
      .on(t.sessionId)
      .where(sql`${t.status} in ('starting', 'recording', 'stopping')`),
    uniqueIndex('recordings_egress_idx').on(t.egressId),
  ],
);
export type RecordingRow = typeof recordings.$inferSelect;

export const liveStreamState = pgEnum('live_stream_state', LIVE_STREAM_STATES);

/**
 * A session's live out to an RTMP(S) server (one per session): where to (set by organizers; the
 * key encrypted with the app's `stream-keys` secret, live-stream/key-cipher.ts), and the stream's
 * state while moderators run it. `wanted` is what they asked for; the instance in `owner` runs the
 * streamer and writes its state.
 */
export const liveStreams = pgTable('live_streams', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  /** rtmp(s):// address without the key; null when no destination is set. */
  address: text('address'),
  /** AES-256-GCM, base64url of iv ‖ tag ‖ ciphertext. */
  keyCiphertext: text('key_ciphertext'),
  keyEnding: text('key_ending'),
  destinationUpdatedAt: timestamp('destination_updated_at', { withTimezone: true }),
  wanted: boolean('wanted').notNull().default(false),
  state: liveStreamState('state').notNull().default('stopped'),
  reason: text('reason'),
  retryInSeconds: integer('retry_in_seconds'),
  stateAt: timestamp('state_at', { withTimezone: true }).notNull().defaultNow(),
  /** Who started it: the actor of the audit entries its streamer's own changes make. */
  startedByIdentity: text('started_by_identity'),
  startedByName: text('started_by_name'),
  owner: text('owner'),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
});
export type LiveStreamRow = typeof liveStreams.$inferSelect;
