import type { BreakoutConnection, BreakoutEvent, RoomOrLobbySnapshot, RoomSnapshot } from '@serambi/shared';
import { isTeamRole } from '@serambi/shared';
import { type Accessor, createSignal } from 'solid-js';
import type { LiveRoom } from '../room/create-live-room.ts';
import { isTransient } from '../room/room-api.ts';
import type { RoomTimers } from '../room/room-timers.ts';
import { needsSnapshotAfter, tableToBeAt } from './breakout-state.ts';

/** A moderator's message to every table, as the tables show it. */
export interface BreakoutMessage {
  id: string;
  from: string;
  message: string;
  at: string;
}

/** Where a move goes while it is under way. */
export type BreakoutMoveDirection = 'table' | 'main';

/**
 * Moving between the main room and the breakout tables (docs/breakouts.md, "How the client
 * moves"): each table is its own LiveKit room, so a move asks the server for a token
 * (`…/breakouts/connect`), leaves the current LiveKit room and connects to the other; the page,
 * the ticket and the event state stay. Moves run one at a time and always go where the newest
 * snapshot says, so a placement, an end and a visit arriving together end in the right room.
 */
export interface BreakoutMoves {
  /** The table this visitor is connected to; null in the main room (or not connected). */
  table: Accessor<string | null>;
  /** A move under way, and where to. */
  moving: Accessor<BreakoutMoveDirection | undefined>;
  /** A move failed and is tried again; `stuck` once it failed several times (a button retries at once). */
  trouble: Accessor<{ direction: BreakoutMoveDirection; stuck: boolean } | undefined>;
  /** How far the server's clock is ahead of this device's, from the last breakout event's time (ms). */
  clockOffset: Accessor<number>;
  /** The moderators' messages since the tables opened, oldest first. */
  messages: Accessor<BreakoutMessage[]>;
  /** The table a speaker or moderator visits (null: none). */
  visiting: Accessor<string | null>;
  visit(tableId: string | null): void;
  /** Goes where the snapshot says, if not there yet. */
  follow(): Promise<void>;
  /** Tries a failing move again now. */
  retryNow(): void;
  /** A breakout event was applied: what it asks beyond redrawing. */
  onEvent(event: BreakoutEvent): void;
  /** Whether a join's answer should leave the connection to these moves (a table is where to be). */
  wantsTable(snapshot: RoomOrLobbySnapshot): boolean;
  /**
   * The LiveKit connection ended without the page asking. True when that is the moves' business
   * (a move under way, or the table's room let them go): they find where to be and go there.
   */
  handleLost(): boolean;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 8_000;
/** Failed attempts after which the message says so plainly and offers to try at once. */
const STUCK_AFTER = 2;
/** Several placements arrive in a burst at the opening: the snapshot is read once after it. */
const SNAPSHOT_AFTER_PLACEMENTS_MS = 800;

export function createBreakoutMoves(deps: {
  snapshot: Accessor<RoomSnapshot | undefined>;
  live: Accessor<LiveRoom | undefined>;
  /** `POST …/breakouts/connect` with the current ticket. */
  requestConnection(tableId: string | null): Promise<BreakoutConnection>;
  /** Leaves the current LiveKit room and connects to this one; undefined when that failed. */
  connect(connection: BreakoutConnection): Promise<LiveRoom | undefined>;
  refresh(): Promise<void>;
  timers: RoomTimers;
  isFinished(): boolean;
}): BreakoutMoves {
  const [table, setTable] = createSignal<string | null>(null);
  const [moving, setMoving] = createSignal<BreakoutMoveDirection>();
  const [trouble, setTrouble] = createSignal<{ direction: BreakoutMoveDirection; stuck: boolean }>();
  const [messages, setMessages] = createSignal<BreakoutMessage[]>([]);
  const [clockOffset, setClockOffset] = createSignal(0);
  const [visiting, setVisiting] = createSignal<string | null>(null);
  /** The table's LiveKit room let this visitor go: the main room is not connected either. */
  let adrift = false;
  let running: Promise<void> | undefined;
  let again = false;
  let wakeUp: (() => void) | undefined;

  const destination = () => tableToBeAt(deps.snapshot()?.breakouts, visiting());

  function follow(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await step();
      } while (again && !deps.isFinished());
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  async function step(): Promise<void> {
    if (deps.isFinished() || !deps.snapshot()) return;
    const want = destination();
    const live = deps.live();
    // Not connected and nowhere else to be: the room's own join connects the main room.
    if (!live && !adrift && want === null) return;
    const here = live ? (live.kind === 'table' ? table() : null) : undefined;
    if (here === want) return;
    await move(want);
  }

  async function move(want: string | null): Promise<void> {
    const direction = want === null ? 'main' : 'table';
    setMoving(direction);
    try {
      for (let attempt = 0; !deps.isFinished(); attempt++) {
        try {
          const connection = await deps.requestConnection(want);
          const next = await deps.connect(connection);
          if (next) {
            adrift = false;
            setTable(connection.tableId);
            setTrouble(undefined);
            return;
          }
        } catch (error) {
          // Refused (the table closed, not yours any more): the room as it is now says where to go.
          if (!isTransient(error)) await deps.refresh();
        }
        if (deps.isFinished()) return;
        setTrouble({ direction, stuck: attempt + 1 >= STUCK_AFTER });
        await pause(Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt));
        // Placed elsewhere, or the tables ended, while waiting: the next step goes there instead.
        if (destination() !== want) {
          again = true;
          return;
        }
      }
    } finally {
      setMoving(undefined);
    }
  }

  /** Waits before the next attempt, or less when someone asks to try at once. */
  function pause(ms: number): Promise<void> {
    return Promise.race([
      deps.timers.sleep(ms),
      new Promise<void>((resolve) => {
        wakeUp = resolve;
      }),
    ]).finally(() => {
      wakeUp = undefined;
    });
  }

  let snapshotSoon = false;
  function readSnapshotSoon() {
    if (snapshotSoon) return;
    snapshotSoon = true;
    deps.timers.schedule('breakout-snapshot', SNAPSHOT_AFTER_PLACEMENTS_MS, () => {
      snapshotSoon = false;
      return deps.refresh();
    });
  }

  return {
    table,
    moving,
    trouble,
    messages,
    clockOffset,
    visiting,
    visit(tableId) {
      setVisiting(tableId);
      void follow();
    },
    follow,
    retryNow: () => wakeUp?.(),
    onEvent(event) {
      const snapshot = deps.snapshot();
      // Sent a moment ago: the countdown reads the server's time, not a phone's clock that may be off.
      setClockOffset(Date.parse(event.at) - Date.now());
      if (event.type === 'breakout.opened') setMessages([]);
      if (event.type === 'breakout.message') {
        const { id, from, message } = event.data;
        setMessages((shown) => [...shown, { id: `${id}:${event.v}`, from: from.name, message, at: event.at }]);
      }
      if (event.type === 'breakout.ended') setVisiting(null);
      if (snapshot && needsSnapshotAfter(snapshot, event, isTeamRole(snapshot.me.role))) readSnapshotSoon();
      void follow();
    },
    wantsTable: (snapshot) => snapshot.view === 'room' && tableToBeAt(snapshot.breakouts, visiting()) !== null,
    handleLost() {
      if (moving()) return true;
      if (table() === null) return false;
      setTable(null);
      adrift = true;
      void deps.refresh().then(follow);
      return true;
    },
  };
}
