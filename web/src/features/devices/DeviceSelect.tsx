import { For } from 'solid-js';

export function DeviceSelect(props: {
  label: string;
  devices: MediaDeviceInfo[];
  selected: string | undefined;
  /** The name shown for a device the browser does not name, from its position (1, 2, …). */
  unnamed: (number: number) => string;
  onSelect: (deviceId: string) => void;
}) {
  return (
    <label class="field">
      <span class="field__label">{props.label}</span>
      {/* Never disabled while a device restarts: that would take the keyboard focus away mid-choice. */}
      <select class="field__control" onChange={(event) => props.onSelect(event.currentTarget.value)}>
        <For each={props.devices}>
          {(device, index) => (
            <option value={device.deviceId} selected={device.deviceId === props.selected}>
              {device.label || props.unnamed(index() + 1)}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}
