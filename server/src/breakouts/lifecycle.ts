import type { RoomLifecycleHooks } from '../room/routes.ts';
import { endBreakoutsIn } from './service.ts';
import { currentBreakout } from './state.ts';

/** Tables open when the session ends are ended with it (`session_ended`), in the same transaction. */
export const breakoutLifecycleHooks: RoomLifecycleHooks = {
  whileEnding: async (tx, session, _room, at) => {
    const row = await currentBreakout(tx, session.id);
    return row ? endBreakoutsIn(tx, row, 'session_ended', at) : [];
  },
};
