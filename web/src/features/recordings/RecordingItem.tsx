import { intlLocaleOf, type Recording, zoneAbbreviation } from '@serambi/shared';
import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { DownloadIcon } from '../../ui/DownloadIcon.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { formatMediaTime } from './media-time.ts';
import { formatFileSize, isRecordingBusy } from './recording-status.ts';
import { useDeleteRecording } from './recordings-api.ts';

/**
 * One part in the organizer's list: its poster, status in words (with the progress while it is
 * being finished), when and by whom it started, length and size, what went wrong if anything,
 * when retention deletes it, and Download and Delete.
 */
export function RecordingItem(props: { recording: Recording; sessionRef: string; timeZone: string }) {
  const { t, locale } = useI18n();
  const remove = useDeleteRecording(() => props.sessionRef);
  const [askingToDelete, setAskingToDelete] = createSignal(false);
  const recording = () => props.recording;
  const part = () => recording().part;
  const when = (instant: string, withTime = true) => {
    const formatted = new Intl.DateTimeFormat(intlLocaleOf(locale()), {
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
      timeZone: props.timeZone,
    }).format(new Date(instant));
    return withTime ? `${formatted} ${zoneAbbreviation(props.timeZone, instant, locale())}` : formatted;
  };
  const started = () => {
    const time = when(recording().startedAt);
    const name = recording().startedBy;
    return name ? t('recordings.startedBy', { time, name }) : t('recordings.startedAutomatically', { time });
  };
  const percent = () => Math.round((recording().progress ?? 0) * 100);
  // The server refuses while the recorder or the finishing job still writes the file.
  const deletable = () => !isRecordingBusy(recording().status);

  return (
    <li class="recording-item" data-testid="recording-item" data-status={recording().status} data-part={part()}>
      <div class="recording-item__poster">
        <Show when={recording().posterUrl} fallback={<span class="recording-item__no-poster" aria-hidden="true" />}>
          {(poster) => <img src={poster()} alt="" />}
        </Show>
      </div>
      <div class="recording-item__body">
        <p class="recording-item__title">
          <strong>{t('recordings.part', { number: part() })}</strong>
          <span class={`recording-status recording-status--${recording().status}`} data-testid="recording-status">
            {t(`recordings.statuses.${recording().status}`)}
          </span>
        </p>
        <p class="recording-item__started">{started()}</p>
        <Show when={recording().status === 'processing'}>
          <div class="recording-item__progress">
            <progress
              max="100"
              value={percent()}
              aria-label={t('recordings.progressLabel', { number: part() })}
              data-testid="recording-progress"
            />
            <span aria-hidden="true">{t('recordings.progress', { percent: percent() })}</span>
          </div>
        </Show>
        <Show when={recording().durationMs !== null || recording().sizeBytes !== null}>
          <dl class="recording-item__facts">
            <Show when={recording().durationMs}>
              {(ms) => (
                <div>
                  <dt>{t('recordings.duration')}</dt>
                  <dd>{formatMediaTime(ms() / 1000)}</dd>
                </div>
              )}
            </Show>
            <Show when={recording().sizeBytes}>
              {(bytes) => (
                <div>
                  <dt>{t('recordings.size')}</dt>
                  <dd>{formatFileSize(bytes(), locale())}</dd>
                </div>
              )}
            </Show>
          </dl>
        </Show>
        <Show when={recording().failure}>
          {(failure) => (
            <p class="recording-item__failure" data-testid="recording-failure">
              {t(`recordings.failures.${failure()}`)}
            </p>
          )}
        </Show>
        <Show when={recording().partial}>
          <p class="recording-item__partial">{t('recordings.partial')}</p>
        </Show>
        <Show when={recording().status === 'expired'}>
          <p class="recording-item__note">{t('recordings.expiredNote')}</p>
        </Show>
        <Show when={recording().status !== 'expired' && recording().expiresAt}>
          {(expiresAt) => (
            <p class="recording-item__note">{t('recordings.expiresAt', { date: when(expiresAt(), false) })}</p>
          )}
        </Show>
        <div class="button-row recording-item__actions">
          <Show when={recording().downloadUrl}>
            {(href) => (
              <a
                class="button button--small"
                href={href()}
                rel="external"
                download=""
                aria-label={t('recordings.downloadLabel', { number: part() })}
                data-testid="recording-download"
              >
                <DownloadIcon />
                {t('recordings.download')}
              </a>
            )}
          </Show>
          <Show when={deletable()}>
            <button
              type="button"
              class="button button--small button--danger-quiet"
              aria-label={t('recordings.deleteLabel', { number: part() })}
              data-testid="recording-delete"
              onClick={() => {
                remove.reset();
                setAskingToDelete(true);
              }}
            >
              {t('recordings.delete')}
            </button>
          </Show>
        </div>
      </div>
      <ConfirmDialog
        open={askingToDelete()}
        title={t('recordings.deleteTitle', { number: part() })}
        confirmLabel={t('recordings.deleteConfirm')}
        dismissLabel={t('recordings.keep')}
        danger
        pending={remove.isPending}
        onClose={() => setAskingToDelete(false)}
        onConfirm={() => remove.mutate(recording(), { onSuccess: () => setAskingToDelete(false) })}
      >
        <p>{t('recordings.deleteBody')}</p>
        <FormProblem error={remove.error} />
      </ConfirmDialog>
    </li>
  );
}
