import { useI18n } from '../../i18n/I18nProvider.tsx';
import './room.css';

/**
 * Said before anyone enters a session that is or may be recorded: what the recording holds (the
 * stage only) and, for people about to go on stage, that entering means agreeing to be in it.
 */
export function RecordingNotice(props: { for: 'stage' | 'audience' }) {
  const { t } = useI18n();
  return (
    <div class="recording-notice" data-testid="recording-notice" data-for={props.for}>
      <p class="recording-notice__title">
        <span class="recording-notice__dot" aria-hidden="true" />
        {t('room.recording.noticeTitle')}
      </p>
      <p class="recording-notice__body">
        {t(props.for === 'stage' ? 'room.recording.noticeStage' : 'room.recording.noticeAudience')}
      </p>
    </div>
  );
}
