import { Room } from 'livekit-client';
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';

/**
 * The devices of one kind, kept current as devices are plugged in or out. Browsers name
 * devices only once the page may use them, so the list is read again when `permitted` turns true.
 */
export function createDeviceList(kind: MediaDeviceKind, permitted: Accessor<boolean>): Accessor<MediaDeviceInfo[]> {
  const [devices, setDevices] = createSignal<MediaDeviceInfo[]>([]);
  let disposed = false;

  const refresh = async () => {
    const listed = await Room.getLocalDevices(kind, false);
    if (!disposed) setDevices(listed.filter((device) => device.deviceId !== ''));
  };

  createEffect(() => {
    if (permitted()) void refresh();
  });

  const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
  const onDeviceChange = () => void refresh();
  mediaDevices?.addEventListener('devicechange', onDeviceChange);
  onCleanup(() => {
    disposed = true;
    mediaDevices?.removeEventListener('devicechange', onDeviceChange);
  });

  return devices;
}
