import type { RoomSnapshot } from '@serambi/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import type { SnapshotPart } from '../room/parts.ts';
import { createVersionedViews } from '../room/versioned-views.ts';
import { breakoutPlacements } from './schema.ts';
import { breakoutStateFor, currentBreakout, participantState, sharedViewOf } from './state.ts';

/**
 * Breakouts' part of room snapshots: the opening and its tables with their counts are read once
 * per session version and shared (every placement bumps the version); the caller's place comes
 * with the other parts' fresh rows. The team reads everyone's place and the calls for help.
 */
export function breakoutsSnapshotPart(db: Database): SnapshotPart<Pick<RoomSnapshot, 'breakouts'>> {
  const sharedView = createVersionedViews(async (room) => {
    const row = await currentBreakout(db, room.sessionId);
    return { version: room.version, view: row ? await sharedViewOf(db, row) : null };
  });
  return {
    async forModerator(room, caller) {
      return { breakouts: await breakoutStateFor(db, room.sessionId, caller) };
    },
    async forAudience(room, caller, _session, fresh) {
      if (caller.role !== 'participant') return { breakouts: await breakoutStateFor(db, room.sessionId, caller) };
      const [{ view }, places] = await Promise.all([sharedView(room), fresh]);
      if (!view) return { breakouts: null };
      const mine = places.find((place) => place.data === view.row.id);
      return { breakouts: participantState(view, mine?.id ?? null) };
    },
    freshRows: ({ sessionId, identity }) => ({
      places: {
        from: breakoutPlacements,
        id: sql<string>`${breakoutPlacements.tableId}`,
        data: sql`to_jsonb(${breakoutPlacements.breakoutId})`,
        where: and(eq(breakoutPlacements.sessionId, sessionId), eq(breakoutPlacements.identity, identity)),
      },
    }),
  };
}
