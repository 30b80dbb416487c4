import { parseRoomEvent, type RoomEvent, type RoomSnapshot } from '@serambi/shared';
import { createStore, produce, reconcile } from 'solid-js/store';
import { applyRoomEvent, eventOrder } from './apply-room-event.ts';

export interface RoomSnapshotStore {
  /** The room as the server last told it; undefined until the first join answers. */
  snapshot: () => RoomSnapshot | undefined;
  /** A snapshot from the server; an older one than held is ignored. */
  replace(next: RoomSnapshot): void;
  /** A data packet from LiveKit. */
  receivePacket(payload: Uint8Array, topic: string | undefined): void;
}

/**
 * The snapshot in a Solid store, moved forward by events in version order: an old event is
 * dropped, the next one applied, and one after a gap kept until a fresh snapshot (asked for
 * with `onGap`) catches up to it.
 */
export function createRoomSnapshot(handlers: {
  onGap: () => void;
  /** After an event was applied, for what it asks of the client beyond redrawing. */
  onApplied: (event: RoomEvent) => void;
}): RoomSnapshotStore {
  const [store, setStore] = createStore<{ snapshot?: RoomSnapshot }>({});
  /** Events that arrived ahead of a gap. */
  const early = new Map<number, RoomEvent>();

  function replace(next: RoomSnapshot) {
    const current = store.snapshot;
    if (current && next.version < current.version) return;
    setStore('snapshot', reconcile(next));
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
    setStore(
      'snapshot',
      produce((draft) => {
        if (draft) applyRoomEvent(draft, event);
      }),
    );
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

  function receivePacket(payload: Uint8Array, topic: string | undefined) {
    if (topic !== 'session' && topic !== 'stage') return; // another capability's topic
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(payload));
    } catch {
      parsed = undefined;
    }
    const event = parseRoomEvent(topic, parsed);
    // An event this client does not know comes from a newer server: say so rather than guess.
    if (!event) return console.warn('Room event not understood', topic, parsed);
    receive(event);
  }

  return { snapshot: () => store.snapshot, replace, receivePacket };
}
