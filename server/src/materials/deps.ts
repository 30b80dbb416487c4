import type { Logger } from 'pino';
import type { MaterialsConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/client.ts';
import { type RoomDeps, roomDepsOf } from '../room/deps.ts';
import type { FileStore } from '../storage/file-store.ts';
import type { MaterialLinks } from './links.ts';

/** What the materials capability uses, built once per app context. */
export interface MaterialDeps {
  db: Database;
  /** The room's broadcaster and lock: pinning a file is a room event. */
  room: RoomDeps;
  store: FileStore;
  links: MaterialLinks;
  config: MaterialsConfig;
  log: Logger;
  now: () => Date;
}

type MaterialContext = Pick<
  AppContext,
  'db' | 'livekit' | 'roomTickets' | 'roomParts' | 'log' | 'now' | 'config' | 'materialStore' | 'materialLinks'
>;

export function materialDepsOf(ctx: MaterialContext): MaterialDeps {
  return {
    db: ctx.db,
    room: roomDepsOf(ctx),
    store: ctx.materialStore,
    links: ctx.materialLinks,
    config: ctx.config.materials,
    log: ctx.log.child({ part: 'materials' }),
    now: ctx.now,
  };
}
