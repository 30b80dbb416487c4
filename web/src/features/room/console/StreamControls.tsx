import type { LiveStream, RoomSnapshot } from '@serambi/shared';
import { createSignal, createUniqueId, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../../ui/form/FormProblem.tsx';
import { useRoom } from '../room-context.ts';
import { useShortTime } from '../short-time.ts';
import { useStartStream, useStopStream } from './console-api.ts';

/**
 * The live stream to YouTube or another RTMP server, for moderators: where it goes (the host and
 * the key's last characters), its state as the streamer reports it (connecting, live, failed with
 * the destination's answer, retrying), start while the session is live and stop after a
 * confirmation. The state arrives as events for moderators only; the audience never sees it.
 */
export function StreamControls(props: { snapshot: RoomSnapshot }) {
  const { t } = useI18n();
  const { state } = useRoom();
  const shortTime = useShortTime();
  const start = useStartStream();
  const stop = useStopStream();
  const [askingToStop, setAskingToStop] = createSignal(false);
  const reasonId = createUniqueId();
  const stream = () => props.snapshot.liveStream;
  const live = () => props.snapshot.session.status === 'live';
  const running = () => (stream()?.state ?? 'stopped') !== 'stopped';
  const hasDestination = () => Boolean(stream()?.destinationHost);
  const show = (next: LiveStream) =>
    state.update((snapshot) => {
      snapshot.liveStream = next;
    });

  const stateText = (current: LiveStream) => {
    const host = current.destinationHost ?? '';
    const reason = current.reason ?? '';
    switch (current.state) {
      case 'connecting':
        return t('roomConsole.liveStream.states.connecting', { host });
      case 'live':
        return t('roomConsole.liveStream.states.live', { host, time: shortTime(current.since) });
      case 'failed':
        return t('roomConsole.liveStream.states.failed', { reason });
      case 'retrying':
        return t('roomConsole.liveStream.states.retrying', { reason, seconds: current.retryInSeconds ?? 0 });
      default:
        return t('roomConsole.liveStream.states.stopped');
    }
  };

  return (
    <section class="console-stream" data-testid="stream-controls" aria-label={t('roomConsole.liveStream.heading')}>
      <h3 class="console-stream__heading">{t('roomConsole.liveStream.heading')}</h3>
      <Show when={stream()} keyed>
        {(current) => (
          <>
            <p class="console-stream__state" data-state={current.state} data-testid="stream-state" role="status">
              <span class="console-stream__dot" aria-hidden="true" />
              {stateText(current)}
            </p>
            <Show when={current.destinationHost}>
              {(host) => (
                <p class="console-hint console-stream__destination">
                  {current.keyEnding
                    ? t('roomConsole.liveStream.destination', { host: host(), ending: current.keyEnding })
                    : t('roomConsole.liveStream.destinationNoEnding', { host: host() })}
                </p>
              )}
            </Show>
          </>
        )}
      </Show>
      <Switch>
        <Match when={running()}>
          <button
            type="button"
            class="button button--danger-quiet button--wide"
            data-testid="stream-stop"
            aria-disabled={stop.isPending}
            onClick={() => {
              if (stop.isPending) return;
              stop.reset();
              setAskingToStop(true);
            }}
          >
            <span class="console-recording__square" aria-hidden="true" />
            {t('roomConsole.liveStream.stop')}
          </button>
        </Match>
        <Match when={!hasDestination()}>
          <p class="console-hint" data-testid="stream-no-destination">
            {t('roomConsole.liveStream.noDestination')}
          </p>
        </Match>
        <Match when={true}>
          <button
            type="button"
            class="button button--wide"
            data-testid="stream-start"
            aria-disabled={!live() || start.isPending}
            aria-describedby={live() ? undefined : reasonId}
            onClick={() => {
              if (start.isPending || !live()) return;
              stop.reset();
              start.mutate(undefined, { onSuccess: show });
            }}
          >
            <span class="console-stream__dot" aria-hidden="true" />
            {t('roomConsole.liveStream.start')}
          </button>
          <Show when={!live()}>
            <p id={reasonId} class="console-hint">
              {t('roomConsole.liveStream.notLive')}
            </p>
          </Show>
        </Match>
      </Switch>
      <Show when={live() && hasDestination()}>
        <p class="console-hint">{t('roomConsole.liveStream.hint')}</p>
      </Show>
      <FormProblem error={start.error ?? (askingToStop() ? null : stop.error)} />
      <ConfirmDialog
        open={askingToStop()}
        title={t('roomConsole.liveStream.stopTitle')}
        confirmLabel={t('roomConsole.liveStream.stopConfirm')}
        dismissLabel={t('roomConsole.liveStream.keep')}
        danger
        pending={stop.isPending}
        onClose={() => setAskingToStop(false)}
        onConfirm={() =>
          stop.mutate(undefined, {
            onSuccess: (stopped) => {
              setAskingToStop(false);
              show(stopped);
            },
          })
        }
      >
        <p>{t('roomConsole.liveStream.stopBody')}</p>
        <FormProblem error={stop.error} />
      </ConfirmDialog>
    </section>
  );
}
