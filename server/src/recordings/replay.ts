/** Everyone's side of recordings: the replay of a session, its chapters, and the file a signed address names. */
import type { Chapter, Replay } from '@serambi/shared';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type SessionRow, sessions } from '../sessions/schema.ts';
import type { RecordingDeps } from './deps.ts';
import { mayDownload, mayWatch, type ReplayViewer, refusedReplayState } from './rules.ts';
import { type RecordingRow, recordings } from './schema.ts';
import { sessionRecordings } from './service.ts';

/**
 * What happened in a session that makes a chapter of its recordings, in order (given where the
 * app is composed: Q&A's questions pinned as "now answering", breakouts' periods of tables, whose
 * title the replay page writes in the viewer's language).
 */
export type ChapterMarks = (db: Database, sessionId: string) => Promise<ChapterMark[]>;
export interface ChapterMark {
  kind: Chapter['kind'];
  questionId: string | null;
  startedAt: Date;
  endedAt: Date | null;
  text: string;
}

export async function replayOf(
  deps: RecordingDeps,
  session: SessionRow,
  viewer: ReplayViewer,
  chapterMarks: ChapterMarks,
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
  const chapters = chaptersOf(await chapterMarks(deps.db, session.id), watchable);
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
 * Every question pinned as "now answering", and every period of breakout tables, while a
 * recording ran becomes a chapter of it, at the second it began (one from before the start opens
 * the recording at 0).
 */
export function chaptersOf(pins: ChapterMark[], rows: RecordingRow[]): Map<string, Chapter[]> {
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
      chapters.push({ at: Math.round(at * 10) / 10, kind: pin.kind, title: pin.text, questionId: pin.questionId });
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
