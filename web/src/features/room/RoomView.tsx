import type { RoomSnapshot } from '@serambi/shared';
import { Match, Show, Suspense, Switch } from 'solid-js';
import { usePageTitle } from '../../app/page-title.ts';
import { loadMessages, useI18n } from '../../i18n/I18nProvider.tsx';
import { lazyComponent } from '../../ui/lazy-component.ts';
import { ConnectedRoom } from './ConnectedRoom.tsx';
import { createRoomState } from './create-room-state.ts';
import { useRoomApi } from './room-api.ts';
import './room.css';

// The screens before the room (waiting, the lobby) and after it (its feedback form), and the
// team's device check, load when shown: none of them is on the way to a live stage.
const WaitingScreen = lazyComponent(() => import('./WaitingScreen.tsx').then((module) => module.WaitingScreen));
const RoomEndScreen = lazyComponent(() =>
  Promise.all([import('./RoomEndScreen.tsx'), loadMessages(['public', 'afterSession'])]).then(
    ([module]) => module.RoomEndScreen,
  ),
);
const TeamDeviceSetup = lazyComponent(() =>
  Promise.all([import('./TeamDeviceSetup.tsx'), loadMessages(['public', 'devices'])]).then(
    ([module]) => module.TeamDeviceSetup,
  ),
);

/**
 * The live room of one session for one visitor, from the door to the end: waiting, lobby,
 * device check, backstage, stage, and the screens after. `joinSecret` is a registrant's
 * personal link; without it the signed-in account is used.
 */
export function RoomView(props: { sessionRef: string; joinSecret?: string }) {
  const { t } = useI18n();
  const api = useRoomApi(() => props.sessionRef);
  const state = createRoomState(
    api,
    () => props.joinSecret,
    () => props.sessionRef,
  );
  usePageTitle(() => (state.snapshot() ?? state.lobby())?.session.title ?? t('room.title'));
  const phase = state.phase;
  const phaseIs = <N extends ReturnType<typeof phase>['name']>(name: N) => {
    const current = phase();
    return current.name === name ? (current as Extract<ReturnType<typeof phase>, { name: N }>) : undefined;
  };
  // The audience is asked for feedback with their room ticket; the team is not asked about its own session.
  const feedbackOffer = () =>
    state.snapshot()?.me.role === 'participant' && state.ticket()
      ? { sessionRef: props.sessionRef, ticket: state.ticket }
      : undefined;
  return (
    <div class="room-page">
      <Show when={state.reconnecting()}>
        <p class="room-reconnecting" role="status" data-testid="reconnecting">
          <span class="room-reconnecting__spinner" aria-hidden="true" />
          {t('room.reconnecting')}
        </p>
      </Show>
      <Show when={state.breakouts.trouble()}>
        {(trouble) => (
          <div class="room-reconnecting room-move-trouble" role="alert" data-testid="breakout-move-trouble">
            <span>{t(trouble().stuck ? 'breakouts.trouble.stuck' : `breakouts.trouble.${trouble().direction}`)}</span>
            <button type="button" class="button button--small" onClick={() => state.breakouts.retryNow()}>
              {t('breakouts.trouble.retryNow')}
            </button>
          </div>
        )}
      </Show>
      <Switch>
        <Match
          when={phaseIs('ended') ?? phaseIs('left') ?? phaseIs('removed') ?? phaseIs('refused') ?? phaseIs('elsewhere')}
        >
          {(outcome) => (
            <Suspense>
              <RoomEndScreen
                sessionRef={props.sessionRef}
                snapshot={state.snapshot()}
                outcome={outcome()}
                feedback={feedbackOffer()}
                onRetry={state.retry}
              />
            </Suspense>
          )}
        </Match>
        <Match when={(phaseIs('lobby') ?? phaseIs('denied')) && state.lobby()}>
          {(lobby) => (
            <Suspense>
              <WaitingScreen snapshot={lobby()} reason={phase().name === 'denied' ? 'denied' : 'lobby'} />
            </Suspense>
          )}
        </Match>
        <Match
          when={phase().name === 'joining' || !state.snapshot() || (phase().name === 'connected' && !state.live())}
        >
          <p class="loading room-page__joining" role="status" data-testid="room-joining">
            <Show when={state.breakouts.moving()} fallback={t('room.joining')}>
              {(direction) => t(`breakouts.moving.${direction()}`)}
            </Show>
          </p>
        </Match>
        <Match when={phaseIs('doorsClosed') ?? phaseIs('lobby') ?? phaseIs('denied')}>
          {(waiting) => (
            <Suspense>
              <WaitingScreen snapshot={state.snapshot() as RoomSnapshot} reason={waiting().name} />
            </Suspense>
          )}
        </Match>
        <Match when={phase().name === 'deviceSetup'}>
          <Suspense>
            <TeamDeviceSetup
              live={state.snapshot()?.session.status === 'live'}
              recordingNotice={state.snapshot()?.recordingNotice ?? false}
              onReady={(choice) => state.chooseMedia(choice)}
            />
          </Suspense>
        </Match>
        <Match when={phase().name === 'connected' && state.live()} keyed>
          {(live) => (
            <ConnectedRoom
              state={state}
              api={api}
              live={live}
              snapshot={state.snapshot() as RoomSnapshot}
              sessionRef={props.sessionRef}
            />
          )}
        </Match>
      </Switch>
    </div>
  );
}
