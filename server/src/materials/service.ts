/**
 * A session's materials: who sees which (the replay access outside the room, everyone let in
 * inside it), deleting one, the file a signed address names, and the community's total.
 */
import type { Material, MaterialUsage, SessionMaterials } from '@serambi/shared';
import { and, asc, eq, sum } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { changeRoom } from '../room/events.ts';
import { authorizeInRoom } from '../room/rules.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import { type ReplayViewer, refusedReplayState } from '../sessions/replay-access.ts';
import type { SessionViewer } from '../sessions/rules.ts';
import type { SessionRow } from '../sessions/schema.ts';
import type { MaterialDeps } from './deps.ts';
import { authorizeManaging, managesInRoom, materialRules, mayDownloadMaterials, mayManageMaterials } from './rules.ts';
import { type MaterialRow, materials } from './schema.ts';

/** What the community's materials take together, in bytes. */
export async function communityUsage(db: Database | Tx, communityId: string): Promise<number> {
  const [row] = await db
    .select({ used: sum(materials.sizeBytes).mapWith(Number) })
    .from(materials)
    .where(eq(materials.communityId, communityId));
  return row?.used ?? 0;
}

export async function materialUsage(deps: MaterialDeps, communityId: string): Promise<MaterialUsage> {
  return {
    usedBytes: await communityUsage(deps.db, communityId),
    limitBytes: deps.config.communityQuotaBytes,
    maxFileBytes: deps.config.maxFileBytes,
  };
}

export function toMaterial(deps: Pick<MaterialDeps, 'links'>, row: MaterialRow, now: Date): Material {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    sizeBytes: row.sizeBytes,
    uploadedAt: row.createdAt.toISOString(),
    uploadedBy: row.uploadedByName,
    pinned: row.pinnedAt !== null,
    downloadUrl: deps.links.url(row.id, now),
  };
}

function sessionRows(db: Database, sessionId: string): Promise<MaterialRow[]> {
  return db.select().from(materials).where(eq(materials.sessionId, sessionId)).orderBy(asc(materials.createdAt));
}

async function available(deps: MaterialDeps, session: SessionRow, manage: boolean): Promise<SessionMaterials> {
  const now = deps.now();
  return {
    state: 'available',
    materials: (await sessionRows(deps.db, session.id)).map((row) => toMaterial(deps, row, now)),
    canManage: manage,
    usage: manage ? await materialUsage(deps, session.communityId) : null,
  };
}

/**
 * The materials for someone outside the room (signed in, or holding a personal link): the
 * session's replay access decides, and an organizer, speaker or moderator also sees the total.
 */
export async function materialsFor(
  deps: MaterialDeps,
  session: SessionRow,
  viewer: ReplayViewer,
  sessionViewer: SessionViewer | null,
): Promise<SessionMaterials> {
  if (!mayDownloadMaterials(session.replayAccess, viewer)) {
    return { state: refusedReplayState(session.replayAccess, viewer), materials: [], canManage: false, usage: null };
  }
  return available(deps, session, sessionViewer !== null && mayManageMaterials(sessionViewer));
}

/** The materials for someone let in the room: everyone there may download them. */
export async function materialsInRoom(
  deps: MaterialDeps,
  session: SessionRow,
  me: RoomParticipantRow,
): Promise<SessionMaterials> {
  authorizeInRoom(materialRules, 'list', me);
  return available(deps, session, managesInRoom(me));
}

/** Deletes a file and its bytes; if it was pinned, the room hears it is not any more. */
export async function deleteMaterial(
  deps: MaterialDeps,
  session: SessionRow,
  viewer: SessionViewer,
  materialId: string,
): Promise<void> {
  authorizeManaging(viewer);
  let removed: MaterialRow | undefined;
  await changeRoom(deps.room, session.id, async (tx) => {
    [removed] = await tx
      .delete(materials)
      .where(and(eq(materials.id, materialId), eq(materials.sessionId, session.id)))
      .returning();
    return removed?.pinnedAt ? [{ type: 'session.material', data: { pinned: null } }] : [];
  });
  if (!removed) throw materialNotFound();
  await deps.store.remove(removed.storageKey);
}

/** The file a signed download address names, if the address holds and the file is still there. */
export async function materialFile(
  deps: MaterialDeps,
  materialId: string,
  token: string | undefined,
): Promise<{ row: MaterialRow; size: number }> {
  if (!deps.links.check(materialId, token, deps.now())) {
    throw new AppError(403, 'material_link', 'problems.materialLink');
  }
  const [row] = await deps.db.select().from(materials).where(eq(materials.id, materialId));
  const size = row ? await deps.store.size(row.storageKey) : null;
  if (!row || size === null) throw materialNotFound();
  return { row, size };
}

export function materialNotFound(): AppError {
  return new AppError(404, 'material_not_found', 'problems.materialNotFound');
}
