import type { JSX } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CameraPreview } from './CameraPreview.tsx';
import type { LocalMedia } from './create-local-media.ts';
import { DeviceCard } from './DeviceCard.tsx';
import { CameraIcon, MicrophoneIcon } from './icons.tsx';
import { MicrophoneLevelMeter } from './MicrophoneLevelMeter.tsx';

/**
 * The device check's two cards: the camera's preview and the microphone's level, each with its
 * device choice. The device check page and the room's setup (backstage, stage invitation) share it.
 */
export function DeviceCards(props: { media: LocalMedia; cameraIdle: JSX.Element }) {
  const { t } = useI18n();
  return (
    <>
      <DeviceCard device={props.media.camera} icon={<CameraIcon />} idle={props.cameraIdle}>
        {(track) => <CameraPreview track={track} label={t('check.camera.preview')} />}
      </DeviceCard>
      <DeviceCard device={props.media.microphone} icon={<MicrophoneIcon />}>
        {(track) => (
          <div class="microphone-check">
            <MicrophoneLevelMeter track={track} label={t('check.microphone.level')} />
            <p class="microphone-check__hint">{t('check.microphone.hint')}</p>
          </div>
        )}
      </DeviceCard>
    </>
  );
}
