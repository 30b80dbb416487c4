import type { LocalAudioTrack, LocalVideoTrack } from 'livekit-client';
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import { type Capture, type CaptureKind, DEVICE_KIND, type DeviceFailure, failureOf } from './capture.ts';
import { createDeviceList } from './create-device-list.ts';

export interface LocalDevice<T> {
  kind: CaptureKind;
  track: Accessor<T | undefined>;
  failure: Accessor<DeviceFailure | undefined>;
  /** The device being captured, or the one chosen when capture failed. */
  deviceId: Accessor<string | undefined>;
  devices: Accessor<MediaDeviceInfo[]>;
  /** True while a capture starts or restarts. */
  busy: Accessor<boolean>;
  /** Takes over a track opened elsewhere (e.g. with one prompt for camera and microphone). */
  adopt(capture: Capture<T>): Promise<void>;
  selectDevice(deviceId: string): Promise<void>;
  retry(): Promise<void>;
}

/**
 * One camera or microphone and its track: switching device restarts the same track (so
 * anything attached to it follows), and the track is stopped when the owner is disposed.
 */
export function createLocalDevice<T extends LocalVideoTrack | LocalAudioTrack>(
  kind: CaptureKind,
  open: (deviceId: string | undefined) => Promise<Capture<T>>,
): LocalDevice<T> {
  const [track, setTrack] = createSignal<T>();
  const [failure, setFailure] = createSignal<DeviceFailure>();
  const [deviceId, setDeviceId] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const devices = createDeviceList(DEVICE_KIND[kind], () => track() !== undefined);
  let disposed = false;

  onCleanup(() => {
    disposed = true;
    track()?.stop();
  });

  const adopt = async (capture: Capture<T>) => {
    if (disposed) {
      capture.track?.stop();
      return;
    }
    track()?.stop();
    setTrack(() => capture.track);
    setFailure(capture.failure);
    if (capture.track) setDeviceId(await capture.track.getDeviceId(false));
  };

  const retry = async () => {
    setBusy(true);
    await adopt(await open(deviceId()));
    setBusy(false);
  };

  const selectDevice = async (chosen: string) => {
    setDeviceId(chosen);
    const current = track();
    if (!current) return retry();
    setBusy(true);
    try {
      await current.restartTrack({ deviceId: { exact: chosen } });
    } catch (error) {
      // A failed restart has already stopped the old capture: show why, offer a retry.
      current.stop();
      setTrack(undefined);
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  return { kind, track, failure, deviceId, devices, busy, adopt, selectDevice, retry };
}
