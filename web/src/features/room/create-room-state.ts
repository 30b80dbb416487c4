import {
  type BreakoutConnection,
  isTeamRole,
  type JoinRoomResult,
  type LobbySnapshot,
  type RoomEvent,
  type RoomSnapshot,
} from '@serambi/shared';
import type { DisconnectReason, Room } from 'livekit-client';
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import { createBreakoutsApi } from '../breakouts/breakouts-api.ts';
import { type BreakoutMoves, createBreakoutMoves } from '../breakouts/create-breakout-moves.ts';
import type { LiveRoom } from './create-live-room.ts';
import { createRoomConnection, type LiveKitTarget } from './create-room-connection.ts';
import { createRoomEntry } from './create-room-entry.ts';
import { createRoomFeed } from './create-room-feed.ts';
import { createRoomPolls } from './create-room-polls.ts';
import type { RoomSnapshotStore } from './create-room-store.ts';
import { createRoomTicket } from './create-room-ticket.ts';
import { dropEarlyLiveRoom } from './early-entry.ts';
import type { MediaChoice } from './media-choice.ts';
import type { RoomApi } from './room-api.ts';
import { phaseOfDisconnect, phaseOfStanding, type RoomPhase } from './room-phase.ts';
import { createRoomTimers } from './room-timers.ts';

export interface RoomState {
  phase: Accessor<RoomPhase>;
  /** The room as the server last told it; undefined until the first join lets them in. */
  snapshot: Accessor<RoomSnapshot | undefined>;
  /** While a private session keeps them in its lobby (or turned them away): the session and their standing only. */
  lobby: Accessor<LobbySnapshot | undefined>;
  ticket: Accessor<string>;
  live: Accessor<LiveRoom | undefined>;
  room: Accessor<Room | undefined>;
  /** The connection was lost and is being made again. */
  reconnecting: Accessor<boolean>;
  media: Accessor<MediaChoice | undefined>;
  /** The devices that would not start when publishing, to say so. */
  mediaFailures: Accessor<('camera' | 'microphone')[]>;
  /** Ends the device check of a team member and connects. */
  chooseMedia(choice: MediaChoice): void;
  /** Remembers the devices a guest chose for the stage, before they accept. */
  rememberStageMedia(choice: MediaChoice): void;
  /** Runs a room call with the current ticket, renewing it once if it ran out. */
  withTicket<T>(call: (ticket: string) => Promise<T>): Promise<T>;
  refreshSnapshot(): Promise<void>;
  /** Folds what an API call answered into the room (see RoomSnapshotStore). */
  applyOutOfBand: RoomSnapshotStore['applyOutOfBand'];
  update: RoomSnapshotStore['update'];
  /** Hears every room event applied from now on (reactions, announcements); returns how to stop. */
  listen(listener: (event: RoomEvent) => void): () => void;
  /** The stage has shown its first picture (or waited long enough): what comes next may load now. */
  stageShown(): void;
  /** After "Go live": move to the stage at once rather than wait for the event. */
  followLive(): void;
  /** Leaves the room on purpose: disconnects, keeping the ticket for the screen after. */
  leave(): void;
  retry(): void;
  /** The breakout tables: which one this visitor is in, moves under way, the moderators' messages. */
  breakouts: BreakoutMoves;
}

/**
 * The live room for one visitor: joins, connects to the LiveKit room the server names, keeps
 * the snapshot current from versioned events (fetching a fresh one on a gap or a reconnect),
 * and moves between waiting, lobby, backstage, stage, end and removal. Disposed with its owner.
 *
 * The jobs have their own modules: getting in and staying in (create-room-entry.ts), the
 * ticket (create-room-ticket.ts), the LiveKit connection and publishing
 * (create-room-connection.ts), the snapshot and its events (create-room-feed.ts), the polls
 * while waiting and backstage (create-room-polls.ts). This one decides the phase.
 */
