import type { Room } from 'livekit-client';
import type { MediaChoice } from './media-choice.ts';

/**
 * Turns on the camera and microphone someone chose, each on its own so a busy camera does not
 * also cost the microphone. Answers which of the two failed to start.
 */
export async function publishChosenMedia(room: Room, choice: MediaChoice): Promise<('camera' | 'microphone')[]> {
  const { localParticipant } = room;
  const [camera, microphone] = await Promise.allSettled([
    choice.camera
      ? localParticipant.setCameraEnabled(true, choice.cameraId ? { deviceId: choice.cameraId } : undefined)
      : Promise.resolve(undefined),
    choice.microphone
      ? localParticipant.setMicrophoneEnabled(true, choice.microphoneId ? { deviceId: choice.microphoneId } : undefined)
      : Promise.resolve(undefined),
  ]);
  const failed: ('camera' | 'microphone')[] = [];
  if (camera.status === 'rejected') failed.push('camera');
  if (microphone.status === 'rejected') failed.push('microphone');
  return failed;
}

/** Whether this connection may publish now (team always; a guest once the server let them on stage). */
export const mayPublish = (room: Room) => room.localParticipant.permissions?.canPublish === true;
