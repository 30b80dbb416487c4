import type { MutableSource, RoomSnapshot } from '@serambi/shared';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type PgTable, unionAll } from 'drizzle-orm/pg-core';
import type { Database, Tx } from '../db/client.ts';
import type { RoomAccess } from '../livekit/gateway.ts';
import type { SessionRow } from '../sessions/schema.ts';
import type { EventDraft } from './events.ts';
import type { RoomParticipantRow, SessionRoomRow } from './schema.ts';

/**
 * What live-room capabilities add to the room, registered where the app is composed (`start.ts`
 * builds them into `AppContext.roomParts`): the room core knows no capability
 * (docs/capabilities.md#rules), only these shapes.
 */
export interface RoomParts {
  /** Their parts of the room snapshot. */
  snapshot: SnapshotParts;
  /** The counts the coalescer announces (votes, reactions), in the order their events go out. */
  counts: BurstCount[];
  /** LiveKit rooms of a session besides its stage and backstage (breakout tables). */
  sideRooms: SideRooms;
  /** Who publishes for a person besides their browser (their OBS through WHIP): moderation reaches them too. */
  publishingFor?: PublishingFor;
}

/**
 * Other LiveKit participants that publish for a person of the room (their OBS, through WHIP):
 * muting the person mutes what those publish for the source, removing the person removes them,
 * and the person's losing their place ends those participants' right to come back.
 */
export interface PublishingFor {
  /** The LiveKit identities publishing for `identity` now, each with which of its sources stands for which of the person's. */
  of(db: Database | Tx, sessionId: string, identity: string): Promise<PublishingCompanion[]>;
  /** The person lost their place (removed, banned, no longer on the team): what publishes for them may not come back. */
  end(
    tx: Tx,
    sessionId: string,
    identity: string,
    by: Pick<RoomParticipantRow, 'identity' | 'name'>,
    reason: 'removed' | 'role_lost',
    at: Date,
  ): Promise<void>;
}

export interface PublishingCompanion {
  identity: string;
  /** Its source that is shown as the person's `source` (OBS's camera track may be their screen share). */
  sourceFor: Partial<Record<MutableSource, MutableSource>>;
}

/**
 * A session's LiveKit rooms besides the stage and the backstage, given by the capability that
 * opens them (breakouts' tables): the room core sends its events there too, holds connections
 * there to what the capability says, and moderates people there.
 */
export interface SideRooms {
  /** The side rooms of the session open now (events go there too). */
  openRooms(sessionId: string): Promise<string[]>;
  /** Forgets what was read of the session's side rooms (they opened or closed on this instance). */
  changed(sessionId: string): void;
  /**
   * What someone let in and in good standing may do connected to a side room now; null when they
   * must not be there (their connection is removed).
   */
  accessIn(roomName: string, person: RoomParticipantRow): Promise<RoomAccess | null>;
  /** The side room someone belongs in now (a participant's table), where a moderator's mute and removal act too. */
  roomOf(sessionId: string, identity: string): Promise<string | null>;
}

/** No side rooms (tests of the room core alone). */
export const noSideRooms: SideRooms = {
  openRooms: async () => [],
  changed: () => {},
  accessIn: async () => null,
  roomOf: async () => null,
};

/** The snapshot's fields the room core does not fill, by the part that fills them. */
export interface SnapshotParts {
  qa: SnapshotPart<Pick<RoomSnapshot, 'qa'>>;
  chat: SnapshotPart<Pick<RoomSnapshot, 'chat'>>;
  polls: SnapshotPart<Pick<RoomSnapshot, 'polls'>>;
  recording: SnapshotPart<Pick<RoomSnapshot, 'recording' | 'recordingNotice' | 'liveStream'>>;
  materials: SnapshotPart<Pick<RoomSnapshot, 'pinnedMaterial'>>;
  breakouts: SnapshotPart<Pick<RoomSnapshot, 'breakouts'>>;
}

/**
 * One capability's part of a caller's snapshot. Joins are the hot path: what the audience sees
 * alike a part reads once per session version (`createVersionedViews`); what must be read for
 * each caller (their own questions, votes and ballots; a small row of the session no version
 * covers) it leaves to `freshRows`, so every part's come in one query.
 */
export interface SnapshotPart<Fields> {
  /** A moderator's part (they see everything, and read it themselves). */
  forModerator(room: SessionRoomRow, caller: RoomParticipantRow, session: SessionRow): Promise<Fields>;
  /** An audience member's part; `fresh` are the rows its `freshRows` selected for them. */
  forAudience(
    room: SessionRoomRow,
    caller: RoomParticipantRow,
    session: SessionRow,
    fresh: Promise<FreshRow[]>,
  ): Promise<Fields>;
  /**
   * What this part reads for each caller, by kind, with every other part's in one query (a
   * union, prepared once): selects written with the placeholders of `of`.
   */
  freshRows?(of: FreshRowsOf): Record<string, FreshRowsQuery>;
}

