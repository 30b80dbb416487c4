import { isTeamRole, type RoomSnapshot } from '@serambi/shared';
import { createMemo, createSignal, Match, Show, Switch } from 'solid-js';
import { usePageTitle } from '../../app/page-title.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { BackstageBar } from './BackstageBar.tsx';
import { ModeratorConsole } from './console/ModeratorConsole.tsx';
import type { LiveRoom } from './create-live-room.ts';
import { createRoomState, type RoomState } from './create-room-state.ts';
import { createLowBandwidthPreference } from './low-bandwidth.ts';
import { RoomControls } from './RoomControls.tsx';
import { RoomEndScreen } from './RoomEndScreen.tsx';
import { type RoomApi, useRoomApi } from './room-api.ts';
import { PeopleIcon } from './room-icons.tsx';
import { StageInvitationDialog } from './StageInvitationDialog.tsx';
import { StageView } from './StageView.tsx';
import { TeamDeviceSetup } from './TeamDeviceSetup.tsx';
import { WaitingScreen } from './WaitingScreen.tsx';
import './room.css';

/**
 * The live room of one session for one visitor, from the door to the end: waiting, lobby,
 * device check, backstage, stage, and the screens after. `joinSecret` is a registrant's
 * personal link; without it the signed-in account is used.
 */
export function RoomView(props: { sessionRef: string; joinSecret?: string }) {
  const { t } = useI18n();
  const api = useRoomApi(() => props.sessionRef);
  const state = createRoomState(api, () => props.joinSecret);
  usePageTitle(() => state.snapshot()?.session.title ?? t('room.title'));
  const phase = state.phase;
  const phaseIs = <N extends ReturnType<typeof phase>['name']>(name: N) => {
    const current = phase();
    return current.name === name ? (current as Extract<ReturnType<typeof phase>, { name: N }>) : undefined;
  };
  return (
    <div class="room-page">
      <Show when={state.reconnecting()}>
        <p class="room-reconnecting" role="status" data-testid="reconnecting">
          <span class="room-reconnecting__spinner" aria-hidden="true" />
          {t('room.reconnecting')}
        </p>
      </Show>
      <Switch>
        <Match when={phaseIs('ended') ?? phaseIs('removed') ?? phaseIs('refused') ?? phaseIs('elsewhere')}>
          {(outcome) => (
            <RoomEndScreen
              sessionRef={props.sessionRef}
              snapshot={state.snapshot()}
              outcome={outcome()}
              onRetry={state.retry}
            />
          )}
        </Match>
        <Match
          when={phase().name === 'joining' || !state.snapshot() || (phase().name === 'connected' && !state.live())}
        >
          <p class="loading room-page__joining" role="status">
            {t('room.joining')}
          </p>
        </Match>
        <Match when={phaseIs('doorsClosed') ?? phaseIs('lobby') ?? phaseIs('denied')}>
          {(waiting) => <WaitingScreen snapshot={state.snapshot() as RoomSnapshot} reason={waiting().name} />}
        </Match>
        <Match when={phase().name === 'deviceSetup'}>
          <TeamDeviceSetup
            live={state.snapshot()?.session.status === 'live'}
            onReady={(choice) => state.chooseMedia(choice)}
          />
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

/** Connected to LiveKit: the backstage, the waiting room before the start, or the stage; the console beside. */
function ConnectedRoom(props: {
  state: RoomState;
  api: RoomApi;
  live: LiveRoom;
  snapshot: RoomSnapshot;
  sessionRef: string;
}) {
  const { t } = useI18n();
  const [lowBandwidth, setLowBandwidth] = createLowBandwidthPreference();
  const [tab, setTab] = createSignal<'stage' | 'console'>('stage');
  const session = () => props.snapshot.session;
  const me = () => props.snapshot.me;
  const isModerator = () => me().role === 'moderator';
  const backstage = () => props.live.kind === 'backstage';
  const onStage = () => backstage() || session().status === 'live';
  const onStageGuests = createMemo(
    () => new Set(props.snapshot.guests.filter((guest) => guest.state === 'on_stage').map((guest) => guest.identity)),
  );
  return (
    <div class="room" classList={{ 'room--with-console': isModerator() }} data-tab={tab()}>
      <header class="room__header">
        <div class="room__heading">
          <p class="room__community">{session().community.name}</p>
          <h1 class="room__title">{session().title}</h1>
        </div>
        <div class="room__status">
          <Show when={session().status === 'live'} fallback={<span class="badge">{t('room.notLive')}</span>}>
            <span class="badge badge--live room__live">{t('room.live')}</span>
          </Show>
          <span class="room__presence" data-testid="presence-count">
            <PeopleIcon size={18} />
            {t('room.presence', { n: props.snapshot.presence.connected })}
          </span>
        </div>
      </header>

      <Show when={isModerator()}>
        <div class="room__tabs" role="tablist" aria-label={t('room.panel.tabs')}>
          <button
            type="button"
            role="tab"
            class="room__tab"
            aria-selected={tab() === 'stage'}
            onClick={() => setTab('stage')}
          >
            {t('room.panel.stage')}
          </button>
          <button
            type="button"
            role="tab"
            class="room__tab"
            aria-selected={tab() === 'console'}
            onClick={() => setTab('console')}
          >
            {t('room.panel.console')}
          </button>
        </div>
      </Show>

      <div class="room__main">
        <Switch>
          <Match when={backstage()}>
            <div class="room__backstage" data-testid="backstage">
              <BackstageBar state={props.state} api={props.api} isModerator={isModerator()} />
              <StageView
                live={props.live}
                onStageGuests={onStageGuests()}
                lowBandwidth={false}
                onLowBandwidth={() => undefined}
                testId="backstage-stage"
                label={t('room.backstage.title')}
                empty={t('room.backstage.empty')}
              />
            </div>
          </Match>
          <Match when={session().status === 'live'}>
            <StageView
              live={props.live}
              onStageGuests={onStageGuests()}
              lowBandwidth={lowBandwidth()}
              onLowBandwidth={setLowBandwidth}
              testId="stage"
              label={t('room.stage.label')}
              empty={t('room.stage.empty')}
            />
          </Match>
          <Match when={true}>
            <WaitingScreen snapshot={props.snapshot} reason="startingSoon" withHeading={false} />
          </Match>
        </Switch>
        <Show when={onStage()}>
          <RoomControls
            state={props.state}
            api={props.api}
            live={props.live}
            snapshot={props.snapshot}
            lowBandwidth={lowBandwidth()}
            onLowBandwidth={setLowBandwidth}
          />
        </Show>
      </div>

      <Show when={isModerator()}>
        <aside class="room__console" aria-label={t('roomConsole.title')}>
          <ModeratorConsole
            sessionRef={props.sessionRef}
            ticket={props.state.ticket}
            snapshot={props.snapshot}
            room={props.state.room}
          />
        </aside>
      </Show>

      <Show when={!isTeamRole(me().role)}>
        <StageInvitationDialog open={me().stage === 'invited'} state={props.state} api={props.api} />
      </Show>
    </div>
  );
}
