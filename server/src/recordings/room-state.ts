import { type RoomRecording, type RoomSnapshot, recordingStatusGroups } from '@serambi/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import type { SnapshotPart } from '../room/parts.ts';
import { series } from '../series/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { type RecordingRow, recordings } from './schema.ts';

const ACTIVE = [...recordingStatusGroups.active];

/** The session's recording that is starting, running or stopping (at most one: a unique index). */
export async function activeRecording(db: Database | Tx, sessionId: string): Promise<RecordingRow | undefined> {
  const [row] = await db
    .select()
    .from(recordings)
    .where(and(eq(recordings.sessionId, sessionId), inArray(recordings.status, ACTIVE)));
  return row;
}

export function toRoomRecording(row: RecordingRow): RoomRecording | null {
  if (!(ACTIVE as string[]).includes(row.status)) return null;
  return {
    id: row.id,
    status: row.status as RoomRecording['status'],
    startedAt: (row.mediaStartedAt ?? row.startedAt).toISOString(),
  };
}

/** Whether the session records by itself when it goes live (its own setting or its series'). */
export async function recordsAutomatically(db: Database | Tx, session: SessionRow): Promise<boolean> {
  if (session.autoRecord) return true;
  if (!session.seriesId) return false;
  const [row] = await db.select({ autoRecord: series.autoRecord }).from(series).where(eq(series.id, session.seriesId));
  return row?.autoRecord ?? false;
}

/** What the room shows about recording: the red dot, and the notice people see before entering. */
export async function roomRecordingState(
  db: Database,
  session: SessionRow,
): Promise<{ recording: RoomRecording | null; recordingNotice: boolean }> {
  const row = await activeRecording(db, session.id);
  const recording = row ? toRoomRecording(row) : null;
  const automatic = session.status === 'ended' ? false : await recordsAutomatically(db, session);
  return { recording, recordingNotice: recording !== null || automatic };
}

/** Recording's part of room snapshots: the same for everyone, read for each caller (one query, or two for a series). */
export function recordingSnapshotPart(db: Database): SnapshotPart<Pick<RoomSnapshot, 'recording' | 'recordingNotice'>> {
  return {
    forModerator: (_room, _caller, session) => roomRecordingState(db, session),
    forAudience: (_room, _caller, session) => roomRecordingState(db, session),
  };
}
