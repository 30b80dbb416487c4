import { egressStatusName } from '../livekit/gateway.ts';
import type { LiveKitEvents } from '../livekit/webhook-routes.ts';
import type { RecordingDeps } from './deps.ts';
import { applyEgressReport } from './service.ts';

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
