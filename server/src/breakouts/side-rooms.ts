import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { roomOfName, tableRoomName } from '../room/events.ts';
import type { SideRooms } from '../room/parts.ts';
import { isTeam } from '../room/rules.ts';
import { breakoutPlacements, breakouts, breakoutTables } from './schema.ts';
import { currentBreakout, placeOf } from './state.ts';

/** How long a read of a session's open tables is reused: another instance's opening is seen within it. */
const KEPT_MS = 1_000;

/**
 * Breakout tables as the room core's side rooms (docs/breakouts.md): events go to every table
 * whose room is not closed; a connection to a table stays when it is the participant's own table
 * (or someone of the team's visit), with camera and microphone.
 */
export function breakoutSideRooms(db: Database, now: () => number = Date.now): SideRooms {
  const kept = new Map<string, { rooms: Promise<string[]>; until: number }>();
  const read = async (sessionId: string) => {
    const rows = await db
      .select({ id: breakoutTables.id })
      .from(breakoutTables)
      .innerJoin(breakouts, eq(breakouts.id, breakoutTables.breakoutId))
      .where(and(eq(breakouts.sessionId, sessionId), isNull(breakouts.roomsClosedAt)));
    return rows.map((r) => tableRoomName(sessionId, r.id));
  };
  return {
    openRooms(sessionId) {
      const held = kept.get(sessionId);
      if (held && held.until > now()) return held.rooms;
      const rooms = read(sessionId);
      kept.set(sessionId, { rooms, until: now() + KEPT_MS });
      rooms.catch(() => kept.delete(sessionId));
      if (kept.size > 500) kept.delete(kept.keys().next().value as string);
      return rooms;
    },
    changed(sessionId) {
      kept.delete(sessionId);
    },
    async accessIn(roomName, person) {
      const { sessionId, tableId } = roomOfName(roomName);
      if (!tableId) return null;
      const row = await currentBreakout(db, sessionId);
      if (row?.status !== 'open') return null;
      if (isTeam(person)) {
        const [table] = await db
          .select({ id: breakoutTables.id })
          .from(breakoutTables)
          .where(and(eq(breakoutTables.id, tableId), eq(breakoutTables.breakoutId, row.id)));
        return table ? 'table' : null;
      }
      return (await placeOf(db, row.id, person.identity)) === tableId ? 'table' : null;
    },
    async roomOf(sessionId, identity) {
      const [placed] = await db
        .select({ tableId: breakoutPlacements.tableId })
        .from(breakoutPlacements)
        .innerJoin(breakouts, eq(breakouts.id, breakoutPlacements.breakoutId))
        .where(
          and(
            eq(breakoutPlacements.sessionId, sessionId),
            eq(breakoutPlacements.identity, identity),
            eq(breakouts.status, 'open'),
          ),
        );
      return placed ? tableRoomName(sessionId, placed.tableId) : null;
    },
  };
}
