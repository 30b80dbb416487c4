import {
  type Chapter,
  type Recording,
  type RecordingFailure,
  type RecordingSettings,
  type Replay,
  type RoomRecording,
  recordingStatusGroups,
  type UpdateRecordingSettingsRequest,
} from '@serambi/shared';
import { and, asc, eq, inArray, isNotNull, isNull, lt, max, or, sql } from 'drizzle-orm';
import { communities } from '../communities/schema.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import type { JobHandler } from '../jobs/runner.ts';
import { enqueueJob } from '../jobs/service.ts';
import { recordAudit } from '../room/caller.ts';
import { changeRoom, stageRoomName } from '../room/events.ts';
import { authorizeInRoom } from '../room/rules.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import { series } from '../series/schema.ts';
import { type SessionRow, sessions } from '../sessions/schema.ts';
import type { RecordingDeps } from './deps.ts';
import { finishCapture } from './finish.ts';
import { checkFfmpeg } from './recorder/ffmpeg.ts';
import { activeRecording, recordsAutomatically, toRoomRecording } from './room-state.ts';
import { mayDownload, mayWatch, type ReplayViewer, recordingRules, refusedReplayState } from './rules.ts';
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

/** The job that turns a capture into the replay's file: faststart copy, duration, poster. */
export function recordingFinishHandler(deps: RecordingDeps): JobHandler<{ recordingId: string }> {
  return async ({ recordingId }, job) => {
    const [row] = await deps.db.select().from(recordings).where(eq(recordings.id, recordingId));
    if (row?.backend !== 'builtin' || row.mediaKey) return;
    if (row.status !== 'processing' && row.status !== 'failed') return;
    const keys = recordingKeys(row.sessionId, row.id);
    const files = {
      capture: await deps.store.scratchPath(keys.raw),
      media: await deps.store.scratchPath(keys.media),
      poster: await deps.store.scratchPath(keys.poster),
    };
    let reported = 0;
    const finished = await finishCapture(deps.config, files, async (share) => {
      // A write a second is plenty for a progress bar polled every two.
      if (Date.now() - reported < 1_000) return;
      reported = Date.now();
      await deps.db.update(recordings).set({ progress: share }).where(eq(recordings.id, recordingId));
    });
    if (!finished) {
      job.log.warn({ recording: recordingId }, 'the capture holds nothing playable');
      await deps.db
        .update(recordings)
        .set({
          status: 'failed',
          failure: row.failure ?? 'processing_failed',
          partial: false,
          progress: null,
          updatedAt: deps.now(),
        })
        .where(eq(recordings.id, recordingId));
      await deps.store.remove(keys.raw);
      return;
    }
    await deps.store.put(keys.media, files.media);
    const poster = (await deps.store.size(keys.poster)) !== null;
    if (poster) await deps.store.put(keys.poster, files.poster);
    const expiresAt = await expiryOf(deps.db, row);
    await deps.db
      .update(recordings)
      .set({
        status: row.status === 'processing' ? 'ready' : 'failed',
        mediaKey: keys.media,
        posterKey: poster ? keys.poster : null,
        durationMs: finished.durationMs,
        sizeBytes: finished.sizeBytes,
        progress: null,
        expiresAt,
        updatedAt: deps.now(),
      })
      .where(eq(recordings.id, recordingId));
    await deps.store.remove(keys.raw);
    job.log.info({ recording: recordingId, ...finished }, 'recording finished');
  };
}

async function expiryOf(db: Database, row: Pick<RecordingRow, 'sessionId' | 'startedAt'>): Promise<Date | null> {
  const [found] = await db
    .select({ days: communities.recordingRetentionDays })
    .from(sessions)
    .innerJoin(communities, eq(communities.id, sessions.communityId))
    .where(eq(sessions.id, row.sessionId));
  return found?.days ? new Date(row.startedAt.getTime() + found.days * 86_400_000) : null;
}

