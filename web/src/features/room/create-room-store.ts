import type { DirectEvent, RoomEvent, RoomSnapshot } from '@serambi/shared';
import { createStore, produce, reconcile } from 'solid-js/store';
import { applyDirectEvent, applyRoomEvent, eventOrder } from './apply-room-event.ts';
import { createOutOfBandMemory } from './out-of-band.ts';
import type { RoomPacket } from './room-packets.ts';

export interface RoomSnapshotStore {
  /** The room as the server last told it; undefined until the first join answers. */
  snapshot: () => RoomSnapshot | undefined;
  /** A snapshot from the server; an older one than held is ignored. */
  replace(next: RoomSnapshot): void;
  /** A data packet from LiveKit, read (room-packets.ts). */
  receive(packet: RoomPacket): void;
  /**
   * Something the server said to this viewer alone, outside the sequence (an API call's answer,
   * shaped as the direct event it stands for): applied now and kept over older snapshots.
   */
  applyOutOfBand(event: Omit<DirectEvent, 'v' | 'at'>): void;
  /** A change of this viewer's own marks (my questions, my votes) after an API call succeeded. */
  update(mutate: (snapshot: RoomSnapshot) => void): void;
}

/**
 * The snapshot in a Solid store, moved forward by events in version order: an old event is
 * dropped, the next one applied, and one after a gap kept until a fresh snapshot (asked for
 * with `onGap`) catches up to it. Events addressed to this viewer alone are not in that order:
 * they are folded in as they come, by the `rev` of what they carry.
 */
export function createRoomStore(handlers: {
  onGap: () => void;
  /** After an event was applied, for what it asks of the client beyond redrawing. */
  onApplied: (event: RoomEvent) => void;
}): RoomSnapshotStore {
  const [store, setStore] = createStore<{ snapshot?: RoomSnapshot }>({});
  /** Events that arrived ahead of a gap. */
  const early = new Map<number, RoomEvent>();
  const outOfBand = createOutOfBandMemory();

  const mutate = (change: (draft: RoomSnapshot) => void) =>
    setStore(
      'snapshot',
      produce((draft) => {
        if (draft) change(draft);
      }),
    );

  function replace(next: RoomSnapshot) {
    const current = store.snapshot;
    if (current && next.version < current.version) return;
    setStore('snapshot', reconcile(next));
    mutate((draft) => outOfBand.reapply(draft));
    for (const version of [...early.keys()]) if (version <= next.version) early.delete(version);
    applyEarlyEvents();
  }

  function applyEarlyEvents() {
    for (let current = store.snapshot; current; current = store.snapshot) {
      const next = early.get(current.version + 1);
      if (!next) return;
      early.delete(next.v);
      apply(next);
    }
  }

  function apply(event: RoomEvent) {
    mutate((draft) => applyRoomEvent(draft, event));
    handlers.onApplied(event);
  }

  function receive(event: RoomEvent) {
    const current = store.snapshot;
    if (!current) return;
    const order = eventOrder(event, current.version);
    if (order === 'stale') return;
    if (order === 'gap') {
      early.set(event.v, event);
      handlers.onGap();
      return;
    }
    apply(event);
    applyEarlyEvents();
  }

  function receiveDirect(event: DirectEvent) {
    if (!store.snapshot) return;
    outOfBand.remember(event);
    mutate((draft) => applyDirectEvent(draft, event));
  }

  return {
    snapshot: () => store.snapshot,
    replace,
    receive: (packet) => (packet.direct ? receiveDirect(packet.event) : receive(packet.event)),
    applyOutOfBand(event) {
      const version = store.snapshot?.version;
      if (version === undefined) return;
      receiveDirect({ ...event, v: version, at: new Date().toISOString() } as DirectEvent);
    },
    update: mutate,
  };
}
