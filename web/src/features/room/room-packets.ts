import {
  DIRECT_TOPIC,
  type DirectEvent,
  parseDirectEvent,
  parseRoomEvent,
  type RoomEvent,
  roomTopics,
} from '@serambi/shared';

/** A data packet read as one of the room's events: on a topic of the room, or addressed to this viewer alone. */
export type RoomPacket = { direct: false; event: RoomEvent } | { direct: true; event: DirectEvent };

/**
 * Reads a LiveKit data packet with the shared catalogue's schemas: null for another sender's
 * topic, and for an event this client does not know (it comes from a newer server: said in
 * the console rather than guessed at). zod comes with this module, which the room loads once
 * the stage shows (create-room-feed.ts), not before.
 */
export function readRoomPacket(payload: Uint8Array, topic: string | undefined): RoomPacket | null {
  // Another sender's topic; `hasOwn`, so a topic named "toString" is not taken for one of ours.
  if (topic === undefined || (topic !== DIRECT_TOPIC && !Object.hasOwn(roomTopics, topic))) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    parsed = undefined;
  }
  const event = topic === DIRECT_TOPIC ? parseDirectEvent(topic, parsed) : parseRoomEvent(topic, parsed);
  if (!event) {
    console.warn('Room event not understood', topic, parsed);
    return null;
  }
  return topic === DIRECT_TOPIC
    ? { direct: true, event: event as DirectEvent }
    : { direct: false, event: event as RoomEvent };
}
