import type { LocalAudioTrack, LocalVideoTrack } from 'livekit-client';
import { createSignal } from 'solid-js';
import { captureCamera, captureCameraAndMicrophone, captureMicrophone } from './capture.ts';
import { createLocalDevice, type LocalDevice } from './create-local-device.ts';

export interface LocalMedia {
  /** True until the browser has answered the first permission request. */
  starting: () => boolean;
  camera: LocalDevice<LocalVideoTrack>;
  microphone: LocalDevice<LocalAudioTrack>;
}

/** Camera and microphone of this browser, asked for at once and stopped with their owner. */
export function createLocalMedia(): LocalMedia {
  const camera = createLocalDevice('camera', captureCamera);
  const microphone = createLocalDevice('microphone', captureMicrophone);
  const [starting, setStarting] = createSignal(true);

  void captureCameraAndMicrophone().then(async (captured) => {
    await Promise.all([camera.adopt(captured.camera), microphone.adopt(captured.microphone)]);
    setStarting(false);
  });

  return { starting, camera, microphone };
}
