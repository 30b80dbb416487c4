import {
  createLocalAudioTrack,
  createLocalTracks,
  createLocalVideoTrack,
  LocalAudioTrack,
  LocalVideoTrack,
  MediaDeviceFailure,
} from 'livekit-client';

/** Why a camera or microphone is not available; each has a message under `check.<device>.*`. */
export type DeviceFailure = 'denied' | 'notFound' | 'inUse' | 'failed' | 'unsupported';

/** A track, or the reason there is none. */
export type Capture<T> = { track: T; failure?: undefined } | { track?: undefined; failure: DeviceFailure };

export type CaptureKind = 'camera' | 'microphone';

export const DEVICE_KIND: Record<CaptureKind, 'videoinput' | 'audioinput'> = {
  camera: 'videoinput',
  microphone: 'audioinput',
};

/**
 * Asks for camera and microphone in one permission prompt. If that fails, asks for each alone,
 * so a missing or busy camera does not also cost the microphone (and the other way round).
 */
export async function captureCameraAndMicrophone(): Promise<{
  camera: Capture<LocalVideoTrack>;
  microphone: Capture<LocalAudioTrack>;
}> {
  if (!canCapture()) return { camera: { failure: 'unsupported' }, microphone: { failure: 'unsupported' } };
  try {
    const tracks = await createLocalTracks({ audio: true, video: true });
    const camera = tracks.find((track) => track instanceof LocalVideoTrack);
    const microphone = tracks.find((track) => track instanceof LocalAudioTrack);
    if (camera && microphone) return { camera: { track: camera }, microphone: { track: microphone } };
    for (const track of tracks) track.stop();
  } catch {
    // Which of the two failed is learnt by asking for each alone, below.
  }
  const [camera, microphone] = await Promise.all([captureCamera(), captureMicrophone()]);
  return { camera, microphone };
}

export function captureCamera(deviceId?: string): Promise<Capture<LocalVideoTrack>> {
  return capture(() => createLocalVideoTrack(deviceId ? { deviceId } : undefined));
}

export function captureMicrophone(deviceId?: string): Promise<Capture<LocalAudioTrack>> {
  return capture(() => createLocalAudioTrack(deviceId ? { deviceId } : undefined));
}

async function capture<T>(open: () => Promise<T>): Promise<Capture<T>> {
  if (!canCapture()) return { failure: 'unsupported' };
  try {
    return { track: await open() };
  } catch (error) {
    return { failure: failureOf(error) };
  }
}

export function failureOf(error: unknown): DeviceFailure {
  switch (MediaDeviceFailure.getFailure(error)) {
    case MediaDeviceFailure.PermissionDenied:
      return 'denied';
    case MediaDeviceFailure.NotFound:
      return 'notFound';
    case MediaDeviceFailure.DeviceInUse:
      return 'inUse';
    default:
      return 'failed';
  }
}

/** Browsers hide getUserMedia outside secure contexts (plain http on a non-local address). */
function canCapture(): boolean {
  return window.isSecureContext && typeof navigator.mediaDevices?.getUserMedia === 'function';
}
