import {
  BREAKOUT_ROOM_GRACE_SECONDS,
  BREAKOUT_WARNING_SECONDS,
  type BreakoutEndReason,
  type BreakoutPlacement,
  type BreakoutState,
  type openBreakoutsRequestSchema,
} from '@serambi/shared';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Tx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { enqueueJob } from '../jobs/service.ts';
import { participantIn } from '../room/caller.ts';
import type { RoomDeps } from '../room/deps.ts';
import { changeRoom, type EventDraft, tableRoomName } from '../room/events.ts';
import { connectedAudience, seatableParticipants } from '../room/participants.ts';
import { authorizeInRoom } from '../room/rules.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { breakoutRules, checkRoomAt, spreadEvenly } from './rules.ts';
import { type BreakoutRow, breakoutHelp, breakoutPlacements, breakouts, breakoutTables } from './schema.ts';
import { breakoutStateFor, countsOf, currentBreakout, placeOf, tablesOf } from './state.ts';

/**
 * What breakout tables do (docs/breakouts.md): each function authorizes on its first line, then
 * under the room's lock writes, queues the jobs of the timer in the same transaction, and returns
 * the events its change announces (broadcast once it committed); LiveKit is told afterwards
 * (someone moved away is removed from the old table's room).
 */

/** An opening as its route parsed it (defaults filled). */
export type OpenBreakouts = z.output<typeof openBreakoutsRequestSchema>;

/** People per `breakout.placed` event: a packet stays far below LiveKit's size limit. */
const PLACEMENTS_PER_EVENT = 100;

const iso = (d: Date) => d.toISOString();

/** The open opening, read under the room's lock; 409 when none is open. */
async function openBreakoutOf(tx: Tx, sessionId: string): Promise<BreakoutRow> {
  const row = await currentBreakout(tx, sessionId);
  if (row?.status !== 'open') throw new AppError(409, 'breakout_not_open', 'problems.breakoutNotOpen');
  return row;
}

/** Announces placements, a hundred per event. */
function placedEvents(breakoutId: string, placements: BreakoutPlacement[]): EventDraft[] {
  const events: EventDraft[] = [];
  for (let i = 0; i < placements.length; i += PLACEMENTS_PER_EVENT) {
    events.push({
      type: 'breakout.placed',
      data: { id: breakoutId, placements: placements.slice(i, i + PLACEMENTS_PER_EVENT) },
    });
  }
  return events;
}

/** Queues the warning and the end of an opening for its `endsAt` (an extension queues new ones). */
async function queueTimer(tx: Tx, row: Pick<BreakoutRow, 'id' | 'endsAt'>, now: Date) {
  const payload = { breakoutId: row.id, endsAt: iso(row.endsAt) };
  const warnAt = new Date(row.endsAt.getTime() - BREAKOUT_WARNING_SECONDS * 1000);
  if (warnAt > now) {
    await enqueueJob(tx as Database, {
      kind: 'breakouts-warn',
      payload,
      runAt: warnAt,
      dedupeKey: `breakouts-warn:${row.id}:${payload.endsAt}`,
    });
  }
  await enqueueJob(tx as Database, {
    kind: 'breakouts-end',
    payload,
    runAt: row.endsAt,
    dedupeKey: `breakouts-end:${row.id}:${payload.endsAt}`,
  });
}

/**
 * Opens tables: writes the opening, its tables and the first placements (random: everyone let in
 * connected to the stage now, evenly; manual: the ones given; choose: nobody), queues its warning
 * and its end, announces `breakout.opened` and then the placements.
 */
