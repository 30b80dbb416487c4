import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DeviceCards } from '../devices/DeviceCards.tsx';
import { CameraOffIcon } from '../devices/icons.tsx';
import type { MediaSetup } from './create-media-setup.ts';
import { RecordingNotice } from './RecordingNotice.tsx';
import './room.css';

/**
 * Camera preview, microphone level and the choice of devices, with whether each starts on; when
 * the session is recorded, that entering the stage means being in the recording.
 */
export function DeviceSetup(props: { setup: MediaSetup; recordingNotice?: boolean }) {
  const { t } = useI18n();
  const media = () => props.setup.media;
  return (
    <div class="room-device-setup">
      <Show when={props.recordingNotice}>
        <RecordingNotice for="stage" />
      </Show>
      <Show when={media().starting()}>
        <p class="notice notice--info" role="status">
          {t('check.starting')}
        </p>
      </Show>
      <div class="room-device-setup__grid">
        <DeviceCards
          media={media()}
          cameraIdle={
            <div class="camera-preview camera-preview--idle">
              <CameraOffIcon size={40} />
            </div>
          }
        />
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
