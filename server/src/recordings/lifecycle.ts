/**
 * A recording's life in the room: starting (by a moderator or by itself when the session goes
 * live), the first frame, stopping, and the end of capture, which hands the built-in capture to
 * the finishing job (`finish-job.ts`).
 */
import { type RecordingFailure, type RoomRecording, recordingStatusGroups } from '@serambi/shared';
import { and, eq, inArray, isNull, max } from 'drizzle-orm';
import { AppError } from '../http/errors.ts';
import { enqueueJob } from '../jobs/service.ts';
import { recordAudit } from '../room/caller.ts';
import { changeRoom, stageRoomName } from '../room/events.ts';
import { authorizeInRoom } from '../room/rules.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import type { RecordingDeps } from './deps.ts';
import { checkFfmpeg } from './recorder/ffmpeg.ts';
import { activeRecording, recordsAutomatically, toRoomRecording } from './room-state.ts';
import { recordingRules } from './rules.ts';
import { type RecordingRow, recordings } from './schema.ts';
import { recordingKeys } from './store.ts';

const ACTIVE = [...recordingStatusGroups.active];

/** Who started or stopped a recording, for the audit log; null when the series did it by itself. */
export type RecordingActor = { identity: string; name: string } | null;

/** A recorder that has not said it is alive for this long is taken as gone (its instance died). */
export const STALE_HEARTBEAT_MS = 30_000;

/**
 * Starts recording the session's stage. Starting twice returns the recording already running
 * (the unique index on active recordings holds this across app instances). Checks what the
 * backend needs first, so a missing ffmpeg or a full disk is a clear answer, not a dead file.
 */