export async function openBreakouts(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  request: OpenBreakouts,
): Promise<BreakoutState> {
  authorizeInRoom(breakoutRules, 'open', moderator);
  if (session.status !== 'live') throw new AppError(409, 'breakout_not_live', 'problems.breakoutNotLive');
  if (request.assignment === 'manual') {
    for (const p of request.placements ?? []) {
      if (p.table > request.count) {
        throw new AppError(422, 'breakout_table_number', 'problems.breakoutTableNumber', {
          params: { table: p.table, count: request.count },
        });
      }
    }
  }
  await changeRoom(deps, session.id, async (tx) => {
    const now = deps.now();
    const current = await currentBreakout(tx, session.id);
    if (current?.status === 'open') throw new AppError(409, 'breakout_already_open', 'problems.breakoutAlreadyOpen');
    // The rooms of an opening still in its grace close now: one set of tables at a time.
    if (current) await tx.update(breakouts).set({ roomsClosedAt: now }).where(eq(breakouts.id, current.id));
    const [row] = await tx
      .insert(breakouts)
      .values({
        sessionId: session.id,
        assignment: request.assignment,
        sizeLimit: request.sizeLimit,
        mainStage: request.mainStage,
        openedBy: moderator.identity,
        openedAt: now,
        endsAt: new Date(now.getTime() + request.minutes * 60_000),
      })
      .returning();
    if (!row) throw new Error('breakout insert returned no row');
    const tables = await tx
      .insert(breakoutTables)
      .values(
        Array.from({ length: request.count }, (_, i) => ({
          breakoutId: row.id,
          number: i + 1,
          name: request.tables?.[i]?.name ?? null,
          topic: request.tables?.[i]?.topic ?? null,
        })),
      )
      .returning();
    tables.sort((a, b) => a.number - b.number);
    const placements = await firstPlacements(tx, session.id, request, tables.length);
    const rows = [...placements].map(([identity, index]) => ({
      breakoutId: row.id,
      sessionId: session.id,
      identity,
      tableId: (tables[index] as { id: string }).id,
      placedAt: now,
    }));
    if (rows.length > 0) await tx.insert(breakoutPlacements).values(rows);
    await queueTimer(tx, row, now);
    return [
      {
        type: 'breakout.opened',
        data: {
          id: row.id,
          assignment: row.assignment,
          sizeLimit: row.sizeLimit,
          mainStage: row.mainStage,
          openedAt: iso(row.openedAt),
          endsAt: iso(row.endsAt),
          tables: tables.map((t) => ({ id: t.id, number: t.number, name: t.name, topic: t.topic })),
        },
      },
      ...placedEvents(
        row.id,
        rows.map((r) => ({ identity: r.identity, tableId: r.tableId })),
      ),
    ];
  });
  deps.parts.sideRooms.changed(session.id);
  return (await breakoutStateFor(deps.db, session.id, moderator)) as BreakoutState;
}

/** Who sits where at the start, by table index. */
async function firstPlacements(
  tx: Tx,
  sessionId: string,
  request: OpenBreakouts,
  tableCount: number,
): Promise<Map<string, number>> {
  if (request.assignment === 'random') {
    const audience = await connectedAudience(tx, sessionId);
    return spreadEvenly(
      audience.map((p) => p.identity),
      tableCount,
      request.sizeLimit,
    );
  }
  if (request.assignment === 'choose') return new Map();
  const wanted = new Map((request.placements ?? []).map((p) => [p.identity, p.table - 1]));
  const seatable = await seatableParticipants(tx, sessionId, [...wanted.keys()]);
  if (seatable.length !== wanted.size) throw new AppError(422, 'breakout_not_seatable', 'problems.breakoutNotSeatable');
  const perTable = new Map<number, number>();
  for (const index of wanted.values()) {
    const n = (perTable.get(index) ?? 0) + 1;
    checkRoomAt(n - 1, request.sizeLimit, index + 1);
    perTable.set(index, n);
  }
  return wanted;
}

/**
 * Seats someone at a table of the open opening, or back in the main room (`tableId` null), and
 * removes them from the table room they were in; their client moves on `breakout.placed`.
 */
