import type { LobbySnapshot, RoomEvent, RoomOrLobbySnapshot } from '@serambi/shared';
import { type Accessor, createSignal } from 'solid-js';
import { createRoomSnapshot, type RoomSnapshotStore } from './create-room-snapshot.ts';
import { isTransient } from './room-api.ts';

/**
 * The room as this visitor knows it: the snapshot the server answered (or only the lobby while
 * they wait in it), moved forward by the versioned events of the connection, and read again
 * over HTTP, one request at a time, after a gap or a reconnect.
 */
export interface RoomFeed extends Pick<RoomSnapshotStore, 'snapshot' | 'receivePacket' | 'applyOutOfBand' | 'update'> {
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

  const store = createRoomSnapshot({
    onGap: () => void refresh(),
    onApplied: (event) => {
      deps.onApplied(event);
      for (const listener of listeners) listener(event);
    },
  });

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
    receivePacket: store.receivePacket,
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
