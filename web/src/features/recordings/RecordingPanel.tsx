import { type Recording, recordingStatusGroups, type Session, type SessionStatus } from '@serambi/shared';
import { A } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createSignal, createUniqueId, For, Match, Show, Switch } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { expectSuccess } from '../../api/problem.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { sessionKeys } from '../sessions/sessions-api.ts';
import { RecordingItem } from './RecordingItem.tsx';
import { RecordingSettingsForm } from './RecordingSettingsForm.tsx';
import { sessionRecordingsQuery, useStartSessionRecording, useStopSessionRecording } from './recordings-api.ts';
import './recordings.css';

const isActive = (recording: Recording) =>
  (recordingStatusGroups.active as readonly string[]).includes(recording.status);

/**
 * The organizer's view of a session's recordings on its manage page: each part with its status
 * (and progress while it is finished), download and delete; start and stop while the session is
 * live; who may watch the replay, recording by itself on going live, and how long it is kept.
 */
export function RecordingPanel(props: { session: Session }) {
  const { t } = useI18n();
  const api = useApi();
  const recordings = useQuery(() => sessionRecordingsQuery(api, props.session.slug));
  const headingId = createUniqueId();
  return (
    <section class="card form-section recording-panel" aria-labelledby={headingId} data-testid="recording-panel">
      <h2 id={headingId} class="form-section__heading">
        {t('recordings.heading')}
      </h2>
      <p class="recording-panel__lead">{t('recordings.lead')}</p>
      <QueryState query={recordings}>
        {(found) => (
          <>
            <RecordingStartStop session={props.session} active={found().recordings.find(isActive)} />
            <Show
              when={found().recordings.length > 0}
              fallback={<p class="empty-state recording-panel__empty">{t('recordings.none')}</p>}
            >
              <ul class="recording-list" data-testid="recording-list">
                <For each={found().recordings}>
                  {(recording) => (
                    <RecordingItem
                      recording={recording}
                      sessionRef={props.session.slug}
                      timeZone={props.session.timeZone}
                    />
                  )}
                </For>
              </ul>
            </Show>
            <RecordingSettingsForm sessionRef={props.session.slug} settings={found().settings} />
            <p class="recording-panel__retention" data-testid="recording-retention">
              {found().settings.retentionDays === null
                ? t('recordings.retentionForever')
                : t('recordings.retentionDays', { days: found().settings.retentionDays ?? 0 })}{' '}
              <A href={`/manage/${props.session.community.slug}#community-settings`}>{t('recordings.retentionLink')}</A>
            </p>
          </>
        )}
      </QueryState>
    </section>
  );
}

/**
 * The session's status as the room changes it: the page's own copy of the session feeds its
 * form and stays as loaded, so this reads the status anew while the session may still go live
 * or end, and Start recording appears without a reload.
 */
function useCurrentStatus(session: () => Session) {
  const api = useApi();
  const status = useQuery(() => ({
    queryKey: [...sessionKeys.one(session().slug), 'status'],
    queryFn: async () =>
      (await expectSuccess(await api.sessions[':ref'].$get({ param: { ref: session().slug } }))).status,
    initialData: session().status,
    refetchInterval: (query: { state: { data?: SessionStatus } }) =>
      query.state.data === 'scheduled' || query.state.data === 'live' ? STATUS_POLL_MS : false,
  }));
  return () => status.data ?? session().status;
}

const STATUS_POLL_MS = 10_000;

/** Start recording while the session is live, or stop the one running after a confirmation. */
function RecordingStartStop(props: { session: Session; active: Recording | undefined }) {
  const { t } = useI18n();
  const status = useCurrentStatus(() => props.session);
  const start = useStartSessionRecording(() => props.session.slug);
  const stop = useStopSessionRecording(() => props.session.slug);
  const [askingToStop, setAskingToStop] = createSignal(false);
  return (
    <div class="recording-panel__controls">
      <Switch>
        <Match when={props.active}>
          {(active) => (
            <button
              type="button"
              class="button button--danger-quiet"
              data-testid="panel-recording-stop"
              aria-disabled={active().status === 'stopping'}
              onClick={() => {
                if (active().status === 'stopping') return;
                stop.reset();
                setAskingToStop(true);
              }}
            >
              <span class="recording-panel__square" aria-hidden="true" />
              {t('recordings.stop')}
            </button>
          )}
        </Match>
        <Match when={status() === 'live'}>
          <button
            type="button"
            class="button"
            data-testid="panel-recording-start"
            aria-disabled={start.isPending}
            onClick={() => {
              if (start.isPending) return;
              stop.reset();
              start.mutate();
            }}
          >
            <span class="recording-panel__dot" aria-hidden="true" />
            {t('recordings.start')}
          </button>
        </Match>
        <Match when={status() === 'scheduled' || status() === 'draft'}>
          <p class="recording-panel__hint">{t('recordings.notLive')}</p>
        </Match>
      </Switch>
      <FormProblem error={start.error ?? (askingToStop() ? null : stop.error)} />
      <ConfirmDialog
        open={askingToStop()}
        title={t('recordings.stopTitle')}
        confirmLabel={t('recordings.stopConfirm')}
        dismissLabel={t('recordings.keepRecording')}
        danger
        pending={stop.isPending}
        onClose={() => setAskingToStop(false)}
        onConfirm={() => stop.mutate(undefined, { onSuccess: () => setAskingToStop(false) })}
      >
        <p>{t('recordings.stopBody')}</p>
        <FormProblem error={stop.error} />
      </ConfirmDialog>
    </div>
  );
}
