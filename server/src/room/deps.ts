import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/client.ts';
import type { LiveKitGateway } from '../livekit/gateway.ts';
import { type BurstCoalescer, createBurstCoalescer } from './bursts.ts';
import { type CrowdViews, createCrowdViews } from './crowd-view.ts';
import { createRoomBroadcaster, type RoomBroadcaster } from './events.ts';
import { type JoinQueries, prepareJoinQueries } from './join-queries.ts';
import type { RoomParts } from './parts.ts';
import type { RoomTickets } from './tickets.ts';

/**
 * What the room's functions use, built once at start
 * (docs/conventions.md#explicit-dependencies-and-the-clock).
 */
export interface RoomDeps {
  db: Database;
  livekit: LiveKitGateway;
  broadcaster: RoomBroadcaster;
  /** Votes and reactions, counted per session and announced a few times a second. */
  bursts: BurstCoalescer;
  /** What live-room capabilities add to the room (their snapshot parts, their counts), registered in start.ts. */
  parts: RoomParts;
  /** Hands, stage, lobby and head count of snapshots, shared per session version. */
  crowds: CrowdViews;
  tickets: RoomTickets;
  /** The join's queries, prepared once. */
  joinQueries: JoinQueries;
  log: Logger;
  now: () => Date;
}

/** LiveKit tokens live minutes: LiveKit refreshes them for connected clients, and a new connection asks us again. */
export const LIVEKIT_TOKEN_TTL_SECONDS = 10 * 60;

type RoomContext = Pick<AppContext, 'db' | 'livekit' | 'roomTickets' | 'roomParts' | 'log' | 'now'>;
const built = new WeakMap<RoomContext, RoomDeps>();

/**
 * The room's dependencies of one app context, made once: routes, webhooks and the coalescer
 * must share one broadcaster, whose per-room queue keeps events in version order.
 */
export function roomDepsOf(ctx: RoomContext): RoomDeps {
  const known = built.get(ctx);
  if (known) return known;
  const log = ctx.log.child({ part: 'room' });
  const broadcaster = createRoomBroadcaster(ctx.livekit, log, (sessionId) =>
    ctx.roomParts.sideRooms.openRooms(sessionId),
  );
  const base = { db: ctx.db, livekit: ctx.livekit, broadcaster, tickets: ctx.roomTickets, log, now: ctx.now };
  const deps: RoomDeps = {
    ...base,
    bursts: createBurstCoalescer({ ...base, counts: ctx.roomParts.counts }),
    parts: ctx.roomParts,
    crowds: createCrowdViews(ctx.db),
    joinQueries: prepareJoinQueries(ctx.db, ctx.roomParts.snapshot),
  };
  built.set(ctx, deps);
  return deps;
}
