import type { BreakoutEvent, BreakoutHelp, BreakoutState, BreakoutTable, RoomSnapshot } from '@serambi/shared';

/**
 * Folds one `breakout.*` event into a snapshot (a draft). Placements carry no names and no
 * counts: the client moves on its own placement here, and the counts and the team's list of
 * names come with the next snapshot (see `needsSnapshotAfter`).
 */
export function applyBreakoutEvent(snapshot: RoomSnapshot, event: BreakoutEvent): void {
  const me = snapshot.me.identity;
  if (event.type === 'breakout.opened') {
    snapshot.breakouts = {
      ...event.data,
      status: 'open',
      warnedAt: null,
      endedAt: null,
      tables: event.data.tables.map((table) => ({ ...table, count: 0 })),
      myTableId: null,
      placements: [],
      help: [],
    };
    return;
  }
  const breakouts = snapshot.breakouts;
  // An event of tables this client never saw opened: the snapshot it fetches on the gap says.
  if (!breakouts || breakouts.id !== event.data.id) return;
  switch (event.type) {
    case 'breakout.placed':
      for (const placement of event.data.placements) {
        const known = breakouts.placements.find((placed) => placed.identity === placement.identity);
        const before = known ? known.tableId : placement.identity === me ? breakouts.myTableId : undefined;
        if (before !== undefined) countAt(breakouts, before, -1);
        countAt(breakouts, placement.tableId, +1);
        if (known) known.tableId = placement.tableId;
        if (placement.identity === me) breakouts.myTableId = placement.tableId;
      }
      break;
    case 'breakout.extended':
      breakouts.endsAt = event.data.endsAt;
      // The server warns again a minute before the new end.
      breakouts.warnedAt = null;
      break;
    case 'breakout.warning':
      breakouts.endsAt = event.data.endsAt;
      breakouts.warnedAt = event.at;
      break;
    case 'breakout.message':
      // Nothing to remember: every table shows it as it comes (create-breakout-moves.ts).
      break;
    case 'breakout.ended':
      breakouts.status = 'ended';
      breakouts.endedAt = event.data.endedAt;
      breakouts.myTableId = null;
      breakouts.help = [];
      break;
  }
}

function countAt(breakouts: BreakoutState, tableId: string | null, change: number) {
  const table = tableId === null ? undefined : breakouts.tables.find((candidate) => candidate.id === tableId);
  if (table) table.count = Math.max(0, table.count + change);
}

/**
 * After a `breakout.placed`, whether this viewer should read the room again: the team for the
 * names of who sits where, and someone still choosing for the tables' counts (what a placement
 * of somebody unknown to this client changed is only in the snapshot).
 */
export function needsSnapshotAfter(snapshot: RoomSnapshot, event: BreakoutEvent, isTeam: boolean): boolean {
  const breakouts = snapshot.breakouts;
  if (event.type !== 'breakout.placed' || !breakouts || breakouts.status !== 'open') return false;
  if (isTeam) return true;
  return breakouts.assignment === 'choose' && breakouts.myTableId === null;
}

/** A call for help, as the direct event brings it (an upsert by its id). */
export function upsertBreakoutHelp(snapshot: RoomSnapshot, help: BreakoutHelp): void {
  const breakouts = snapshot.breakouts;
  if (breakouts?.status !== 'open') return;
  breakouts.help = [...breakouts.help.filter((call) => call.id !== help.id), help];
}

/** Where this viewer should be connected now: a table's id, or null for the main room. */
export function tableToBeAt(breakouts: BreakoutState | null | undefined, visiting: string | null): string | null {
  if (breakouts?.status !== 'open') return null;
  if (visiting && breakouts.tables.some((table) => table.id === visiting)) return visiting;
  return breakouts.myTableId;
}

/** Tables open now (not ended). */
export const openBreakouts = (snapshot: RoomSnapshot | undefined) =>
  snapshot?.breakouts?.status === 'open' ? snapshot.breakouts : undefined;

export const tableById = (breakouts: BreakoutState, tableId: string | null): BreakoutTable | undefined =>
  tableId === null ? undefined : breakouts.tables.find((table) => table.id === tableId);

/** Whole seconds from `now` until `endsAt`, never below zero. */
export function secondsUntil(endsAt: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(endsAt) - now) / 1000));
}

/** A countdown as people read it: "4:05", "0:59". */
export function countdownText(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
