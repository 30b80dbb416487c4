import { createRoomStore, type RoomSnapshotStore } from './create-room-store.ts';
import { readRoomPacket } from './room-packets.ts';

/**
 * The room's store (create-room-store.ts) reading each data packet the moment it arrives: the
 * browser's own store and reader, as a test runs them. The room page reads packets through
 * create-room-feed.ts instead, which holds the first ones until the reader has loaded.
 */
export function createRoomSnapshot(handlers: Parameters<typeof createRoomStore>[0]) {
  const store = createRoomStore(handlers);
  return {
    ...store,
    receivePacket(payload: Uint8Array, topic: string | undefined): void {
      const packet = readRoomPacket(payload, topic);
      if (packet) store.receive(packet);
    },
  } satisfies RoomSnapshotStore & { receivePacket(payload: Uint8Array, topic: string | undefined): void };
}