/**
 * Housekeeping any instance may run (each step is a conditional update, so two at once do no
 * harm): built-in recordings whose instance went quiet are closed as interrupted (what they
 * wrote is finished and kept), and recordings past their community's retention are deleted.
 */
export async function maintainRecordings(deps: RecordingDeps): Promise<void> {
  const now = deps.now();
  const stale = await deps.db
    .select({ id: recordings.id })
    .from(recordings)
    .where(
      and(
        eq(recordings.backend, 'builtin'),
        inArray(recordings.status, ACTIVE),
        or(isNull(recordings.heartbeatAt), lt(recordings.heartbeatAt, new Date(now.getTime() - STALE_HEARTBEAT_MS))),
      ),
    );
  for (const { id } of stale) {
    if (deps.supervisor.isRunning(id)) continue;
    await endCapture(deps, id, {
      failure: 'interrupted',
      detail: 'the recorder stopped reporting (its server restarted?)',
    });
  }
  const expired = await deps.db
    .select()
    .from(recordings)
    .where(
      and(
        isNotNull(recordings.expiresAt),
        lt(recordings.expiresAt, now),
        inArray(recordings.status, ['ready', 'failed']),
      ),
    );
  for (const row of expired) {
    await deps.store.removeAll(recordingKeys(row.sessionId, row.id).prefix);
    await deps.db
      .update(recordings)
      .set({ status: 'expired', mediaKey: null, posterKey: null, updatedAt: now })
      .where(eq(recordings.id, row.id));
    deps.log.info({ recording: row.id }, 'recording deleted by retention');
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

// ---------------------------------------------------------------------------------------------
// Egress (RECORDING_BACKEND=egress): LiveKit reports progress through webhooks.
// ---------------------------------------------------------------------------------------------

export interface EgressReport {
  egressId: string;
  /** LiveKit's EgressStatus name: EGRESS_STARTING, EGRESS_ACTIVE, EGRESS_ENDING, EGRESS_COMPLETE, EGRESS_FAILED, EGRESS_ABORTED, EGRESS_LIMIT_REACHED. */
  status: string;
  error?: string;
  file?: { durationMs: number; sizeBytes: number };
}

/** Applies an egress webhook to its recording; unknown egress ids (someone else's) are ignored. */
export async function applyEgressReport(deps: RecordingDeps, report: EgressReport): Promise<void> {
  const [row] = await deps.db.select().from(recordings).where(eq(recordings.egressId, report.egressId));
  if (!row) return;
  if (report.status === 'EGRESS_ACTIVE') {
    await markRecording(deps, row.id, deps.now());
    return;
  }
  const complete = report.status === 'EGRESS_COMPLETE';
  const finished = complete || ['EGRESS_FAILED', 'EGRESS_ABORTED', 'EGRESS_LIMIT_REACHED'].includes(report.status);
  if (!finished) return;
  await endCapture(
    deps,
    row.id,
    complete ? {} : { failure: 'egress_failed', detail: report.error || report.status.toLowerCase() },
  );
  if (!report.file) return;
  const keys = recordingKeys(row.sessionId, row.id);
  await deps.db
    .update(recordings)
    .set({
      status: complete ? 'ready' : 'failed',
      partial: !complete,
      mediaKey: keys.media,
      durationMs: report.file.durationMs,
      sizeBytes: report.file.sizeBytes,
      progress: null,
      expiresAt: await expiryOf(deps.db, row),
      updatedAt: deps.now(),
    })
    .where(and(eq(recordings.id, row.id), inArray(recordings.status, ['processing', 'failed'])));
}

// ---------------------------------------------------------------------------------------------
// Organizers: the list, settings, deleting; everyone: the replay.
// ---------------------------------------------------------------------------------------------

async function sessionRecordings(db: Database, sessionId: string): Promise<RecordingRow[]> {
  return db.select().from(recordings).where(eq(recordings.sessionId, sessionId)).orderBy(asc(recordings.part));
}

export function toRecording(deps: RecordingDeps, row: RecordingRow): Recording {
  const now = deps.now();
  const media = row.mediaKey !== null;
  return {
    id: row.id,
    status: row.status,
    backend: row.backend,
    part: row.part,
    partial: row.partial,
    failure: row.failure,
    startedAt: (row.mediaStartedAt ?? row.startedAt).toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    startedBy: row.startedByName,
    durationMs: row.durationMs,
    sizeBytes: row.sizeBytes,
    progress: row.progress,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    mediaUrl: media ? deps.links.url(row.id, 'play', now) : null,
    posterUrl: row.posterKey ? deps.links.url(row.id, 'poster', now) : null,
    downloadUrl: media ? deps.links.url(row.id, 'download', now) : null,
  };
}

export async function recordingSettings(db: Database, session: SessionRow): Promise<RecordingSettings> {
  const [seriesRow] = session.seriesId
    ? await db.select({ autoRecord: series.autoRecord }).from(series).where(eq(series.id, session.seriesId))
    : [];
  const [community] = await db
    .select({ days: communities.recordingRetentionDays })
    .from(communities)
    .where(eq(communities.id, session.communityId));
  return {
    replayAccess: session.replayAccess,
    autoRecord: session.autoRecord,
    seriesAutoRecord: seriesRow ? seriesRow.autoRecord : null,
    retentionDays: community?.days ?? null,
  };
}

export async function listRecordings(deps: RecordingDeps, session: SessionRow) {
  const rows = await sessionRecordings(deps.db, session.id);
  return {
    recordings: rows.map((row) => toRecording(deps, row)),
    settings: await recordingSettings(deps.db, session),
  };
}

export async function updateRecordingSettings(
  db: Database,
  session: SessionRow,
  changes: UpdateRecordingSettingsRequest,
  now: Date,
): Promise<RecordingSettings> {
  if (changes.seriesAutoRecord !== undefined && !session.seriesId) {
    throw AppError.validation([{ path: 'seriesAutoRecord', message: 'problems.notInSeries' }]);
  }
  const sessionChanges = {
    ...(changes.replayAccess !== undefined ? { replayAccess: changes.replayAccess } : {}),
    ...(changes.autoRecord !== undefined ? { autoRecord: changes.autoRecord } : {}),
  };
  let updated = session;
  if (Object.keys(sessionChanges).length > 0) {
    const [row] = await db
      .update(sessions)
      .set({ ...sessionChanges, updatedAt: now })
      .where(eq(sessions.id, session.id))
      .returning();
    if (row) updated = row;
  }
  if (changes.seriesAutoRecord !== undefined && session.seriesId) {
    await db
      .update(series)
      .set({ autoRecord: changes.seriesAutoRecord, updatedAt: now })
      .where(eq(series.id, session.seriesId));
  }
  return recordingSettings(db, updated);
}

/** Sets the community's retention and moves every recording's deletion date to match. */
export async function updateRetention(db: Database, communityId: string, days: number | null): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(communities).set({ recordingRetentionDays: days }).where(eq(communities.id, communityId));
    const ofCommunity = tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.communityId, communityId));
    await tx
      .update(recordings)
      .set({
        expiresAt: days === null ? null : sql`${recordings.startedAt} + make_interval(days => ${days})`,
      })
      .where(and(inArray(recordings.sessionId, ofCommunity), inArray(recordings.status, ['ready', 'failed'])));
  });
}

