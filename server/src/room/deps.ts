import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/client.ts';
import type { LiveKitGateway } from '../livekit/gateway.ts';
import { createRoomBroadcaster, type RoomBroadcaster } from './events.ts';
import type { RoomTickets } from './tickets.ts';

/** What the room's functions use, built once at start (STYLE.md: explicit dependencies). */
export interface RoomDeps {
  db: Database;
  livekit: LiveKitGateway;
  broadcaster: RoomBroadcaster;
  tickets: RoomTickets;
  log: Logger;
  now: () => Date;
}

/** LiveKit tokens live minutes: LiveKit refreshes them for connected clients, and a new connection asks us again. */
export const LIVEKIT_TOKEN_TTL_SECONDS = 10 * 60;

export function roomDepsOf(ctx: Pick<AppContext, 'db' | 'livekit' | 'roomTickets' | 'log' | 'now'>): RoomDeps {
  const log = ctx.log.child({ part: 'room' });
  return {
    db: ctx.db,
    livekit: ctx.livekit,
    broadcaster: createRoomBroadcaster(ctx.livekit, log),
    tickets: ctx.roomTickets,
    log,
    now: ctx.now,
  };
}
