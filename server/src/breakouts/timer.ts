import { eq } from 'drizzle-orm';
import type { JobHandler } from '../jobs/runner.ts';
import type { RoomDeps } from '../room/deps.ts';
import { changeRoom, tableRoomName } from '../room/events.ts';
import type { BreakoutTimer } from './job-schemas.ts';
import { breakouts } from './schema.ts';
import { endBreakoutsIn, tableIdsOf } from './service.ts';

/**
 * The jobs of breakout tables' timer (docs/breakouts.md#time), run by the jobs runner on the
 * app's clock: they survive a restart, and with two instances only one runs each. A job whose
 * `endsAt` is not the opening's any more (it was extended) does nothing.
 */

async function openingOf(deps: RoomDeps, breakoutId: string) {
  const [row] = await deps.db.select().from(breakouts).where(eq(breakouts.id, breakoutId));
  return row;
}

/** One minute before the end: `breakout.warning`, once per end time. */
export function breakoutWarnHandler(deps: RoomDeps): JobHandler<BreakoutTimer> {
  return async ({ breakoutId, endsAt }) => {
    const found = await openingOf(deps, breakoutId);
    if (!found) return;
    await changeRoom(deps, found.sessionId, async (tx) => {
      const [row] = await tx.select().from(breakouts).where(eq(breakouts.id, breakoutId));
      if (row?.status !== 'open' || row.warnedAt || row.endsAt.toISOString() !== endsAt) return [];
      await tx.update(breakouts).set({ warnedAt: deps.now() }).where(eq(breakouts.id, row.id));
      return [{ type: 'breakout.warning', data: { id: row.id, endsAt } }];
    });
  };
}

/** The time is up: everyone back (`breakout.ended`, reason `timer`). */
export function breakoutEndHandler(deps: RoomDeps): JobHandler<BreakoutTimer> {
  return async ({ breakoutId, endsAt }) => {
    const found = await openingOf(deps, breakoutId);
    if (!found) return;
    await changeRoom(deps, found.sessionId, async (tx) => {
      const [row] = await tx.select().from(breakouts).where(eq(breakouts.id, breakoutId));
      if (!row || row.endsAt.toISOString() !== endsAt) return [];
      return endBreakoutsIn(tx, row, 'timer', deps.now());
    });
  };
}

/** The grace is over: the table rooms close (whoever is still in one is disconnected). */
export function breakoutCloseRoomsHandler(deps: RoomDeps): JobHandler<{ breakoutId: string }> {
  return async ({ breakoutId }) => {
    const row = await openingOf(deps, breakoutId);
    if (!row) return;
    // Everything announced so far reaches the tables before they close.
    await deps.broadcaster.flushed(row.sessionId);
    const tables = await tableIdsOf(deps.db, [row.id]);
    await Promise.all(tables.map((id) => deps.livekit.deleteRoom(tableRoomName(row.sessionId, id))));
    if (!row.roomsClosedAt)
      await deps.db.update(breakouts).set({ roomsClosedAt: deps.now() }).where(eq(breakouts.id, row.id));
    deps.parts.sideRooms.changed(row.sessionId);
  };
}
