import { createSignal } from 'solid-js';
import { createLocalMedia } from '../devices/create-local-media.ts';
import { type MediaChoice, rememberedMediaChoice } from './media-choice.ts';

/**
 * A device check before going on camera: live previews of the camera and microphone (stopped
 * with the owner), and whether each starts on. `choice()` is what to publish with.
 */
export function createMediaSetup() {
  const media = createLocalMedia();
  const remembered = rememberedMediaChoice();
  const [cameraOn, setCameraOn] = createSignal(remembered?.camera ?? true);
  const [microphoneOn, setMicrophoneOn] = createSignal(remembered?.microphone ?? true);
  const choice = (): MediaChoice => ({
    cameraId: media.camera.deviceId(),
    microphoneId: media.microphone.deviceId(),
    camera: cameraOn(),
    microphone: microphoneOn(),
  });
  return { media, cameraOn, setCameraOn, microphoneOn, setMicrophoneOn, choice };
}

export type MediaSetup = ReturnType<typeof createMediaSetup>;
