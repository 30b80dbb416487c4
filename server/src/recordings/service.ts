/**
 * Organizers' side of recordings: a session's list, its recording settings, deleting one. A
 * recording's life is in `lifecycle.ts`, its finishing in `finish-job.ts`, how long it is kept in
 * `retention.ts`, the replay in `replay.ts`.
 */
import {
  type Recording,
  type RecordingSettings,
  recordingStatusGroups,
  type UpdateRecordingSettingsRequest,
} from '@serambi/shared';
import { and, asc, eq } from 'drizzle-orm';
import { communities } from '../communities/schema.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { series } from '../series/schema.ts';
import { type SessionRow, sessions } from '../sessions/schema.ts';
import type { RecordingDeps } from './deps.ts';
import { type RecordingRow, recordings } from './schema.ts';
import { recordingKeys } from './store.ts';

const ACTIVE = [...recordingStatusGroups.active];

export async function sessionRecordings(db: Database, sessionId: string): Promise<RecordingRow[]> {
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
