import type { PinnedMaterial, RoomSnapshot } from '@serambi/shared';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { jsonOfRow, rowFromJson } from '../db/json-row.ts';
import { recordAudit } from '../room/caller.ts';
import { changeRoom } from '../room/events.ts';
import type { SnapshotPart } from '../room/parts.ts';
import { authorizeInRoom } from '../room/rules.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import type { MaterialDeps } from './deps.ts';
import { materialRules } from './rules.ts';
import { type MaterialRow, materials } from './schema.ts';
import { materialNotFound } from './service.ts';

export function toPinnedMaterial(row: MaterialRow): PinnedMaterial | null {
  if (!row.pinnedAt) return null;
  return { id: row.id, name: row.name, kind: row.kind, sizeBytes: row.sizeBytes, pinnedAt: row.pinnedAt.toISOString() };
}

async function pinnedRow(db: Database | Tx, sessionId: string): Promise<MaterialRow | undefined> {
  const [row] = await db
    .select()
    .from(materials)
    .where(and(eq(materials.sessionId, sessionId), isNotNull(materials.pinnedAt)));
  return row;
}

/**
 * A moderator pins one of the session's files for everyone in the room ("Materials available",
 * with its download), or unpins it (`materialId: null`); pinning another replaces it. Writes the
 * pin, records the audit entry and announces `session.material`, in that order.
 */
export async function pinMaterial(
  deps: MaterialDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  materialId: string | null,
): Promise<PinnedMaterial | null> {
  authorizeInRoom(materialRules, 'pin', moderator);
  let pinned: PinnedMaterial | null = null;
  await changeRoom(deps.room, session.id, async (tx) => {
    const current = await pinnedRow(tx, session.id);
    const at = deps.now();
    if (materialId === null) {
      if (!current) return [];
      await tx.update(materials).set({ pinnedAt: null }).where(eq(materials.id, current.id));
      await recordAudit(tx, {
        sessionId: session.id,
        at,
        action: 'material_unpin',
        actor: moderator,
        detail: { name: current.name },
      });
      return [{ type: 'session.material', data: { pinned: null } }];
    }
    if (current?.id === materialId) {
      pinned = toPinnedMaterial(current);
      return [];
    }
    if (current) await tx.update(materials).set({ pinnedAt: null }).where(eq(materials.id, current.id));
    const [row] = await tx
      .update(materials)
      .set({ pinnedAt: at })
      .where(and(eq(materials.id, materialId), eq(materials.sessionId, session.id)))
      .returning();
    if (!row) throw materialNotFound();
    pinned = toPinnedMaterial(row);
    await recordAudit(tx, {
      sessionId: session.id,
      at,
      action: 'material_pin',
      actor: moderator,
      detail: { name: row.name },
    });
    return [{ type: 'session.material', data: { pinned } }];
  });
  return pinned;
}

/**
 * Materials' part of room snapshots: the pinned file, so someone who joins late sees the notice
 * too. The same for everyone, read with the other parts' fresh rows (one query on the join path).
 */
export function materialsSnapshotPart(db: Database): SnapshotPart<Pick<RoomSnapshot, 'pinnedMaterial'>> {
  return {
    async forModerator(_room, _caller, session) {
      const row = await pinnedRow(db, session.id);
      return { pinnedMaterial: row ? toPinnedMaterial(row) : null };
    },
    async forAudience(_room, _caller, _session, fresh) {
      const row = (await fresh).find((r) => r.kind === 'pinned');
      return { pinnedMaterial: row ? toPinnedMaterial(rowFromJson(materials, row.data)) : null };
    },
    freshRows: ({ sessionId }) => ({
      pinned: {
        from: materials,
        id: sql<string>`${materials.id}`,
        data: jsonOfRow(materials),
        where: and(eq(materials.sessionId, sessionId), isNotNull(materials.pinnedAt)),
      },
    }),
  };
}
