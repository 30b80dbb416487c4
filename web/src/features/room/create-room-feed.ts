import type { LobbySnapshot, RoomEvent, RoomOrLobbySnapshot } from '@serambi/shared';
import { type Accessor, createSignal } from 'solid-js';
import { createRoomStore, type RoomSnapshotStore } from './create-room-store.ts';
import { isTransient } from './room-api.ts';
import type { readRoomPacket } from './room-packets.ts';

/** The reader of packets loads when the stage shows, or at the latest this long after the first packet. */
const READER_AT_THE_LATEST_MS = 4_000;

/**
 * The room as this visitor knows it: the snapshot the server answered (or only the lobby while
 * they wait in it), moved forward by the versioned events of the connection, and read again
 * over HTTP, one request at a time, after a gap or a reconnect.
 *
 * Packets are read with the shared catalogue's schemas (room-packets.ts, which brings zod); that
 * reader is not part of what a phone downloads before the speaker's first frame: the packets
 * that come before it are held, in order, and read when it arrives.
 */
export interface RoomFeed extends Pick<RoomSnapshotStore, 'snapshot' | 'applyOutOfBand' | 'update'> {
  /** A data packet from LiveKit. */
  receivePacket(payload: Uint8Array, topic: string | undefined): void;
  /** Loads the reader of packets now (the stage has shown): held packets are read when it is here. */
  readEvents(): void;
  /** While a private session keeps them in its lobby (or turned them away): the session and their standing only. */
  lobby: Accessor<LobbySnapshot | undefined>;
  /** Keeps what the server answered: the room, or the lobby while they wait in it. */
  receive(next: RoomOrLobbySnapshot): void;
  /** Reads the room again; a request already under way is shared. */
  refresh(): Promise<void>;
  /** Hears every room event applied from now on; returns how to stop. */
  listen(listener: (event: RoomEvent) => void): () => void;
}

export function createRoomFeed(deps: {
  fetchSnapshot(): Promise<RoomOrLobbySnapshot>;
  /** After an event was applied, for what it asks of the client beyond redrawing (before listeners hear it). */
  onApplied(event: RoomEvent): void;
  /** After a fresh snapshot was kept. */
  onRefreshed(): void;
  /** The server refused a refresh (banned, the session gone): it means what it means at the door. */
  onRefused(error: unknown): void;
}): RoomFeed {
  const [lobby, setLobby] = createSignal<LobbySnapshot>();
  const listeners = new Set<(event: RoomEvent) => void>();
  let request: Promise<void> | undefined;

  const store = createRoomStore({
    onGap: () => void refresh(),
    onApplied: (event) => {
      deps.onApplied(event);
      for (const listener of listeners) listener(event);
    },
  });

  let reader: typeof readRoomPacket | undefined;
  let loadingReader: Promise<void> | undefined;
  const held: [payload: Uint8Array, topic: string | undefined][] = [];

  function read(payload: Uint8Array, topic: string | undefined) {
    const packet = reader?.(payload, topic);
    if (packet) store.receive(packet);
  }

  function readEvents() {
    if (loadingReader) return;
    loadingReader = import('./room-packets.ts')
      .then((module) => {
        reader = module.readRoomPacket;
        for (const [payload, topic] of held.splice(0)) read(payload, topic);
      })
      .catch(() => {
        // The network failed it: the next packet or the stage asks again.
        loadingReader = undefined;
      });
  }

  function receivePacket(payload: Uint8Array, topic: string | undefined) {
    if (reader) return read(payload, topic);
    held.push([payload, topic]);
    if (held.length === 1) setTimeout(readEvents, READER_AT_THE_LATEST_MS);
  }

  function receive(next: RoomOrLobbySnapshot) {
    if (next.view === 'lobby') return void setLobby(next);
    setLobby(undefined);
    store.replace(next);
  }

  function refresh(): Promise<void> {
    request ??= deps
      .fetchSnapshot()
      .then((fresh) => {
        receive(fresh);
        deps.onRefreshed();
      })
      .catch((error: unknown) => {
        // A missed refresh is made good by the next event, poll or reconnect.
        if (!isTransient(error)) deps.onRefused(error);
      })
      .finally(() => {
        request = undefined;
      });
    return request;
  }

  return {
    snapshot: store.snapshot,
    lobby,
    receivePacket,
    readEvents,
    applyOutOfBand: store.applyOutOfBand,
    update: store.update,
    receive,
    refresh,
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
