import type { MessageKey } from '@serambi/shared/i18n';
import { createUniqueId, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { CaptureKind, DeviceFailure } from './capture.ts';
import type { LocalDevice } from './create-local-device.ts';
import { DeviceFailureNotice } from './DeviceFailureNotice.tsx';
import { DeviceSelect } from './DeviceSelect.tsx';

/**
 * One camera or microphone: what it captures (`children`), or why it cannot, and the choice
 * of device. `idle` fills the space while there is no track, so the layout does not jump.
 */
export function DeviceCard<T>(props: {
  device: LocalDevice<T>;
  icon: JSX.Element;
  idle?: JSX.Element;
  children: (track: T) => JSX.Element;
}) {
  const { t } = useI18n();
  const headingId = createUniqueId();
  const kind = () => props.device.kind;
  return (
    <section class="card device-card" aria-labelledby={headingId} aria-busy={props.device.busy()}>
      <h2 id={headingId} class="device-card__heading">
        {props.icon}
        {t(`check.${kind()}.heading`)}
      </h2>
      <Show when={props.device.track()} fallback={props.idle} keyed>
        {(track) => props.children(track)}
      </Show>
      <Show when={props.device.failure()}>
        {(failure) => (
          <DeviceFailureNotice
            message={t(failureMessage(kind(), failure()))}
            retryLabel={t('check.retry')}
            busy={props.device.busy()}
            onRetry={() => void props.device.retry()}
          />
        )}
      </Show>
      <Show when={props.device.devices().length > 0}>
        <DeviceSelect
          label={t(`check.${kind()}.choose`)}
          devices={props.device.devices()}
          selected={props.device.deviceId()}
          unnamed={(number) => t(`check.${kind()}.unnamed`, { number })}
          onSelect={(deviceId) => void props.device.selectDevice(deviceId)}
        />
      </Show>
    </section>
  );
}

function failureMessage(kind: CaptureKind, failure: DeviceFailure): MessageKey {
  return `check.${kind}.${failure}`;
}
