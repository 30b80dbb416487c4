import { and, eq, inArray } from 'drizzle-orm';
import { egressStatusName } from '../livekit/gateway.ts';
import type { LiveKitEvents } from '../livekit/webhook-routes.ts';
import type { RecordingDeps } from './deps.ts';
import { endCapture, markRecording } from './lifecycle.ts';
import { expiryOf } from './retention.ts';
import { recordings } from './schema.ts';
import { recordingKeys } from './store.ts';

/**
 * LiveKit Egress reports through webhooks (egress_started, egress_updated, egress_ended): each
 * moves the recording it names along. Returns the unsubscribe function.
 */
export function watchEgress(deps: RecordingDeps, events: LiveKitEvents): () => void {
  const unsubscribe = (['egress_started', 'egress_updated', 'egress_ended'] as const).map((name) =>
    events.on(name, async (event) => {
      const info = event.egressInfo;
      if (!info?.egressId) return;
      const file = info.fileResults[0];
      await applyEgressReport(deps, {
        egressId: info.egressId,
        status: egressStatusName(info.status),
        error: info.error,
        // LiveKit reports nanoseconds and bytes as bigints.
        file: file ? { durationMs: Number(file.duration / 1_000_000n), sizeBytes: Number(file.size) } : undefined,
      });
    }),
  );
  return () => {
    for (const off of unsubscribe) off();
  };
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