/**
 * What a part's fresh rows are selected by: placeholders filled at each snapshot, or, inside the
 * join's one read (join-queries.ts), the columns of the session and the registration it reads.
 */
export interface FreshRowsOf {
  sessionId: SQLWrapper;
  /** The session's series, or null (a comparison with it then selects nothing). */
  seriesId: SQLWrapper;
  /** The caller's identity in the room. */
  identity: SQLWrapper;
}

/** A select of one table for the union of fresh rows: an id and, where there is more, a jsonb. */
export interface FreshRowsQuery {
  from: PgTable;
  id: SQL<string>;
  /** `null::jsonb` when the id says it all; a whole row is `jsonOfRow(table)`. */
  data: SQL<unknown>;
  where: SQL | undefined;
}

export interface FreshRow {
  /** The key its select had in `freshRows`. */
  kind: string;
  id: string;
  data: unknown;
}

/** A fresh row with the part it is for, as the union returns it. */
export type FreshRowOfPart = FreshRow & { part: string };

/**
 * The union of every part's fresh rows, selected by `of` (its columns aliased with names no
 * table has, so it can be a subquery beside them); undefined when no part asks for any.
 */
export function freshRowsUnion(db: Database, parts: SnapshotParts, of: FreshRowsOf) {
  const selects = Object.entries(parts as unknown as Record<string, SnapshotPart<unknown>>).flatMap(([name, part]) =>
    Object.entries(part.freshRows?.(of) ?? {}).map(([kind, query]) =>
      db
        .select({
          // Constants, written into the statement (not parameters: the union is prepared once).
          part: sql<string>`${sql.raw(quoted(name))}::text`.as('fresh_part'),
          kind: sql<string>`${sql.raw(quoted(kind))}::text`.as('fresh_kind'),
          id: query.id.as('fresh_id'),
          data: query.data.as('fresh_data'),
        })
        .from(query.from)
        .where(query.where),
    ),
  );
  const [first, second, ...rest] = selects;
  if (!first) return undefined;
  return second ? unionAll(first, second, ...rest) : first;
}

type FreshRowsReader = (sessionId: string, seriesId: string | null, identity: string) => Promise<FreshRowOfPart[]>;

/** Each set of parts is built for one database (`liveRoomParts(db)`): its union is prepared once. */
const readers = new WeakMap<SnapshotParts, FreshRowsReader>();

/**
 * The caller's fresh rows of every part that asks for them: the ones given (`known`, read with
 * the join), or read now in one prepared query (whatever the number of parts: the join path's
 * budget, server/src/room/snapshot.test.ts); each part gets its own.
 */
export function readFreshRows(
  db: Database,
  parts: SnapshotParts,
  session: Pick<SessionRow, 'id' | 'seriesId'>,
  identity: string,
  known?: FreshRowOfPart[],
): (part: string) => Promise<FreshRow[]> {
  let read = readers.get(parts);
  if (!read && !known) {
    read = prepareFreshRows(db, parts);
    readers.set(parts, read);
  }
  const rows = known ? Promise.resolve(known) : (read as FreshRowsReader)(session.id, session.seriesId, identity);
  const byName = parts as unknown as Record<string, SnapshotPart<unknown>>;
  // A part that reads nothing fresh (and so may not wait for these) is not handed a promise that could fail.
  return (part) =>
    byName[part]?.freshRows
      ? rows.then((all) => all.filter((row) => row.part === part).map(({ kind, id, data }) => ({ kind, id, data })))
      : Promise.resolve([]);
}

/** The union of every part's fresh rows, prepared once for these parts. */
function prepareFreshRows(db: Database, parts: SnapshotParts): FreshRowsReader {
  const union = freshRowsUnion(db, parts, {
    sessionId: sql.placeholder('sessionId'),
    seriesId: sql.placeholder('seriesId'),
    identity: sql.placeholder('identity'),
  });
  if (!union) return async () => [];
  const prepared = union.prepare('room_fresh_rows');
  return (sessionId, seriesId, identity) => prepared.execute({ sessionId, seriesId, identity });
}

/** A part's or kind's name as an SQL string literal: names in the code, never input. */
function quoted(name: string): string {
  if (!/^[a-z][a-zA-Z]*$/.test(name)) throw new Error(`not a part or kind name: ${name}`);
  return `'${name}'`;
}

/**
 * A count the coalescer announces (docs/architecture.md#coalesced-votes-and-reactions): marks are
 * made under its `kind` (`bursts.mark`), and a flush asks it, under the room's lock, for the
 * events that announce the absolute counts of what was marked (and to write what it keeps).
 */
export interface BurstCount {
  kind: string;
  announce(tx: Tx, sessionId: string, marked: ReadonlyMap<string, number>): Promise<EventDraft[]>;
}
