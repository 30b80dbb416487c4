import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CameraPreview } from '../devices/CameraPreview.tsx';
import { DeviceCard } from '../devices/DeviceCard.tsx';
import { CameraIcon, CameraOffIcon, MicrophoneIcon } from '../devices/icons.tsx';
import { MicrophoneLevelMeter } from '../devices/MicrophoneLevelMeter.tsx';
import type { MediaSetup } from './create-media-setup.ts';
import './room.css';

/** Camera preview, microphone level and the choice of devices, with whether each starts on. */
export function DeviceSetup(props: { setup: MediaSetup }) {
  const { t } = useI18n();
  const media = () => props.setup.media;
  return (
    <div class="room-device-setup">
      <Show when={media().starting()}>
        <p class="notice notice--info" role="status">
          {t('check.starting')}
        </p>
      </Show>
      <div class="room-device-setup__grid">
        <DeviceCard
          device={media().camera}
          icon={<CameraIcon />}
          idle={
            <div class="camera-preview camera-preview--idle">
              <CameraOffIcon size={40} />
            </div>
          }
        >
          {(track) => <CameraPreview track={track} label={t('check.camera.preview')} />}
        </DeviceCard>
        <DeviceCard device={media().microphone} icon={<MicrophoneIcon />}>
          {(track) => (
            <div class="microphone-check">
              <MicrophoneLevelMeter track={track} label={t('check.microphone.level')} />
              <p class="microphone-check__hint">{t('check.microphone.hint')}</p>
            </div>
          )}
        </DeviceCard>
      </div>
      <div class="room-device-setup__switches">
        <label class="room-switch">
          <input
            type="checkbox"
            checked={props.setup.cameraOn()}
            onChange={(event) => props.setup.setCameraOn(event.currentTarget.checked)}
          />
          {t('room.setup.cameraOn')}
        </label>
        <label class="room-switch">
          <input
            type="checkbox"
            checked={props.setup.microphoneOn()}
            onChange={(event) => props.setup.setMicrophoneOn(event.currentTarget.checked)}
          />
          {t('room.setup.microphoneOn')}
        </label>
      </div>
    </div>
  );
}
