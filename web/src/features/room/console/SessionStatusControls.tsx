import { intlLocaleOf, type RoomSnapshot } from '@serambi/shared';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../../ui/form/FormProblem.tsx';
import { SessionStatusBadge } from '../../sessions/SessionStatusBadge.tsx';
import { useEndSession, useGoLive } from './console-api.ts';
import { RecordingControls } from './RecordingControls.tsx';
import { StreamControls } from './StreamControls.tsx';

/**
 * Where the session is (not live yet, live, ended), how many are in, the one big button of the
 * moment (Go live, or End session after a confirmation), and recording. Always in view above the tabs.
 */
export function SessionStatusControls(props: { snapshot: RoomSnapshot }) {
  const { t, locale } = useI18n();
  const goLive = useGoLive();
  const end = useEndSession();
  const [askingToEnd, setAskingToEnd] = createSignal(false);
  const status = () => props.snapshot.session.status;
  const connected = () => new Intl.NumberFormat(intlLocaleOf(locale())).format(props.snapshot.presence.connected);
  return (
    <div class="console-status">
      <p class="console-status__line" aria-live="polite">
        <Show when={status() === 'scheduled'} fallback={<SessionStatusBadge status={status()} />}>
          <span class="badge badge--draft">{t('roomConsole.status.notLive')}</span>
        </Show>
        <span class="console-status__presence">{t('roomConsole.status.connected', { count: connected() })}</span>
      </p>
      <Switch>
        <Match when={status() === 'scheduled'}>
          <p class="console-hint">{t('roomConsole.status.goLiveHint')}</p>
          <button
            type="button"
            class="button button--primary button--wide"
            data-testid="go-live-console"
            aria-disabled={goLive.isPending}
            onClick={() => {
              if (!goLive.isPending) goLive.mutate();
            }}
          >
            {t('roomConsole.status.goLive')}
          </button>
          <FormProblem error={goLive.error} />
        </Match>
        <Match when={status() === 'live'}>
          <button
            type="button"
            class="button button--danger-quiet button--wide"
            data-testid="end-session"
            onClick={() => {
              end.reset();
              setAskingToEnd(true);
            }}
          >
            {t('roomConsole.status.endSession')}
          </button>
          <ConfirmDialog
            open={askingToEnd()}
            title={t('roomConsole.status.endTitle')}
            confirmLabel={t('roomConsole.status.endConfirm')}
            danger
            pending={end.isPending}
            onClose={() => setAskingToEnd(false)}
            onConfirm={() => end.mutate(undefined, { onSuccess: () => setAskingToEnd(false) })}
          >
            <p>{t('roomConsole.status.endBody')}</p>
            <FormProblem error={end.error} />
          </ConfirmDialog>
        </Match>
        <Match when={status() === 'ended'}>
          <p class="console-hint">{t('roomConsole.status.ended')}</p>
        </Match>
      </Switch>
      <Show when={status() === 'scheduled' || status() === 'live'}>
        <RecordingControls snapshot={props.snapshot} />
        <StreamControls snapshot={props.snapshot} />
      </Show>
    </div>
  );
}