export function createRoomState(
  api: RoomApi,
  joinSecret: () => string | undefined,
  sessionRef: () => string,
): RoomState {
  const [phase, setPhase] = createSignal<RoomPhase>({ name: 'joining' });
  const timers = createRoomTimers();
  let finished = false;
  const isFinished = () => finished;

  const entry = createRoomEntry({ api, joinSecret, timers, isFinished, settle: settleJoin, finish });
  const ticket = createRoomTicket(timers, entry.renew);
  const feed = createRoomFeed({
    fetchSnapshot: () => ticket.withTicket((current) => api.snapshot(current)),
    onApplied: actOnEvent,
    onRefreshed: () => {
      followSession();
      void breakouts.follow();
    },
    onRefused: entry.handleJoinFailure,
  });
  const connection = createRoomConnection({
    onData: feed.receivePacket,
    onReconnected: () => void feed.refresh(),
    onLost,
  });
  const breakoutsApi = createBreakoutsApi(sessionRef);
  const breakouts = createBreakoutMoves({
    snapshot: feed.snapshot,
    live: connection.live,
    requestConnection: (tableId) => ticket.withTicket((current) => breakoutsApi.connect(current, tableId)),
    connect: connectForBreakout,
    refresh: feed.refresh,
    timers,
    isFinished,
  });
  const polls = createRoomPolls({
    timers,
    phase,
    snapshot: feed.snapshot,
    lobby: feed.lobby,
    live: connection.live,
    isFinished,
    enter: entry.enter,
    refresh: feed.refresh,
  });

  async function settleJoin(result: JoinRoomResult): Promise<void> {
    if (finished) return;
    ticket.keep(result.ticket, result.ticketExpiresAt);
    feed.receive(result.snapshot);
    const standing = phaseOfStanding(result.snapshot);
    if (standing) return finish(standing);
    if (!result.livekit) {
      await connection.disconnect();
      setPhase({ name: result.snapshot.me.admission === 'pending' ? 'lobby' : 'doorsClosed' });
      return;
    }
    const current = connection.live();
    // At a breakout table (placed, or visiting): the table's LiveKit room, not the one the join names.
    if (breakouts.wantsTable(result.snapshot)) return void (await breakouts.follow());
    // A ticket renewal while connected to the right room changes nothing else.
    if (current && current.kind === result.livekit.room && !current.leaving) return;
    if (result.snapshot.view === 'room' && isTeamRole(result.snapshot.me.role) && !connection.media()) {
      await connection.disconnect();
      setPhase({ name: 'deviceSetup' });
      return;
    }
    await connect(result.livekit);
  }

  async function connect(target: LiveKitTarget): Promise<void> {
    const next = await connection.connect(target);
    if (!next) return;
    setPhase({ name: 'connected' });
    // Events sent between the join and the connection are not replayed: read the room again.
    // Not awaited: a refresh may renew the ticket, which is a join, queued behind this one.
    void feed.refresh();
    if (next.kind === 'backstage') polls.watchBackstage(next);
    await connection.publishIfAllowed(next);
  }

  /**
   * A move between the main room and a table: the table starts with microphone and camera off
   * (each turned on by the person, which is when the browser asks for them); back in the main
   * room the microphone stays off, whatever it was before.
   */
  async function connectForBreakout(target: BreakoutConnection): Promise<LiveRoom | undefined> {
    const next = await connection.connect(target);
    if (!next) return undefined;
    setPhase({ name: 'connected' });
    void feed.refresh();
    if (next.kind === 'backstage') polls.watchBackstage(next);
    if (next.kind !== 'table') await connection.publishIfAllowed(next, { microphone: false });
    return next;
  }

  function onLost(reason: DisconnectReason | undefined) {
    if (finished) return;
    // Leaving a table's LiveKit room (moved, the tables closed) is not leaving the session.
    if (breakouts.handleLost()) return;
    const next = phaseOfDisconnect(reason);
    if (next) return finish(next);
    void entry.rejoin();
  }

  /** What an event asks of this client beyond redrawing. */
  function actOnEvent(event: RoomEvent) {
    const me = feed.snapshot()?.me;
    if (!me) return;
    const aboutMe = 'identity' in event.data && event.data.identity === me.identity;
    if (event.type === 'participant.removed' && aboutMe) {
      finish({ name: 'removed', banned: event.data.banned });
    } else if (event.type === 'participant.muted' && aboutMe && event.data.source === 'screen_share') {
      void connection.live()?.room.localParticipant.setScreenShareEnabled(false);
    } else if (event.type === 'session.status') {
      followSession();
    } else if (event.type.startsWith('breakout.')) {
      breakouts.onEvent(event as Extract<RoomEvent, { type: `breakout.${string}` }>);
    }
  }

  /** Keeps the connection in step with the session: the stage once live, nothing once ended. */
  function followSession() {
    const current = feed.lobby() ?? feed.snapshot();
    if (!current || finished) return;
    const standing = phaseOfStanding(current);
    if (standing) return finish(standing);
    if (current.session.status === 'live' && connection.live()?.kind === 'backstage') void entry.enter();
  }

  /** Stops everything: the screens after this one need no connection. */
  function finish(next: RoomPhase) {
    finished = true;
    timers.clearAll();
    entry.stopRejoining();
    void connection.disconnect();
    void dropEarlyLiveRoom();
    setPhase(next);
  }

  const start = () => {
    finished = false;
    void entry.enter();
  };
  start();

  onCleanup(() => {
    finished = true;
    timers.clearAll();
    void connection.disconnect();
    void dropEarlyLiveRoom();
  });

  return {
    phase,
    snapshot: feed.snapshot,
    lobby: feed.lobby,
    ticket: ticket.current,
    live: connection.live,
    room: () => connection.live()?.room,
    reconnecting: () => entry.rejoining() || connection.live()?.reconnecting() === true,
    media: connection.media,
    mediaFailures: connection.mediaFailures,
    chooseMedia(choice) {
      connection.keepMedia(choice);
      void entry.enter();
    },
    rememberStageMedia: connection.keepMedia,
    withTicket: ticket.withTicket,
    refreshSnapshot: feed.refresh,
    applyOutOfBand: feed.applyOutOfBand,
    update: feed.update,
    listen: feed.listen,
    stageShown: feed.readEvents,
    followLive: () => {
      if (connection.live()?.kind === 'backstage') void entry.enter();
    },
    leave: () => finish({ name: 'left' }),
    retry: () => {
      setPhase({ name: 'joining' });
      start();
    },
    breakouts,
  };
}
