import { createLiveRoom, type LiveRoom, type LiveRoomHandlers, leaveLiveRoom } from './create-live-room.ts';
import type { LiveKitTarget } from './create-room-connection.ts';

/**
 * A LiveKit connection made before the room's code has arrived (early-entry.ts). What LiveKit
 * tells it (data packets, a loss, a resume) is held, in order, until the room takes it over.
 */
export interface EarlyLiveRoom {
  live: LiveRoom;
  url: string;
  token: string;
  /** Settles when the connection is made (or could not be). */
  connected: Promise<void>;
  /** The room's handlers from now on: what was held is handed to them first. */
  handOver(handlers: LiveRoomHandlers): void;
  /** Nobody took it: leave. */
  dropped(): Promise<void>;
}

export function connectEarly(target: LiveKitTarget): EarlyLiveRoom {
  let handlers: LiveRoomHandlers | undefined;
  const held: ((to: LiveRoomHandlers) => void)[] = [];
  const relay = (call: (to: LiveRoomHandlers) => void) => (handlers ? call(handlers) : held.push(call));
  // No media choice: the audience publishes nothing until invited on stage.
  const live = createLiveRoom(target.room, undefined, {
    onData: (payload, topic) => relay((to) => to.onData(payload, topic)),
    onDisconnected: (reason) => relay((to) => to.onDisconnected(reason)),
    onReconnected: () => relay((to) => to.onReconnected()),
    onLocalPermissionsChanged: (previous) => relay((to) => to.onLocalPermissionsChanged(previous)),
  });
  const connected = live.room.connect(target.url, target.token);
  connected.catch(() => undefined);
  return {
    live,
    url: target.url,
    token: target.token,
    connected,
    handOver(next) {
      handlers = next;
      for (const call of held.splice(0)) call(next);
    },
    dropped: () => leaveLiveRoom(live),
  };
}
