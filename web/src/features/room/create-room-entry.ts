import type { JoinRoomResult } from '@serambi/shared';
import { type Accessor, createSignal } from 'solid-js';
import { ApiProblem } from '../../api/problem.ts';
import { isTransient, type RoomApi } from './room-api.ts';
import { phaseOfRefusal, type RoomPhase } from './room-phase.ts';
import type { RoomTimers } from './room-timers.ts';

const FIRST_REJOIN_DELAY_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/**
 * Getting in and staying in: joins one at a time, what a refusal leads to, and joining again
 * after a lost connection with a growing wait.
 */
export interface RoomEntry {
  /** Joins and follows the answer; a refusal ends in its screen, a passing failure is tried again. */
  enter(): Promise<void>;
  /** The same for a ticket about to run out, leaving "Reconnecting…" as it is. */
  renew(): Promise<void>;
  /** After a lost connection: joins again, waiting longer after each failure. */
  rejoin(): Promise<void>;
  /** A join (or a room call) failed: try again later, or show the screen the refusal means. */
  handleJoinFailure(error: unknown): void;
  /** Joining again after a lost connection ("Reconnecting…"). */
  rejoining: Accessor<boolean>;
  stopRejoining(): void;
}

export function createRoomEntry(deps: {
  api: RoomApi;
  joinSecret: () => string | undefined;
  timers: RoomTimers;
  isFinished: () => boolean;
  /** Follows what a join answered: the ticket, the snapshot, the connection. */
  settle(result: JoinRoomResult): Promise<void>;
  finish(phase: RoomPhase): void;
}): RoomEntry {
  const { api, timers, isFinished } = deps;
  const [rejoining, setRejoining] = createSignal(false);
  let joinQueue: Promise<void> = Promise.resolve();

  /**
   * Joins and follows the answer, one at a time: the live event, a snapshot refresh and a
   * reconnect may all ask at once, and two connections of one identity push each other out.
   * A join queued behind another finds the room already right and changes nothing.
   */
  function joinAndSettle(): Promise<void> {
    const run = joinQueue.then(async () => {
      if (!isFinished()) await deps.settle(await api.join(deps.joinSecret()));
    });
    joinQueue = run.catch(() => undefined);
    return run;
  }

  async function enter(): Promise<void> {
    try {
      await joinAndSettle();
      setRejoining(false);
    } catch (error) {
      handleJoinFailure(error);
    }
  }

  async function renew(): Promise<void> {
    try {
      await joinAndSettle();
    } catch (error) {
      handleJoinFailure(error);
    }
  }

  async function rejoin(): Promise<void> {
    if (rejoining()) return;
    setRejoining(true);
    for (let attempt = 0; !isFinished(); attempt++) {
      await timers.sleep(attempt === 0 ? FIRST_REJOIN_DELAY_MS : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt));
      if (isFinished()) return;
      try {
        await joinAndSettle();
        setRejoining(false);
        return;
      } catch (error) {
        if (!isTransient(error)) {
          setRejoining(false);
          handleJoinFailure(error);
          return;
        }
      }
    }
  }

  function handleJoinFailure(error: unknown) {
    if (isTransient(error)) {
      void rejoin();
      return;
    }
    if (error instanceof ApiProblem) deps.finish(phaseOfRefusal(error));
  }

  return { enter, renew, rejoin, handleJoinFailure, rejoining, stopRejoining: () => setRejoining(false) };
}
