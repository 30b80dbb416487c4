import {
  isTeamRole,
  type JoinRoomResult,
  type LobbySnapshot,
  type RoomEvent,
  type RoomOrLobbySnapshot,
  type RoomSnapshot,
} from '@serambi/shared';
import { DisconnectReason, type Participant, type Room } from 'livekit-client';
import { type Accessor, createEffect, createSignal, on, onCleanup } from 'solid-js';
import { ApiProblem } from '../../api/client.ts';
import { createLiveRoom, type LiveRoom, leaveLiveRoom } from './create-live-room.ts';
import { createRoomSnapshot, type RoomSnapshotStore } from './create-room-snapshot.ts';
import { type MediaChoice, rememberMediaChoice } from './media-choice.ts';
import { mayPublish, publishChosenMedia } from './publish-media.ts';
import { isExpiredTicket, isTransient, problemCode, type RoomApi } from './room-api.ts';
import { createRoomTimers } from './room-timers.ts';

/** Where this visitor is with the room; the page draws one screen per phase. */
export type RoomPhase =
  | { name: 'joining' }
  /** Before the doors open: a waiting screen with a countdown. */
  | { name: 'doorsClosed' }
  /** A private session: waiting for a moderator to let them in. */
  | { name: 'lobby' }
  | { name: 'denied' }
  /** Team members choose camera and microphone before they connect. */
  | { name: 'deviceSetup' }
  | { name: 'connected' }
  | { name: 'ended' }
  /** They chose to leave; the screen after offers the feedback form and a way back in. */
  | { name: 'left' }
  | { name: 'removed'; banned: boolean }
  /** The same person entered from another window or device, which took this one's place. */
  | { name: 'elsewhere' }
  /** The server will not let them in; `problem` says why, in their language. */
  | { name: 'refused'; problem: ApiProblem };

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
  /** After "Go live": move to the stage at once rather than wait for the event. */
  followLive(): void;
  /** Leaves the room on purpose: disconnects, keeping the ticket for the screen after. */
  leave(): void;
  retry(): void;
}

const LOBBY_POLL_MS = 3_000;
const WAITING_POLL_MS = 30_000;
const BACKSTAGE_POLL_MS = 15_000;
/** Renew the ticket this long before it runs out. */
const TICKET_MARGIN_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * The live room for one visitor: joins, connects to the LiveKit room the server names, keeps
 * the snapshot current from versioned events (fetching a fresh one on a gap or a reconnect),
 * and moves between waiting, lobby, backstage, stage, end and removal. Disposed with its owner.
 */
