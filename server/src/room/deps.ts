import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/client.ts';
import type { LiveKitGateway } from '../livekit/gateway.ts';
import { type BurstCoalescer, createBurstCoalescer } from './bursts.ts';
import { type CrowdViews, createCrowdViews } from './crowd-view.ts';
import { createRoomBroadcaster, type RoomBroadcaster } from './events.ts';
import { createInteractionStates, type InteractionStates } from './interaction-state.ts';
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
  /** The Q&A, chat and polls of snapshots, shared by the audience per session version. */
  interactions: InteractionStates;
  /** Hands, stage, lobby and head count of snapshots, shared per session version. */
  crowds: CrowdViews;
  tickets: RoomTickets;
  log: Logger;
  now: () => Date;
}

/** LiveKit tokens live minutes: LiveKit refreshes them for connected clients, and a new connection asks us again. */
export const LIVEKIT_TOKEN_TTL_SECONDS = 10 * 60;

type RoomContext = Pick<AppContext, 'db' | 'livekit' | 'roomTickets' | 'log' | 'now'>;
const built = new WeakMap<RoomContext, RoomDeps>();

/**
 * The room's dependencies of one app context, made once: routes, webhooks and the coalescer
 * must share one broadcaster, whose per-room queue keeps events in version order.
 */
export function roomDepsOf(ctx: RoomContext): RoomDeps {
  const known = built.get(ctx);
  if (known) return known;
  const log = ctx.log.child({ part: 'room' });
  const broadcaster = createRoomBroadcaster(ctx.livekit, log);
  const base = { db: ctx.db, livekit: ctx.livekit, broadcaster, tickets: ctx.roomTickets, log, now: ctx.now };
  const deps: RoomDeps = {
    ...base,
    bursts: createBurstCoalescer(base),
    interactions: createInteractionStates(ctx.db),
    crowds: createCrowdViews(ctx.db),
  };
  built.set(ctx, deps);
  return deps;
}
