import { useI18n } from '../../i18n/I18nProvider.tsx';
import { createMediaSetup } from './create-media-setup.ts';
import { DeviceSetup } from './DeviceSetup.tsx';
import type { MediaChoice } from './media-choice.ts';

/** Speakers and moderators check camera and microphone before the room connects. */
export function TeamDeviceSetup(props: {
  live: boolean;
  /** The session is or may be recorded. */
  recordingNotice: boolean;
  onReady: (choice: MediaChoice) => void;
}) {
  const { t } = useI18n();
  const setup = createMediaSetup();
  return (
    <section class="room-setup" data-testid="device-setup" aria-labelledby="room-setup-title">
      <header class="page__header">
        <h2 id="room-setup-title" class="room-setup__title">
          {t('room.setup.title')}
        </h2>
        <p class="page__lead">{t(props.live ? 'room.setup.stageLead' : 'room.setup.backstageLead')}</p>
      </header>
      <DeviceSetup setup={setup} recordingNotice={props.recordingNotice} />
      <div class="button-row room-setup__actions">
        <button
          type="button"
          class="button button--primary button--large"
          data-testid="enter-room"
          onClick={() => props.onReady(setup.choice())}
        >
          {t(props.live ? 'room.setup.enterStage' : 'room.setup.enterBackstage')}
        </button>
      </div>
    </section>
  );
}
