import type { RoomSnapshot } from '@serambi/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type PgTable, unionAll } from 'drizzle-orm/pg-core';
import type { Database, Tx } from '../db/client.ts';
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
}

/** The snapshot's fields the room core does not fill, by the part that fills them. */
export interface SnapshotParts {
  qa: SnapshotPart<Pick<RoomSnapshot, 'qa'>>;
  chat: SnapshotPart<Pick<RoomSnapshot, 'chat'>>;
  polls: SnapshotPart<Pick<RoomSnapshot, 'polls'>>;
  recording: SnapshotPart<Pick<RoomSnapshot, 'recording' | 'recordingNotice'>>;
}

/**
 * One capability's part of a caller's snapshot. Joins are the hot path: what the audience sees
 * alike a part reads once per session version (`createVersionedViews`); what is the caller's own
 * it reads for them, and small rows of their own (votes, ballots) it may leave to `ownRows`, so
 * every part's come in one query.
 */
export interface SnapshotPart<Fields> {
  /** A moderator's part (they see everything, and read it themselves). */
  forModerator(room: SessionRoomRow, caller: RoomParticipantRow, session: SessionRow): Promise<Fields>;
  /** An audience member's part; `own` are the rows its `ownRows` selected for them. */
  forAudience(
    room: SessionRoomRow,
    caller: RoomParticipantRow,
    session: SessionRow,
    own: Promise<OwnRow[]>,
  ): Promise<Fields>;
  /** The caller's own rows this part needs, read with every other part's in one query (a union). */
  ownRows?(sessionId: string, identity: string): OwnRowsQuery;
}

/** A select of one table for the union of own rows: an id and, where there is more, a jsonb. */
export interface OwnRowsQuery {
  from: PgTable;
  id: SQL<string>;
  /** `null::jsonb` when the id says it all. */
  data: SQL<unknown>;
  where: SQL | undefined;
}

export interface OwnRow {
  id: string;
  data: unknown;
}

/**
 * The caller's own rows of every part that asks for them, in one query (whatever the number of
 * parts: the join path's budget, server/src/room/snapshot.test.ts); each part gets its own.
 */
export function readOwnRows(
  db: Database,
  parts: SnapshotParts,
  sessionId: string,
  identity: string,
): (part: string) => Promise<OwnRow[]> {
  const selects = Object.entries(parts as unknown as Record<string, SnapshotPart<unknown>>).flatMap(([name, part]) => {
    const query = part.ownRows?.(sessionId, identity);
    if (!query) return [];
    return [
      db
        .select({ part: sql<string>`${name}::text`, id: query.id, data: query.data })
        .from(query.from)
        .where(query.where),
    ];
  });
  const [first, second, ...rest] = selects;
  const rows: Promise<{ part: string; id: string; data: unknown }[]> = Promise.resolve(
    !first ? [] : !second ? first : unionAll(first, second, ...rest),
  );
  return (part) => rows.then((all) => all.filter((row) => row.part === part).map(({ id, data }) => ({ id, data })));
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