export async function startRecording(
  deps: RecordingDeps,
  session: SessionRow,
  by: RecordingActor,
): Promise<RoomRecording> {
  if (session.status !== 'live') throw new AppError(409, 'session_not_live', 'problems.sessionNotLive');
  const running = await activeRecording(deps.db, session.id);
  if (running) return toRoomRecording(running) as RoomRecording;
  await checkCanRecord(deps);
  let row: RecordingRow | undefined;
  let created = false;
  await changeRoom(deps.room, session.id, async (tx) => {
    const existing = await activeRecording(tx, session.id);
    if (existing) {
      row = existing;
      return [];
    }
    const [last] = await tx
      .select({ part: max(recordings.part) })
      .from(recordings)
      .where(eq(recordings.sessionId, session.id));
    const at = deps.now();
    const builtin = deps.config.backend === 'builtin';
    [row] = await tx
      .insert(recordings)
      .values({
        sessionId: session.id,
        part: (last?.part ?? 0) + 1,
        backend: deps.config.backend,
        startedByIdentity: by?.identity ?? null,
        startedByName: by?.name ?? null,
        startedAt: at,
        owner: builtin ? deps.instance : null,
        heartbeatAt: builtin ? at : null,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    if (!row) throw new Error('recording insert returned no row');
    created = true;
    if (by) await recordAudit(tx, { sessionId: session.id, at, action: 'recording_start', actor: by });
    return [{ type: 'session.recording', data: { recording: toRoomRecording(row) } }];
  });
  if (!row) throw new Error('recording not written');
  if (created) await launch(deps, row);
  return toRoomRecording(row) as RoomRecording;
}

async function launch(deps: RecordingDeps, row: RecordingRow): Promise<void> {
  try {
    if (row.backend === 'builtin') {
      await deps.supervisor.launch(row);
    } else {
      const keys = recordingKeys(row.sessionId, row.id);
      const egressId = await deps.livekit.startRoomEgress(stageRoomName(row.sessionId), keys.media);
      await deps.db
        .update(recordings)
        .set({ egressId, updatedAt: deps.now() })
        .where(and(eq(recordings.id, row.id), isNull(recordings.egressId)));
    }
  } catch (error) {
    deps.log.error({ err: error, recording: row.id }, 'recording could not start');
    await endCapture(deps, row.id, {
      failure: row.backend === 'builtin' ? 'recorder_crashed' : 'egress_failed',
      detail: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}

/** Why recording cannot start here, as a problem the moderator can act on; nothing when it can. */
async function checkCanRecord(deps: RecordingDeps): Promise<void> {
  if (deps.config.backend !== 'builtin') return;
  const ffmpeg = await checkFfmpeg(deps.config.ffmpeg);
  if (!ffmpeg.ok) {
    deps.log.error({ ffmpeg: deps.config.ffmpeg, reason: ffmpeg.message }, 'ffmpeg is missing: recording cannot start');
    throw new AppError(503, 'ffmpeg_missing', 'problems.ffmpegMissing');
  }
  const free = await deps.store.freeBytes();
  if (free !== null && free < deps.config.minFreeBytes) {
    deps.log.error({ free, needed: deps.config.minFreeBytes }, 'not enough free disk space to record');
    throw new AppError(507, 'insufficient_storage', 'problems.insufficientStorage');
  }
}

/** A moderator starts recording from the room. */
export async function startRecordingInRoom(
  deps: RecordingDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
): Promise<RoomRecording> {
  authorizeInRoom(recordingRules, 'control', moderator);
  return startRecording(deps, session, moderator);
}

/** A moderator stops the recording from the room. */
export async function stopRecordingInRoom(
  deps: RecordingDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
): Promise<void> {
  authorizeInRoom(recordingRules, 'control', moderator);
  await stopRecording(deps, session, moderator);
}

/**
 * Asks the running recording to stop; the file is finished afterwards. The built-in recorder
 * may run on another instance: that instance sees `stopping` at its next heartbeat.
 */
export async function stopRecording(deps: RecordingDeps, session: SessionRow, by: RecordingActor): Promise<void> {
  let row: RecordingRow | undefined;
  await changeRoom(deps.room, session.id, async (tx) => {
    const active = await activeRecording(tx, session.id);
    if (!active) return [];
    if (active.status === 'stopping') {
      row = active;
      return [];
    }
    const at = deps.now();
    [row] = await tx
      .update(recordings)
      .set({ status: 'stopping', updatedAt: at })
      .where(eq(recordings.id, active.id))
      .returning();
    if (by) await recordAudit(tx, { sessionId: session.id, at, action: 'recording_stop', actor: by });
    return row ? [{ type: 'session.recording', data: { recording: toRoomRecording(row) } }] : [];
  });
  if (!row) return;
  if (row.backend === 'egress') {
    if (row.egressId) await deps.livekit.stopEgress(row.egressId);
    else await endCapture(deps, row.id, { failure: 'egress_failed', detail: 'egress never started' });
  } else if (row.owner === deps.instance && deps.supervisor.isRunning(row.id)) {
    deps.supervisor.stop(row.id);
  } else if (row.owner === deps.instance) {
    // Ours, but its process is gone (it ended between the read and now): close it here.
    await endCapture(deps, row.id, {});
  }
}

/** The first frame was written: the recording is running and chapters count from now. */
export async function markRecording(deps: RecordingDeps, recordingId: string, at: Date): Promise<void> {
  const [row] = await deps.db.select().from(recordings).where(eq(recordings.id, recordingId));
  if (row?.status !== 'starting') return;
  await changeRoom(deps.room, row.sessionId, async (tx) => {
    const [updated] = await tx
      .update(recordings)
      .set({ status: 'recording', mediaStartedAt: at, updatedAt: deps.now() })
      .where(and(eq(recordings.id, recordingId), eq(recordings.status, 'starting')))
      .returning();
    return updated ? [{ type: 'session.recording', data: { recording: toRoomRecording(updated) } }] : [];
  });
}

/**
 * Capture is over (stopped, the session ended, the recorder died, or its instance went quiet).
 * Everyone in the room sees the red dot go; the built-in capture is then finished by a job,
 * also a failed one, whose part recorded before the failure is still worth watching.
 */
export async function endCapture(
  deps: RecordingDeps,
  recordingId: string,
  outcome: { failure?: RecordingFailure; detail?: string },
): Promise<void> {
  const [row] = await deps.db.select().from(recordings).where(eq(recordings.id, recordingId));
  if (!row || !(ACTIVE as string[]).includes(row.status)) return;
  let ended = false;
  await changeRoom(deps.room, row.sessionId, async (tx) => {
    const at = deps.now();
    const failed = outcome.failure !== undefined;
    const [updated] = await tx
      .update(recordings)
      .set({
        status: failed ? 'failed' : 'processing',
        failure: outcome.failure ?? null,
        failureDetail: outcome.detail?.slice(0, 2_000) ?? null,
        // Whether anything was captured is known once the finishing job has read the file.
        partial: failed,
        endedAt: at,
        progress: row.backend === 'builtin' ? 0 : null,
        updatedAt: at,
      })
      .where(and(eq(recordings.id, recordingId), inArray(recordings.status, ACTIVE)))
      .returning();
    ended = updated !== undefined;
    return ended ? [{ type: 'session.recording', data: { recording: null } }] : [];
  });
  if (!ended) return;
  if (outcome.failure) deps.log.warn({ recording: recordingId, ...outcome }, 'recording failed');
  if (row.backend === 'builtin') {
    await enqueueJob(deps.db, {
      kind: 'recording-finish',
      payload: { recordingId },
      runAt: deps.now(),
      dedupeKey: `recording-finish:${recordingId}`,
      maxAttempts: 4,
    });
  }
}

/** When the session goes live and it (or its series) records by itself; a failure does not stop going live. */
export async function startAutomaticRecording(deps: RecordingDeps, session: SessionRow): Promise<void> {
  if (!(await recordsAutomatically(deps.db, session))) return;
  try {
    await startRecording(deps, { ...session, status: 'live' }, null);
  } catch (error) {
    deps.log.error({ err: error, session: session.id }, 'automatic recording could not start');
  }
}