async function seat(
  deps: RoomDeps,
  session: SessionRow,
  target: (tx: Tx) => Promise<RoomParticipantRow>,
  tableId: string | null,
  check: (row: BreakoutRow) => void,
): Promise<void> {
  let left: { room: string; identity: string } | null = null;
  await changeRoom(deps, session.id, async (tx) => {
    const row = await openBreakoutOf(tx, session.id);
    check(row);
    const person = await target(tx);
    const [seatable] = await seatableParticipants(tx, session.id, [person.identity]);
    if (!seatable) throw new AppError(409, 'breakout_not_seatable', 'problems.breakoutNotSeatable');
    const before = await placeOf(tx, row.id, person.identity);
    if (before === tableId) return [];
    if (tableId !== null) {
      const table = (await tablesOf(tx, row.id)).find((t) => t.id === tableId);
      if (!table) throw new AppError(404, 'breakout_unknown_table', 'problems.breakoutUnknownTable');
      checkRoomAt((await countsOf(tx, row.id)).get(tableId) ?? 0, row.sizeLimit, table.number);
      await tx
        .insert(breakoutPlacements)
        .values({ breakoutId: row.id, sessionId: session.id, identity: person.identity, tableId, placedAt: deps.now() })
        .onConflictDoUpdate({
          target: [breakoutPlacements.breakoutId, breakoutPlacements.identity],
          set: { tableId, placedAt: deps.now() },
        });
    } else {
      await tx
        .delete(breakoutPlacements)
        .where(and(eq(breakoutPlacements.breakoutId, row.id), eq(breakoutPlacements.identity, person.identity)));
    }
    if (before) left = { room: tableRoomName(session.id, before), identity: person.identity };
    return placedEvents(row.id, [{ identity: person.identity, tableId }]);
  });
  // A token for the old table stays valid until it expires: out of that room now, and its
  // participant_joined would remove them again (docs/breakouts.md#how-the-client-moves).
  const moved = left as { room: string; identity: string } | null;
  if (!moved) return;
  // After `breakout.placed` has left for the old room, so they hear where to go before it closes on them.
  await deps.broadcaster.flushed(session.id);
  await deps.livekit.removeParticipant(moved.room, moved.identity);
}

/** A moderator seats a participant at a table, or back in the main room, whatever the assignment. */
export async function placeParticipant(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  identity: string,
  tableId: string | null,
): Promise<BreakoutState> {
  authorizeInRoom(breakoutRules, 'place', moderator);
  await seat(
    deps,
    session,
    (tx) => participantIn(tx, session.id, identity),
    tableId,
    () => {},
  );
  return (await breakoutStateFor(deps.db, session.id, moderator)) as BreakoutState;
}

/** A participant takes a place at a table with room (`choose` assignment only), or leaves it. */
export async function chooseTable(
  deps: RoomDeps,
  session: SessionRow,
  me: RoomParticipantRow,
  tableId: string | null,
): Promise<BreakoutState> {
  authorizeInRoom(breakoutRules, 'choose', me);
  await seat(
    deps,
    session,
    async () => me,
    tableId,
    (row) => {
      if (row.assignment !== 'choose') throw new AppError(409, 'breakout_not_choose', 'problems.breakoutNotChoose');
    },
  );
  return (await breakoutStateFor(deps.db, session.id, me)) as BreakoutState;
}

/** Moves the end later by `minutes`; the warning comes again one minute before the new end. */
export async function extendBreakouts(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  minutes: number,
): Promise<BreakoutState> {
  authorizeInRoom(breakoutRules, 'extend', moderator);
  await changeRoom(deps, session.id, async (tx) => {
    const row = await openBreakoutOf(tx, session.id);
    const now = deps.now();
    // Extending after the time is up (the end job not run yet) counts from now.
    const endsAt = new Date(Math.max(row.endsAt.getTime(), now.getTime()) + minutes * 60_000);
    await tx.update(breakouts).set({ endsAt, warnedAt: null }).where(eq(breakouts.id, row.id));
    await queueTimer(tx, { id: row.id, endsAt }, now);
    return [{ type: 'breakout.extended', data: { id: row.id, endsAt: iso(endsAt) } }];
  });
  return (await breakoutStateFor(deps.db, session.id, moderator)) as BreakoutState;
}

/** A moderator's message, shown in every table (and the main room). */
export async function broadcastToTables(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
  message: string,
): Promise<void> {
  authorizeInRoom(breakoutRules, 'broadcast', moderator);
  await changeRoom(deps, session.id, async (tx) => {
    const row = await openBreakoutOf(tx, session.id);
    return [
      {
        type: 'breakout.message',
        data: { id: row.id, from: { identity: moderator.identity, name: moderator.name }, message },
      },
    ];
  });
}

