/**
 * How long recordings are kept: the date a finished one is deleted (its community's retention),
 * the housekeeping that deletes them and closes recordings whose instance went quiet, and
 * changing the retention.
 */
import { recordingStatusGroups } from '@serambi/shared';
import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { communities } from '../communities/schema.ts';
import type { Database } from '../db/client.ts';
import { sessions } from '../sessions/schema.ts';
import type { RecordingDeps } from './deps.ts';
import { endCapture, STALE_HEARTBEAT_MS } from './lifecycle.ts';
import { type RecordingRow, recordings } from './schema.ts';
import { recordingKeys } from './store.ts';

const ACTIVE = [...recordingStatusGroups.active];

/** When a recording finished now is deleted: its start plus its community's retention, or never. */
export async function expiryOf(db: Database, row: Pick<RecordingRow, 'sessionId' | 'startedAt'>): Promise<Date | null> {
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
