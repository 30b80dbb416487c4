import type { RoomSnapshot } from '@serambi/shared';
import { isTeamRole } from '@serambi/shared';
import {
  createMemo,
  createSignal,
  createUniqueId,
  For,
  type JSX,
  Match,
  onCleanup,
  Show,
  Suspense,
  Switch,
} from 'solid-js';
import { loadMessages, useI18n } from '../../i18n/I18nProvider.tsx';
import { lazyComponent } from '../../ui/lazy-component.ts';
import { pollsWaitingForMe } from '../polls/poll-state.ts';
import { createFloatingReactions } from '../reactions/reactions-context.ts';
import type { LiveRoom } from './create-live-room.ts';
import type { RoomState } from './create-room-state.ts';
import { createUnreadCount } from './create-unread-count.ts';
import { createWideScreen } from './create-wide-screen.ts';
import { createLowBandwidthPreference } from './low-bandwidth.ts';
import { RecordingIndicator, StageRecordingMark } from './RecordingIndicator.tsx';
import { RoomControls } from './RoomControls.tsx';
import type { RoomApi } from './room-api.ts';
import { RoomProvider } from './room-context.ts';
import { LeaveIcon, PeopleIcon } from './room-icons.tsx';
import { StageView } from './StageView.tsx';
import { type TabCount, TabList } from './TabList.tsx';

// What the audience does not need before the speaker's first frame loads after it, each in its
// own chunk: the panels (materials too), the moderators' console, the backstage bar, the stage invitation, and
// around the stage the announcement, the reactions rising over it and the bar that sends them.
// The waiting screen before the start loads when it is shown.
const AnnouncementBanner = lazyComponent(() =>
  import('../chat/AnnouncementBanner.tsx').then((module) => module.AnnouncementBanner),
);
const FloatingReactions = lazyComponent(() =>
  import('../reactions/FloatingReactions.tsx').then((module) => module.FloatingReactions),
);
const ReactionBar = lazyComponent(() => import('../reactions/ReactionBar.tsx').then((module) => module.ReactionBar));
const WaitingScreen = lazyComponent(() => import('./WaitingScreen.tsx').then((module) => module.WaitingScreen));
const QaPanel = lazyComponent(() =>
  Promise.all([import('../qa/QaPanel.tsx'), loadMessages(['panels', 'asking'])]).then(([module]) => module.QaPanel),
);
const ChatPanel = lazyComponent(() =>
  Promise.all([import('../chat/ChatPanel.tsx'), loadMessages(['panels', 'asking'])]).then(
    ([module]) => module.ChatPanel,
  ),
);
const PollsPanel = lazyComponent(() =>
  Promise.all([import('../polls/PollsPanel.tsx'), loadMessages(['panels'])]).then(([module]) => module.PollsPanel),
);
const MaterialsPanel = lazyComponent(() =>
  Promise.all([import('../materials/MaterialsPanel.tsx'), loadMessages(['materials'])]).then(
    ([module]) => module.MaterialsPanel,
  ),
);
const PinnedMaterialNotice = lazyComponent(() =>
  import('../materials/PinnedMaterialNotice.tsx').then((module) => module.PinnedMaterialNotice),
);
const ModeratorConsole = lazyComponent(() =>
  Promise.all([
    import('./console/ModeratorConsole.tsx'),
    loadMessages(['console', 'panels', 'asking', 'breakouts']),
  ]).then(([module]) => module.ModeratorConsole),
);
// Breakout tables: drawn only while tables are open.
const TableView = lazyComponent(() =>
  Promise.all([import('../breakouts/TableView.tsx'), loadMessages(['breakouts'])]).then(([module]) => module.TableView),
);
const BreakoutBanner = lazyComponent(() =>
  Promise.all([import('../breakouts/BreakoutBanner.tsx'), loadMessages(['breakouts'])]).then(
    ([module]) => module.BreakoutBanner,
  ),
);
const BackstageBar = lazyComponent(() => import('./BackstageBar.tsx').then((module) => module.BackstageBar));
const WhipPanel = lazyComponent(() => import('../whip/WhipPanel.tsx').then((module) => module.WhipPanel));
const StageInvitationDialog = lazyComponent(() =>
  Promise.all([import('./StageInvitationDialog.tsx'), loadMessages(['public', 'devices'])]).then(
    ([module]) => module.StageInvitationDialog,
  ),
);