/** Deletes a finished recording and its files; a running one must be stopped first. */
export async function deleteRecording(deps: RecordingDeps, session: SessionRow, recordingId: string): Promise<void> {
  const [row] = await deps.db
    .select()
    .from(recordings)
    .where(and(eq(recordings.id, recordingId), eq(recordings.sessionId, session.id)));
  if (!row) throw new AppError(404, 'recording_not_found', 'problems.recordingNotFound');
  if ((ACTIVE as string[]).includes(row.status)) {
    throw new AppError(409, 'recording_running', 'problems.recordingRunning');
  }
  if (row.status === 'processing') throw new AppError(409, 'recording_processing', 'problems.recordingProcessing');
  await deps.store.removeAll(recordingKeys(row.sessionId, row.id).prefix);
  await deps.db.delete(recordings).where(eq(recordings.id, row.id));
}

/**
 * The questions pinned as "now answering" in a session, in order (Q&A's `answeringPins`, given
 * where the app is composed): the chapters of its recordings.
 */
export type AnsweringPins = (
  db: Database,
  sessionId: string,
) => Promise<{ questionId: string; startedAt: Date; endedAt: Date | null; text: string }[]>;

export async function replayOf(
  deps: RecordingDeps,
  session: SessionRow,
  viewer: ReplayViewer,
  answeringPins: AnsweringPins,
): Promise<Replay> {
  const rows = await sessionRecordings(deps.db, session.id);
  const access = session.replayAccess;
  const watchable = rows.filter((row) => row.mediaKey !== null);
  if (watchable.length === 0) {
    const state = rows.some((row) => row.status !== 'expired' && row.status !== 'failed')
      ? 'processing'
      : rows.some((row) => row.status === 'expired')
        ? 'expired'
        : 'none';
    return { state, access, parts: [] };
  }
  if (!mayWatch(access, viewer)) return { state: refusedReplayState(access, viewer), access, parts: [] };
  const chapters = chaptersOf(await answeringPins(deps.db, session.id), watchable);
  const now = deps.now();
  return {
    state: 'available',
    access,
    parts: watchable.map((row) => ({
      id: row.id,
      part: row.part,
      partial: row.partial,
      durationMs: row.durationMs,
      mediaUrl: deps.links.url(row.id, 'play', now),
      posterUrl: row.posterKey ? deps.links.url(row.id, 'poster', now) : null,
      downloadUrl: mayDownload(viewer) ? deps.links.url(row.id, 'download', now) : null,
      chapters: chapters.get(row.id) ?? [],
    })),
  };
}

