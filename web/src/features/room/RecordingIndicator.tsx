import type { RoomRecording } from '@serambi/shared';
import { createEffect, createSignal, on, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import './room.css';

/**
 * The red "REC" beside the room's title while the stage is being recorded, for everyone in the
 * room; screen readers hear when recording starts and stops (not when they enter, when the
 * badge itself says so).
 */
export function RecordingIndicator(props: { recording: RoomRecording | null }) {
  const { t } = useI18n();
  const [announcement, setAnnouncement] = createSignal('');
  createEffect(
    on(
      () => props.recording !== null,
      (recording) => setAnnouncement(t(recording ? 'room.recording.started' : 'room.recording.stopped')),
      { defer: true },
    ),
  );
  const label = (recording: RoomRecording) =>
    recording.status === 'starting'
      ? t('room.recording.starting')
      : recording.status === 'stopping'
        ? t('room.recording.stopping')
        : t('room.recording.label');
  return (
    <>
      <span class="visually-hidden" aria-live="polite" data-testid="recording-announcement">
        {announcement()}
      </span>
      <Show when={props.recording}>
        {(recording) => (
          <span
            class="badge room-recording"
            data-status={recording().status}
            data-testid="recording-indicator"
            title={label(recording())}
          >
            <span class="room-recording__dot" aria-hidden="true" />
            <span aria-hidden="true">{t('room.recording.indicator')}</span>
            <span class="visually-hidden">{label(recording())}</span>
          </span>
        )}
      </Show>
    </>
  );
}

/** The same mark over a full-screen stage, where the room's header is out of sight. */
export function StageRecordingMark(props: { recording: RoomRecording | null }) {
  const { t } = useI18n();
  return (
    <Show when={props.recording}>
      <span class="stage__recording" aria-hidden="true">
        <span class="room-recording__dot" />
        {t('room.recording.indicator')}
      </span>
    </Show>
  );
}