export function createRoomState(api: RoomApi, joinSecret: () => string | undefined): RoomState {
  const [phase, setPhase] = createSignal<RoomPhase>({ name: 'joining' });
  const [ticket, setTicket] = createSignal('');
  const [live, setLive] = createSignal<LiveRoom>();
  const [rejoining, setRejoining] = createSignal(false);
  const [media, setMedia] = createSignal<MediaChoice>();
  const [mediaFailures, setMediaFailures] = createSignal<('camera' | 'microphone')[]>([]);
  const [lobby, setLobby] = createSignal<LobbySnapshot>();
  const timers = createRoomTimers();
  let finished = false;
  let snapshotRequest: Promise<void> | undefined;
  const listeners = new Set<(event: RoomEvent) => void>();

  const {
    snapshot,
    replace: replaceSnapshot,
    receivePacket,
    applyOutOfBand,
    update,
  } = createRoomSnapshot({
    onGap: () => void refreshSnapshot(),
    onApplied: (event) => {
      actOnEvent(event);
      for (const listener of listeners) listener(event);
    },
  });

  // ---- Joining and connecting -------------------------------------------------------------

  async function enter(): Promise<void> {
    try {
      await joinAndSettle();
      setRejoining(false);
    } catch (error) {
      handleJoinFailure(error);
    }
  }

  let joinQueue: Promise<void> = Promise.resolve();
  /**
   * Joins and follows the answer, one at a time: the live event, a snapshot refresh and a
   * reconnect may all ask at once, and two connections of one identity push each other out.
   * A join queued behind another finds the room already right and changes nothing.
   */
  function joinAndSettle(): Promise<void> {
    const run = joinQueue.then(async () => {
      if (!finished) await settleJoin(await api.join(joinSecret()));
    });
    joinQueue = run.catch(() => undefined);
    return run;
  }

  async function settleJoin(result: JoinRoomResult): Promise<void> {
    if (finished) return;
    setTicket(result.ticket);
    timers.schedule('ticket', Date.parse(result.ticketExpiresAt) - TICKET_MARGIN_MS - Date.now(), renewTicket);
    receiveSnapshot(result.snapshot);
    const { session, me } = result.snapshot;
    if (session.status === 'ended' || session.status === 'cancelled') return finish({ name: 'ended' });
    if (me.admission === 'denied') return finish({ name: 'denied' });
    if (!result.livekit) {
      await disconnect();
      setPhase({ name: me.admission === 'pending' ? 'lobby' : 'doorsClosed' });
      return;
    }
    const current = live();
    // A ticket renewal while connected to the right room changes nothing else.
    if (current && current.kind === result.livekit.room && !current.leaving) return;
    if (result.snapshot.view === 'room' && isTeamRole(result.snapshot.me.role) && !media()) {
      await disconnect();
      setPhase({ name: 'deviceSetup' });
      return;
    }
    await connect(result.livekit);
  }

  async function connect(target: NonNullable<JoinRoomResult['livekit']>): Promise<void> {
    await disconnect();
    const next = createLiveRoom(target.room, media(), {
      onData: receivePacket,
      onDisconnected,
      onReconnected: () => void refreshSnapshot(),
      onLocalPermissionsChanged,
    });
    setLive(next);
    try {
      await next.room.connect(target.url, target.token);
    } catch {
      if (!next.leaving) onDisconnected(undefined);
      return;
    }
    if (next.leaving) return;
    setPhase({ name: 'connected' });
    // Events sent between the join and the connection are not replayed: read the room again.
    // Not awaited: a refresh may renew the ticket, which is a join, queued behind this one.
    void refreshSnapshot();
    if (next.kind === 'backstage') watchBackstage(next);
    if (mayPublish(next.room)) await publish(next.room);
  }

  /** The live event moves the team to the stage; a slow look at the snapshot backs it up. */
  function watchBackstage(backstage: LiveRoom) {
    timers.schedule('backstage', BACKSTAGE_POLL_MS, async () => {
      if (live() !== backstage) return;
      await refreshSnapshot();
      watchBackstage(backstage);
    });
  }

  async function disconnect(): Promise<void> {
    const current = live();
    if (!current) return;
    setLive(undefined);
    await leaveLiveRoom(current);
  }

  async function publish(room: Room): Promise<void> {
    const choice = media() ?? { camera: true, microphone: true };
    setMediaFailures(await publishChosenMedia(room, choice));
  }

  function onLocalPermissionsChanged(previous: Participant['permissions']) {
    const room = live()?.room;
    // Invited on stage and accepted: the server let this connection publish.
    if (room && mayPublish(room) && !previous?.canPublish) void publish(room);
  }

  function onDisconnected(reason: DisconnectReason | undefined) {
    if (finished) return;
    setLive(undefined);
    if (reason === DisconnectReason.PARTICIPANT_REMOVED) return finish({ name: 'removed', banned: false });
    // Rejoining here would push the other window out, and it would push back: ask instead.
    if (reason === DisconnectReason.DUPLICATE_IDENTITY) return finish({ name: 'elsewhere' });
    void rejoinWithBackoff();
  }

  /** Joins again after a lost connection, waiting longer after each failure; "Reconnecting…" meanwhile. */
  async function rejoinWithBackoff(): Promise<void> {
    if (rejoining()) return;
    setRejoining(true);
    for (let attempt = 0; !finished; attempt++) {
      await timers.sleep(attempt === 0 ? 500 : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt));
      if (finished) return;
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
      void rejoinWithBackoff();
      return;
    }
    if (!(error instanceof ApiProblem)) return;
    if (problemCode(error) === 'room_banned') return finish({ name: 'removed', banned: true });
    if (problemCode(error) === 'room_removed') return finish({ name: 'removed', banned: false });
    if (problemCode(error) === 'room_cancelled') return finish({ name: 'ended' });
    finish({ name: 'refused', problem: error });
  }

  async function renewTicket(): Promise<void> {
    try {
      await joinAndSettle();
    } catch (error) {
      handleJoinFailure(error);
    }
  }

  /** Stops everything: the screens after this one need no connection. */
  function finish(next: RoomPhase) {
    finished = true;
    timers.clearAll();
    setRejoining(false);
    void disconnect();
    setPhase(next);
  }

  // ---- Events ----------------------------------------------------------------------------

  /** What an event asks of this client beyond redrawing. */
  function actOnEvent(event: RoomEvent) {
    const me = snapshot()?.me;
    if (!me) return;
    const aboutMe = 'identity' in event.data && event.data.identity === me.identity;
    if (event.type === 'participant.removed' && aboutMe) {
      finish({ name: 'removed', banned: event.data.banned });
    } else if (event.type === 'participant.muted' && aboutMe && event.data.source === 'screen_share') {
      void live()?.room.localParticipant.setScreenShareEnabled(false);
    } else if (event.type === 'session.status') {
      followSession();
    }
  }

  /** Keeps the room, or the lobby while they wait in it. */
  function receiveSnapshot(next: RoomOrLobbySnapshot) {
    if (next.view === 'lobby') return void setLobby(next);
    setLobby(undefined);
    replaceSnapshot(next);
  }

  /** Keeps the connection in step with the session: the stage once live, nothing once ended. */
  function followSession() {
    const current = lobby() ?? snapshot();
    if (!current || finished) return;
    const { status } = current.session;
    if (status === 'ended' || status === 'cancelled') return finish({ name: 'ended' });
    if (current.me.admission === 'denied') return finish({ name: 'denied' });
    if (status === 'live' && live()?.kind === 'backstage') void enter();
  }

  async function refreshSnapshot(): Promise<void> {
    snapshotRequest ??= withTicket((current) => api.snapshot(current))
      .then((fresh) => {
        receiveSnapshot(fresh);
        followSession();
      })
      .catch((error: unknown) => {
        // A missed refresh is made good by the next event, poll or reconnect; a refusal
        // (banned, the session gone) means what it means at the door.
        if (!isTransient(error)) handleJoinFailure(error);
      })
      .finally(() => {
        snapshotRequest = undefined;
      });
    return snapshotRequest;
  }

  async function withTicket<T>(call: (ticket: string) => Promise<T>): Promise<T> {
    try {
      return await call(ticket());
    } catch (error) {
      if (!isExpiredTicket(error)) throw error;
      await renewTicket();
      return call(ticket());
    }
  }

  // ---- Waiting: the doors, the lobby ------------------------------------------------------

  /** While waiting, ask again on a timer: the doors open, or a moderator decides. */
  function pollWhileWaiting() {
    const current = snapshot();
    const name = phase().name;
    if (finished) return;
    if (name === 'lobby') {
      // The room itself instead of the lobby: a moderator let them in.
      if (!lobby()) return void enter();
      timers.schedule('poll', LOBBY_POLL_MS, () => refreshSnapshot().then(pollWhileWaiting));
    } else if (name === 'doorsClosed') {
      if (!current) return;
      const untilDoors = Date.parse(current.settings.doorsOpenAt) - Date.now();
      if (current.session.status === 'live' || untilDoors <= 0) {
        // The server's clock decides; a few seconds of disagreement must not become a busy loop.
        timers.schedule('poll', Math.max(untilDoors, 0) + 2_000, enter);
      } else {
        timers.schedule('poll', Math.min(untilDoors, WAITING_POLL_MS), () => refreshSnapshot().then(pollWhileWaiting));
      }
    } else {
      timers.clear('poll');
    }
  }

  createEffect(on(phase, pollWhileWaiting));

  // ---- Start and stop ---------------------------------------------------------------------

  const start = () => {
    finished = false;
    void enter();
  };
  start();

  onCleanup(() => {
    finished = true;
    timers.clearAll();
    void disconnect();
  });

  return {
    phase,
    snapshot,
    lobby,
    ticket,
    live,
    room: () => live()?.room,
    reconnecting: () => rejoining() || live()?.reconnecting() === true,
    media,
    mediaFailures,
    chooseMedia(choice) {
      rememberMediaChoice(choice);
      setMedia(choice);
      void enter();
    },
    rememberStageMedia(choice) {
      rememberMediaChoice(choice);
      setMedia(choice);
    },
    withTicket,
    refreshSnapshot,
    applyOutOfBand,
    update,
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    followLive: () => {
      if (live()?.kind === 'backstage') void enter();
    },
    leave: () => finish({ name: 'left' }),
    retry: () => {
      setPhase({ name: 'joining' });
      start();
    },
  };
}
