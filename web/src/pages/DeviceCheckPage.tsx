import { Show } from 'solid-js';
import { usePageTitle } from '../app/page-title.ts';
import { createLocalMedia } from '../features/devices/create-local-media.ts';
import { DeviceCards } from '../features/devices/DeviceCards.tsx';
import { CameraIcon, CameraOffIcon } from '../features/devices/icons.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

export default function DeviceCheckPage() {
  const { t } = useI18n();
  usePageTitle(() => t('check.title'));
  const media = createLocalMedia();
  return (
    <div class="page">
      <header class="page__header">
        <h1>{t('check.title')}</h1>
        <p class="page__lead">{t('check.lead')}</p>
      </header>
      <div role="status" class="device-check__status">
        <Show when={media.starting()}>
          <p class="notice notice--info">{t('check.starting')}</p>
        </Show>
      </div>
      <div class="device-grid">
        <DeviceCards media={media} cameraIdle={<CameraIdle starting={media.starting()} />} />
      </div>
    </div>
  );
}

/** Holds the preview's place while the camera starts or is unavailable. */
function CameraIdle(props: { starting: boolean }) {
  return (
    <div class="camera-preview camera-preview--idle">
      <Show when={props.starting} fallback={<CameraOffIcon size={40} />}>
        <CameraIcon size={40} />
      </Show>
    </div>
  );
}