/**
 * A participant at a table calls the team: a direct event to speakers and moderators, listed in
 * their snapshot until one of them connects to that table. A second call from the same person
 * while the first is open changes nothing.
 */
export async function askForHelp(
  deps: RoomDeps,
  session: SessionRow,
  me: RoomParticipantRow,
  note: string | undefined,
): Promise<void> {
  authorizeInRoom(breakoutRules, 'askForHelp', me);
  await changeRoom(deps, session.id, async (tx) => {
    const row = await openBreakoutOf(tx, session.id);
    const tableId = await placeOf(tx, row.id, me.identity);
    if (!tableId) throw new AppError(409, 'breakout_not_at_table', 'problems.breakoutNotAtTable');
    const [open] = await tx
      .select({ id: breakoutHelp.id })
      .from(breakoutHelp)
      .where(
        and(eq(breakoutHelp.tableId, tableId), eq(breakoutHelp.identity, me.identity), isNull(breakoutHelp.answeredAt)),
      );
    if (open) return [];
    const [help] = await tx
      .insert(breakoutHelp)
      .values({
        breakoutId: row.id,
        tableId,
        identity: me.identity,
        name: me.name,
        note: note ?? null,
        askedAt: deps.now(),
      })
      .returning();
    if (!help) throw new Error('help insert returned no row');
    return [
      {
        type: 'breakout.help',
        to: 'team',
        data: {
          id: help.id,
          tableId,
          identity: help.identity,
          name: help.name,
          note: help.note,
          askedAt: iso(help.askedAt),
        },
      },
    ];
  });
}

/** Calls for help from a table are answered once someone of the team goes there. */
export async function answerHelpAt(db: Database, tableId: string, at: Date): Promise<void> {
  await db
    .update(breakoutHelp)
    .set({ answeredAt: at })
    .where(and(eq(breakoutHelp.tableId, tableId), isNull(breakoutHelp.answeredAt)));
}

/**
 * Ends the open opening (a moderator, the timer, the session's end): it turns ended,
 * `breakout.ended` tells every client to go back to the main room with the microphone muted, and
 * the table rooms close after the grace (`breakouts-close-rooms`). Ending twice changes nothing.
 */
export async function endBreakoutsIn(
  tx: Tx,
  row: BreakoutRow,
  reason: BreakoutEndReason,
  at: Date,
): Promise<EventDraft[]> {
  if (row.status !== 'open') return [];
  await tx.update(breakouts).set({ status: 'ended', endedAt: at, endReason: reason }).where(eq(breakouts.id, row.id));
  await enqueueJob(tx as Database, {
    kind: 'breakouts-close-rooms',
    payload: { breakoutId: row.id },
    runAt: new Date(at.getTime() + BREAKOUT_ROOM_GRACE_SECONDS * 1000),
    dedupeKey: `breakouts-close-rooms:${row.id}`,
  });
  return [{ type: 'breakout.ended', data: { id: row.id, reason, endedAt: iso(at) } }];
}

export async function endBreakouts(
  deps: RoomDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
): Promise<BreakoutState> {
  authorizeInRoom(breakoutRules, 'end', moderator);
  await changeRoom(deps, session.id, async (tx) => {
    const row = await openBreakoutOf(tx, session.id);
    return endBreakoutsIn(tx, row, 'moderator', deps.now());
  });
  return (await breakoutStateFor(deps.db, session.id, moderator)) as BreakoutState;
}

/** The tables of openings, by id (for the rooms to close). */
export async function tableIdsOf(db: Database | Tx, breakoutIds: string[]): Promise<string[]> {
  if (breakoutIds.length === 0) return [];
  const rows = await db
    .select({ id: breakoutTables.id })
    .from(breakoutTables)
    .where(inArray(breakoutTables.breakoutId, breakoutIds));
  return rows.map((r) => r.id);
}
