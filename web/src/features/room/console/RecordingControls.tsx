import type { RoomSnapshot } from '@serambi/shared';
import { createSignal, createUniqueId, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../../ui/form/FormProblem.tsx';
import { useRoom } from '../room-context.ts';
import { useShortTime } from '../short-time.ts';
import { useStartRecording, useStopRecording } from './console-api.ts';

/**
 * Record and Stop recording, for moderators: only while the session is live (the button says
 * why otherwise), stopping after a confirmation, and the server's reason when it refuses
 * (no ffmpeg, a full disk) right beside the button.
 */
export function RecordingControls(props: { snapshot: RoomSnapshot }) {
  const { t } = useI18n();
  const { state } = useRoom();
  const shortTime = useShortTime();
  const start = useStartRecording();
  const stop = useStopRecording();
  const [askingToStop, setAskingToStop] = createSignal(false);
  const reasonId = createUniqueId();
  const recording = () => props.snapshot.recording;
  const live = () => props.snapshot.session.status === 'live';

  const startRecording = () => {
    if (start.isPending || !live()) return;
    stop.reset();
    start.mutate(undefined, {
      // The event that tells everyone follows; the moderator who pressed sees it at once.
      onSuccess: (started) =>
        state.update((snapshot) => {
          if (snapshot.recording?.id !== started.id) snapshot.recording = started;
          snapshot.recordingNotice = true;
        }),
    });
  };
  const stopRecording = () => {
    const running = recording();
    start.reset();
    stop.mutate(undefined, {
      onSuccess: () => {
        setAskingToStop(false);
        state.update((snapshot) => {
          if (running && snapshot.recording?.id === running.id) snapshot.recording.status = 'stopping';
        });
      },
    });
  };

  return (
    <section class="console-recording" data-testid="recording-controls" aria-label={t('roomConsole.recording.heading')}>
      <Switch>
        <Match when={recording()}>
          {(running) => (
            <>
              <p class="console-recording__state" data-status={running().status}>
                <span class="console-recording__dot" aria-hidden="true" />
                <Switch>
                  <Match when={running().status === 'starting'}>{t('roomConsole.recording.starting')}</Match>
                  <Match when={running().status === 'stopping'}>{t('roomConsole.recording.stopping')}</Match>
                  <Match when={true}>
                    {t('roomConsole.recording.since', { time: shortTime(running().startedAt) })}
                  </Match>
                </Switch>
              </p>
              <button
                type="button"
                class="button button--danger-quiet button--wide"
                data-testid="recording-stop"
                aria-disabled={running().status === 'stopping' || stop.isPending}
                onClick={() => {
                  if (running().status === 'stopping' || stop.isPending) return;
                  stop.reset();
                  setAskingToStop(true);
                }}
              >
                <span class="console-recording__square" aria-hidden="true" />
                {t('roomConsole.recording.stop')}
              </button>
            </>
          )}
        </Match>
        <Match when={true}>
          <button
            type="button"
            class="button button--wide console-recording__start"
            data-testid="recording-start"
            aria-disabled={!live() || start.isPending}
            aria-describedby={live() ? undefined : reasonId}
            onClick={startRecording}
          >
            <span class="console-recording__dot" aria-hidden="true" />
            {start.isPending ? t('roomConsole.recording.starting') : t('roomConsole.recording.start')}
          </button>
          <Show when={!live()}>
            <p id={reasonId} class="console-hint">
              {t('roomConsole.recording.notLive')}
            </p>
          </Show>
        </Match>
      </Switch>
      <Show when={live()}>
        <p class="console-hint">{t('roomConsole.recording.hint')}</p>
      </Show>
      <FormProblem error={start.error ?? (askingToStop() ? null : stop.error)} />
      <ConfirmDialog
        open={askingToStop()}
        title={t('roomConsole.recording.stopTitle')}
        confirmLabel={t('roomConsole.recording.stopConfirm')}
        dismissLabel={t('roomConsole.recording.keep')}
        danger
        pending={stop.isPending}
        onClose={() => setAskingToStop(false)}
        onConfirm={stopRecording}
      >
        <p>{t('roomConsole.recording.stopBody')}</p>
        <FormProblem error={stop.error} />
      </ConfirmDialog>
    </section>
  );
}
