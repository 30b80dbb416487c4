import type { LobbySnapshot, RoomSnapshot } from '@serambi/shared';
import { type Accessor, createEffect, on } from 'solid-js';
import type { LiveRoom } from './create-live-room.ts';
import type { RoomPhase } from './room-phase.ts';
import type { RoomTimers } from './room-timers.ts';

const LOBBY_POLL_MS = 3_000;
const WAITING_POLL_MS = 30_000;
const BACKSTAGE_POLL_MS = 15_000;
/** The server's clock decides when the doors open; a few seconds of disagreement must not become a busy loop. */
const DOORS_GRACE_MS = 2_000;

/**
 * The slow looks at the server that back events up where none may come: while waiting for the
 * doors or in the lobby (no connection yet), and backstage (the live event moves the team to
 * the stage; a look now and then makes sure).
 */
export function createRoomPolls(deps: {
  timers: RoomTimers;
  phase: Accessor<RoomPhase>;
  snapshot: Accessor<RoomSnapshot | undefined>;
  lobby: Accessor<LobbySnapshot | undefined>;
  live: Accessor<LiveRoom | undefined>;
  isFinished: () => boolean;
  enter(): Promise<void>;
  refresh(): Promise<void>;
}) {
  const { timers } = deps;

  /** While waiting, ask again on a timer: the doors open, or a moderator decides. */
  function pollWhileWaiting() {
    const current = deps.snapshot();
    const name = deps.phase().name;
    if (deps.isFinished()) return;
    if (name === 'lobby') {
      // The room itself instead of the lobby: a moderator let them in.
      if (!deps.lobby()) return void deps.enter();
      timers.schedule('poll', LOBBY_POLL_MS, () => deps.refresh().then(pollWhileWaiting));
    } else if (name === 'doorsClosed') {
      if (!current) return;
      const untilDoors = Date.parse(current.settings.doorsOpenAt) - Date.now();
      if (current.session.status === 'live' || untilDoors <= 0) {
        timers.schedule('poll', Math.max(untilDoors, 0) + DOORS_GRACE_MS, deps.enter);
      } else {
        timers.schedule('poll', Math.min(untilDoors, WAITING_POLL_MS), () => deps.refresh().then(pollWhileWaiting));
      }
    } else {
      timers.clear('poll');
    }
  }

  /** Looks at the room now and then while this backstage connection lasts. */
  function watchBackstage(backstage: LiveRoom) {
    timers.schedule('backstage', BACKSTAGE_POLL_MS, async () => {
      if (deps.live() !== backstage) return;
      await deps.refresh();
      watchBackstage(backstage);
    });
  }

  createEffect(on(deps.phase, pollWhileWaiting));

  return { watchBackstage };
}
