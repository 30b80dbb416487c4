import type { LiveStream } from '@serambi/shared';
import type { LiveStreamRow } from '../schema.ts';

/** The stream as the team sees it (no row yet: stopped, no destination). */
export function toLiveStream(row: LiveStreamRow | undefined, at: Date): LiveStream {
  const hasDestination = Boolean(row?.address && row.keyCiphertext);
  return {
    state: row?.state ?? 'stopped',
    reason: row?.reason ?? null,
    retryInSeconds: row?.state === 'retrying' ? (row.retryInSeconds ?? null) : null,
    since: (row?.stateAt ?? at).toISOString(),
    destinationHost: hasDestination && row?.address ? new URL(row.address).host : null,
    keyEnding: hasDestination ? (row?.keyEnding ?? '') : null,
  };
}
