import { eq } from 'drizzle-orm';
import type { JobHandler } from '../jobs/runner.ts';
import type { RecordingDeps } from './deps.ts';
import { finishCapture } from './finish.ts';
import { expiryOf } from './retention.ts';
import { recordings } from './schema.ts';
import { recordingKeys } from './store.ts';

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
