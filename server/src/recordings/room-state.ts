import { type RoomRecording, type RoomSnapshot, recordingStatusGroups } from '@serambi/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { jsonOfRow, rowFromJson } from '../db/json-row.ts';
import type { SnapshotPart } from '../room/parts.ts';
import { series } from '../series/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { toLiveStream } from './live-stream/state.ts';
import { liveStreams, type RecordingRow, recordings } from './schema.ts';

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
  return recordingStateOf(session, row, session.status === 'ended' ? false : await recordsAutomatically(db, session));
}

function recordingStateOf(
  session: SessionRow,
  row: RecordingRow | undefined,
  seriesRecordsAutomatically: boolean,
): { recording: RoomRecording | null; recordingNotice: boolean } {
  const recording = row ? toRoomRecording(row) : null;
  const automatic = session.status !== 'ended' && (session.autoRecord || seriesRecordsAutomatically);
  return { recording, recordingNotice: recording !== null || automatic };
}

/**
 * Recording's part of room snapshots: the same for everyone, but no version covers the series'
 * setting, so it is read for each caller: a moderator's in one query (or two for a series), the
 * audience's with the other parts' fresh rows.
 */
export function recordingSnapshotPart(
  db: Database,
): SnapshotPart<Pick<RoomSnapshot, 'recording' | 'recordingNotice' | 'liveStream'>> {
  return {
    // The live stream is the team's: read for moderators only, beside the recording.
    forModerator: async (_room, _caller, session) => {
      const [recording, [stream]] = await Promise.all([
        roomRecordingState(db, session),
        db.select().from(liveStreams).where(eq(liveStreams.sessionId, session.id)),
      ]);
      return { ...recording, liveStream: toLiveStream(stream, new Date()) };
    },
    async forAudience(_room, _caller, session, fresh) {
      const rows = await fresh;
      const active = rows.find((row) => row.kind === 'active');
      return {
        ...recordingStateOf(
          session,
          active ? rowFromJson(recordings, active.data) : undefined,
          rows.some((row) => row.kind === 'seriesAutoRecord'),
        ),
        liveStream: null,
      };
    },
    freshRows: ({ sessionId, seriesId }) => ({
      active: {
        from: recordings,
        id: sql<string>`${recordings.id}`,
        data: jsonOfRow(recordings),
        where: and(eq(recordings.sessionId, sessionId), inArray(recordings.status, ACTIVE)),
      },
      // A row when the session's series records by itself.
      seriesAutoRecord: {
        from: series,
        id: sql<string>`${series.id}`,
        data: sql`null::jsonb`,
        where: and(eq(series.id, seriesId), eq(series.autoRecord, true)),
      },
    }),
  };
}
