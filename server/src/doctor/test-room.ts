import type { LiveKitGateway } from '../livekit/gateway.ts';
import type { LiveKitEvents } from '../livekit/webhook-routes.ts';

/**
 * The throwaway rooms of `pnpm doctor`. Sessions' rooms are named by UUIDs, so no session's room
 * starts so; whoever can create a room here holds LiveKit's API key already.
 */
export const DOCTOR_ROOM_PREFIX = 'serambi-doctor-';

/** What Serambi writes into a doctor room's metadata when LiveKit's room_started webhook for it arrives. */
export const WEBHOOK_ANSWER = 'serambi-doctor: room_started received';

export const isDoctorRoom = (name: string | undefined): name is string => name?.startsWith(DOCTOR_ROOM_PREFIX) ?? false;

/**
 * Closes the doctor's webhook round trip: LiveKit tells Serambi a doctor room started (a signed
 * webhook, verified like every other), Serambi writes that into the room's metadata, and the
 * doctor reads it back from LiveKit. So a ✓ means LiveKit's webhook URL reaches this Serambi and
 * the signature checks with its keys.
 */
export function answerDoctorRooms(livekit: Pick<LiveKitGateway, 'setRoomMetadata'>, events: LiveKitEvents): () => void {
  return events.on('room_started', async (event) => {
    const name = event.room?.name;
    if (isDoctorRoom(name)) await livekit.setRoomMetadata(name, WEBHOOK_ANSWER);
  });
}
