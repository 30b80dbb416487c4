import type { BreakoutState, BreakoutTable } from '@serambi/shared';
import { and, asc, count, desc, eq, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { namesIn } from '../room/participants.ts';
import { isTeam, type RoomCaller } from '../room/rules.ts';
import {
  type BreakoutRow,
  type BreakoutTableRow,
  breakoutHelp,
  breakoutPlacements,
  breakouts,
  breakoutTables,
} from './schema.ts';

/**
 * The breakout state of a session as the snapshot and every breakout endpoint show it: the
 * opening whose rooms are still open (open now, or ended within the grace), its tables with their
 * counts, the caller's place, and for the team everyone's place and the calls for help.
 */

/** The opening whose table rooms are not closed yet (at most one: a new one opens after the end). */
export async function currentBreakout(db: Database | Tx, sessionId: string): Promise<BreakoutRow | undefined> {
  const [row] = await db
    .select()
    .from(breakouts)
    .where(and(eq(breakouts.sessionId, sessionId), isNull(breakouts.roomsClosedAt)))
    .orderBy(desc(breakouts.openedAt))
    .limit(1);
  return row;
}

export async function tablesOf(db: Database | Tx, breakoutId: string): Promise<BreakoutTableRow[]> {
  return db
    .select()
    .from(breakoutTables)
    .where(eq(breakoutTables.breakoutId, breakoutId))
    .orderBy(asc(breakoutTables.number));
}

/** Placed people by table. */
export async function countsOf(db: Database | Tx, breakoutId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ tableId: breakoutPlacements.tableId, n: count() })
    .from(breakoutPlacements)
    .where(eq(breakoutPlacements.breakoutId, breakoutId))
    .groupBy(breakoutPlacements.tableId);
  return new Map(rows.map((r) => [r.tableId, r.n]));
}

/** What everyone sees alike of an opening: itself and its tables with their counts. */
export interface SharedBreakoutView {
  row: BreakoutRow;
  tables: BreakoutTable[];
}

export async function sharedViewOf(db: Database | Tx, row: BreakoutRow): Promise<SharedBreakoutView> {
  const [tables, counts] = await Promise.all([tablesOf(db, row.id), countsOf(db, row.id)]);
  return {
    row,
    tables: tables.map((t) => ({
      id: t.id,
      number: t.number,
      name: t.name,
      topic: t.topic,
      count: counts.get(t.id) ?? 0,
    })),
  };
}

/** The state of a shared view for a participant at `myTableId`. */
export function participantState(view: SharedBreakoutView, myTableId: string | null): BreakoutState {
  const { row } = view;
  return {
    id: row.id,
    status: row.status,
    assignment: row.assignment,
    sizeLimit: row.sizeLimit,
    mainStage: row.mainStage,
    openedAt: row.openedAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    warnedAt: row.warnedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    tables: view.tables,
    myTableId: row.status === 'open' ? myTableId : null,
    placements: [],
    help: [],
  };
}

/** The whole state: everyone's place (with names) and the open calls for help. */
export async function teamState(db: Database | Tx, view: SharedBreakoutView): Promise<BreakoutState> {
  const { row } = view;
  const [placements, help] = await Promise.all([
    db
      .select({ identity: breakoutPlacements.identity, tableId: breakoutPlacements.tableId })
      .from(breakoutPlacements)
      .where(eq(breakoutPlacements.breakoutId, row.id))
      .orderBy(asc(breakoutPlacements.placedAt), asc(breakoutPlacements.identity)),
    db
      .select()
      .from(breakoutHelp)
      .where(and(eq(breakoutHelp.breakoutId, row.id), isNull(breakoutHelp.answeredAt)))
      .orderBy(asc(breakoutHelp.askedAt)),
  ]);
  const names = await namesIn(
    db,
    row.sessionId,
    placements.map((p) => p.identity),
  );
  return {
    ...participantState(view, null),
    placements: placements.map((p) => ({ ...p, name: names.get(p.identity) ?? p.identity })),
    help: help.map((h) => ({
      id: h.id,
      tableId: h.tableId,
      identity: h.identity,
      name: h.name,
      note: h.note,
      askedAt: h.askedAt.toISOString(),
    })),
  };
}

/** The caller's place in an opening (null: the main room). */
export async function placeOf(db: Database | Tx, breakoutId: string, identity: string): Promise<string | null> {
  const [row] = await db
    .select({ tableId: breakoutPlacements.tableId })
    .from(breakoutPlacements)
    .where(and(eq(breakoutPlacements.breakoutId, breakoutId), eq(breakoutPlacements.identity, identity)));
  return row?.tableId ?? null;
}

/** The state of the session's current opening as `caller` may see it; null when there is none. */
export async function breakoutStateFor(
  db: Database | Tx,
  sessionId: string,
  caller: RoomCaller,
): Promise<BreakoutState | null> {
  const row = await currentBreakout(db, sessionId);
  if (!row) return null;
  const view = await sharedViewOf(db, row);
  if (isTeam(caller)) return teamState(db, view);
  return participantState(view, await placeOf(db, row.id, caller.identity));
}

/**
 * The periods of breakout tables in a session, from opening to end, with the number of tables as
 * their text: the chapters they make of the main room's recording (it shows the main room only).
 */
export async function breakoutPeriods(
  db: Database,
  sessionId: string,
): Promise<{ startedAt: Date; endedAt: Date | null; text: string }[]> {
  const rows = await db
    .select({ startedAt: breakouts.openedAt, endedAt: breakouts.endedAt, tables: count(breakoutTables.id) })
    .from(breakouts)
    .leftJoin(breakoutTables, eq(breakoutTables.breakoutId, breakouts.id))
    .where(eq(breakouts.sessionId, sessionId))
    .groupBy(breakouts.id)
    .orderBy(asc(breakouts.openedAt));
  return rows.map((r) => ({ startedAt: r.startedAt, endedAt: r.endedAt, text: String(r.tables) }));
}