/**
 * Every question pinned as "now answering" while a recording ran becomes a chapter of it, at
 * the second the pin happened (a pin from before the start opens the recording at 0).
 */
export function chaptersOf(pins: Awaited<ReturnType<AnsweringPins>>, rows: RecordingRow[]): Map<string, Chapter[]> {
  const byRecording = new Map<string, Chapter[]>();
  for (const row of rows) {
    const start = (row.mediaStartedAt ?? row.startedAt).getTime();
    const end = row.endedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    const durationSeconds = row.durationMs === null ? Number.POSITIVE_INFINITY : row.durationMs / 1000;
    const chapters: Chapter[] = [];
    for (const pin of pins) {
      const pinEnd = pin.endedAt?.getTime() ?? Number.POSITIVE_INFINITY;
      if (pin.startedAt.getTime() >= end || pinEnd <= start) continue;
      const at = Math.max(0, (pin.startedAt.getTime() - start) / 1000);
      if (at >= durationSeconds) continue;
      chapters.push({ at: Math.round(at * 10) / 10, title: pin.text, questionId: pin.questionId });
    }
    byRecording.set(row.id, chapters);
  }
  return byRecording;
}

/** The recording a signed media address names, if it still has the file asked for. */
export async function recordingFile(
  db: Database,
  recordingId: string,
  file: 'media' | 'poster',
): Promise<{ row: RecordingRow; key: string; slug: string } | null> {
  const [found] = await db
    .select({ row: recordings, slug: sessions.slug })
    .from(recordings)
    .innerJoin(sessions, eq(sessions.id, recordings.sessionId))
    .where(eq(recordings.id, recordingId));
  if (!found) return null;
  const key = file === 'media' ? found.row.mediaKey : found.row.posterKey;
  return key ? { row: found.row, key, slug: found.slug } : null;
}