/**
 * Without a picture on the stage (only sound, nobody on it yet), the panels load this long after
 * connecting; long enough that a slow phone's first frame comes first.
 */
const PANELS_AT_THE_LATEST_MS = 4_000;

/** The panels beside the stage; moderators have their console as one more. */
type PanelId = 'qa' | 'chat' | 'polls' | 'materials' | 'console';
/** On a phone the stage is a tab of its own. */
type TabId = 'stage' | PanelId;

/**
 * Connected to LiveKit: the backstage, the waiting room before the start, or the stage, with
 * reactions under it and, when a moderator pinned a file, "Materials available" over it; beside
 * it (behind tabs on a phone) Q&A, chat, polls, materials and, for moderators, the console.
 */
export function ConnectedRoom(props: {
  state: RoomState;
  api: RoomApi;
  live: LiveRoom;
  snapshot: RoomSnapshot;
  sessionRef: string;
}) {
  const { t } = useI18n();
  const [lowBandwidth, setLowBandwidth] = createLowBandwidthPreference();
  const wide = createWideScreen();
  const ids = createUniqueId();
  const session = () => props.snapshot.session;
  const me = () => props.snapshot.me;
  const isModerator = () => me().role === 'moderator';
  const backstage = () => props.live.kind === 'backstage';
  const atTable = () => props.live.kind === 'table';
  /** Tables open now, as far as this viewer knows. */
  const breakouts = () => (props.snapshot.breakouts?.status === 'open' ? props.snapshot.breakouts : undefined);
  const live = () => session().status === 'live' && !backstage();
  const onStage = () => backstage() || session().status === 'live';
  const onStageGuests = createMemo(
    () => new Set(props.snapshot.guests.filter((guest) => guest.state === 'on_stage').map((guest) => guest.identity)),
  );

  // ---- What loads after the stage ---------------------------------------------------------

  // The team works in the panels and the console from the start; the audience first sees the
  // stage, and the panels' code follows its first picture (or a panel they open).
  const [stageShown, setStageShown] = createSignal(false);
  const showStage = () => {
    if (stageShown()) return;
    setStageShown(true);
    props.state.stageShown();
  };
  if (isTeamRole(me().role)) showStage();
  const latest = setTimeout(showStage, PANELS_AT_THE_LATEST_MS);
  onCleanup(() => clearTimeout(latest));
  // Once the first frame is on the screen and the browser has a moment, not while it decodes it.
  const onFirstPicture = (event: Event) => {
    const video = event.target;
    if (!(video instanceof HTMLVideoElement) || stageShown()) return;
    const whenIdle = () =>
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(showStage, { timeout: 1_000 })
        : setTimeout(showStage, 200);
    if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback(whenIdle);
    else whenIdle();
  };
  /** Once invited, the invitation's dialog stays drawn (it closes itself when they answer). */
  const [invited, setInvited] = createSignal(false);
  const isInvited = () => {
    if (me().stage === 'invited') setInvited(true);
    return invited();
  };

  // ---- Which panel shows -----------------------------------------------------------------

  const panels = (): PanelId[] =>
    isModerator() ? ['qa', 'chat', 'polls', 'materials', 'console'] : ['qa', 'chat', 'polls', 'materials'];
  const [panel, setPanel] = createSignal<PanelId>(isModerator() ? 'console' : 'qa');
  const [stageChosen, setStageChosen] = createSignal(true);
  const tabs = (): TabId[] => (wide() ? panels() : ['stage', ...panels()]);
  const selected = (): TabId => (!wide() && stageChosen() ? 'stage' : panel());
  const select = (id: TabId) => {
    if (id === 'stage') return setStageChosen(true);
    setPanel(id);
    setStageChosen(false);
  };
  const panelShown = (id: PanelId) => panel() === id && (wide() || !stageChosen());
  const later = (id: PanelId, content: () => JSX.Element) => (
    // Beside the stage (wide screens) a panel waits for the stage; on a phone, one they opened does not.
    <Show when={stageShown() || (!wide() && panelShown(id))} fallback={<p class="loading">{t('forms.loading')}</p>}>
      <Suspense fallback={<p class="loading">{t('forms.loading')}</p>}>{content()}</Suspense>
    </Show>
  );
  const tabId = (id: TabId) => `${ids}-tab-${id}`;
  const panelId = (id: TabId) => `${ids}-panel-${id}`;
  /** On a phone the stage is the panel of the "Stage" tab; beside the panels it is just the page. */
  const stagePanelRole = () => (wide() ? {} : ({ role: 'tabpanel', 'aria-labelledby': tabId('stage') } as const));

  const unreadChat = createUnreadCount(
    () => props.snapshot.chat.messages,
    () => me().identity,
    () => panelShown('chat'),
  );
  const countOf = (id: TabId): TabCount | undefined => {
    const qa = props.snapshot.qa.questions;
    if (id === 'qa' && isModerator()) {
      const count = qa.filter((question) => question.status === 'pending').length;
      return { value: count, description: t('roomPanels.reviewCount', { count }) };
    }
    if (id === 'qa') {
      const count = qa.filter((question) => question.status === 'open').length;
      return { value: count, description: t('roomPanels.qaCount', { count }) };
    }
    if (id === 'chat') {
      const count = unreadChat();
      return { value: count, description: t('roomPanels.chatCount', { count }) };
    }
    if (id === 'polls' && isModerator()) {
      const count = props.snapshot.polls.polls.filter((poll) => poll.status === 'open').length;
      return { value: count, description: t('roomPanels.pollsRunning', { count }) };
    }
    if (id === 'polls') {
      const count = pollsWaitingForMe(props.snapshot.polls);
      return { value: count, description: t('roomPanels.pollsCount', { count }) };
    }
    return undefined;
  };

  // ---- Reactions -------------------------------------------------------------------------

  const reactions = createFloatingReactions();
  onCleanup(
    props.state.listen((event) => {
      if (event.type === 'reaction.burst') reactions.burst(event.data.counts);
    }),
  );

  const stageOverlay = () => (
    <Show when={stageShown()}>
      <Suspense>
        <AnnouncementBanner />
        <FloatingReactions reactions={reactions} />
      </Suspense>
    </Show>
  );

  return (
    <RoomProvider value={{ sessionRef: () => props.sessionRef, snapshot: () => props.snapshot, state: props.state }}>
      <div
        class="room"
        classList={{ 'room--wide': wide() }}
        data-view={selected() === 'stage' ? 'stage' : 'panel'}
        // A video element's first frame (loadeddata does not bubble, but passes its ancestors on the way down).
        ref={(element) => element.addEventListener('loadeddata', onFirstPicture, { capture: true })}
      >
        <header class="room__header">
          <div class="room__heading">
            <p class="room__community">{session().community.name}</p>
            <h1 class="room__title">{session().title}</h1>
          </div>
          <div class="room__status">
            <Show when={session().status === 'live'} fallback={<span class="badge">{t('room.notLive')}</span>}>
              <span class="badge badge--live room__live">{t('room.live')}</span>
            </Show>
            <RecordingIndicator recording={props.snapshot.recording} />
            <span class="room__presence" data-testid="presence-count">
              <PeopleIcon size={18} />
              {t('room.presence', { n: props.snapshot.presence.connected })}
            </span>
            <button
              type="button"
              class="button button--small room__leave"
              aria-label={t('feedback.leaving.leaveLabel')}
              data-testid="leave-room"
              onClick={() => props.state.leave()}
            >
              <LeaveIcon size={18} />
              {t('feedback.leaving.leave')}
            </button>
          </div>
        </header>

        <aside class="room__side" aria-label={t('roomPanels.label')}>
          <TabList
            label={t('roomPanels.label')}
            tabs={tabs()}
            labelOf={(id) => t(`roomPanels.${id}`)}
            countOf={countOf}
            selected={selected()}
            onSelect={select}
            tabId={tabId}
            panelId={panelId}
            class="room-tabs"
            testIdPrefix="room-tab"
          />
          <For each={panels()}>
            {(id) => (
              <div
                role="tabpanel"
                id={panelId(id)}
                class={`room-panel room-panel--${id}`}
                aria-labelledby={tabId(id)}
                hidden={!panelShown(id)}
                data-testid={`room-panel-${id}`}
              >
                {later(id, () => (
                  <Switch>
                    <Match when={id === 'qa'}>
                      <QaPanel />
                    </Match>
                    <Match when={id === 'chat'}>
                      <ChatPanel active={panelShown('chat')} />
                    </Match>
                    <Match when={id === 'polls'}>
                      <PollsPanel />
                    </Match>
                    <Match when={id === 'materials'}>
                      <MaterialsPanel />
                    </Match>
                    <Match when={id === 'console'}>
                      <ModeratorConsole
                        sessionRef={props.sessionRef}
                        ticket={props.state.ticket}
                        snapshot={props.snapshot}
                        room={props.state.room}
                        state={props.state}
                      />
                    </Match>
                  </Switch>
                ))}
              </div>
            )}
          </For>
        </aside>

        <div class="room__main" id={panelId('stage')} hidden={!wide() && !stageChosen()} {...stagePanelRole()}>
          <Show when={props.snapshot.pinnedMaterial}>
            {(pinned) => (
              <Suspense>
                <PinnedMaterialNotice pinned={pinned()} sessionRef={props.sessionRef} ticket={props.state.ticket} />
              </Suspense>
            )}
          </Show>
          <Show when={!atTable() && breakouts()}>
            {(open) => (
              <Suspense>
                <BreakoutBanner
                  state={props.state}
                  snapshot={props.snapshot}
                  breakouts={open()}
                  sessionRef={props.sessionRef}
                />
              </Suspense>
            )}
          </Show>
          <Switch>
            <Match when={atTable() && breakouts()}>
              {(open) => (
                <Suspense fallback={<p class="loading">{t('forms.loading')}</p>}>
                  <TableView
                    state={props.state}
                    live={props.live}
                    snapshot={props.snapshot}
                    breakouts={open()}
                    sessionRef={props.sessionRef}
                  />
                </Suspense>
              )}
            </Match>
            <Match when={atTable()}>
              <p class="loading" role="status">
                {t('breakouts.moving.main')}
              </p>
            </Match>
            <Match when={backstage()}>
              <div class="room__backstage" data-testid="backstage">
                <Suspense>
                  <BackstageBar state={props.state} api={props.api} isModerator={isModerator()} />
                </Suspense>
                <Suspense>
                  <WhipPanel sessionRef={props.sessionRef} state={props.state} />
                </Suspense>
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
                overlay={stageOverlay()}
              >
                <StageRecordingMark recording={props.snapshot.recording} />
              </StageView>
            </Match>
            <Match when={true}>
              <Suspense>
                <WaitingScreen snapshot={props.snapshot} reason="startingSoon" withHeading={false} />
              </Suspense>
            </Match>
          </Switch>
          <Show when={onStage() && !atTable()}>
            <RoomControls
              state={props.state}
              api={props.api}
              live={props.live}
              snapshot={props.snapshot}
              lowBandwidth={lowBandwidth()}
              onLowBandwidth={setLowBandwidth}
            >
              <Show when={live() && stageShown()}>
                <Suspense>
                  <ReactionBar reactions={reactions} />
                </Suspense>
              </Show>
            </RoomControls>
          </Show>
        </div>

        <Show when={!isTeamRole(me().role) && isInvited()}>
          <Suspense>
            <StageInvitationDialog open={me().stage === 'invited'} state={props.state} api={props.api} />
          </Suspense>
        </Show>
      </div>
    </RoomProvider>
  );
}
