import type { RoomSnapshot } from '@serambi/shared';
import { useQueryClient } from '@tanstack/solid-query';
import type { Room } from 'livekit-client';
import { createEffect, createSignal, createUniqueId, type JSX, Match, on, Switch } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { BreakoutsPanel } from '../../breakouts/BreakoutsPanel.tsx';
import type { RoomState } from '../create-room-state.ts';
import { AuditLog } from './AuditLog.tsx';
import { ConsoleTabs, type TabCount } from './ConsoleTabs.tsx';
import { ConsoleProvider, consoleKeys, createConsoleContext } from './console-api.ts';
import { createDebouncedSignal } from './debounce.ts';
import { HandQueue } from './HandQueue.tsx';
import { LobbyPanel } from './LobbyPanel.tsx';
import { ParticipantsPanel } from './ParticipantsPanel.tsx';
import { SessionSettingsPanel } from './SessionSettingsPanel.tsx';
import { SessionStatusControls } from './SessionStatusControls.tsx';
import { StagePanel } from './StagePanel.tsx';
import './console.css';

type TabId = 'participants' | 'hands' | 'stage' | 'breakouts' | 'lobby' | 'session' | 'audit';

/** Lists fetched over HTTP follow the live snapshot, at most once per this many milliseconds of quiet. */
const REFETCH_DELAY_MS = 1000;

/**
 * Everything a moderator runs a live session with: the session's status and its big button,
 * then tabs for participants, raised hands, the stage, the lobby (private sessions), settings
 * and the audit log. The live state comes in `snapshot`, kept current by realtime events; the
 * participant list and the audit log are fetched and refetched when the snapshot moves on.
 */
export function ModeratorConsole(props: {
  sessionRef: string;
  ticket: () => string;
  snapshot: RoomSnapshot;
  room: () => Room | undefined;
  state: RoomState;
}): JSX.Element {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const context = createConsoleContext(() => props.sessionRef, props.ticket);
  const [selected, setSelected] = createSignal<TabId>('participants');
  const headingId = createUniqueId();

  const [settledVersion, settle] = createDebouncedSignal(props.snapshot.version, REFETCH_DELAY_MS);
  createEffect(
    on(
      () => props.snapshot.version,
      (version) => settle(version),
      { defer: true },
    ),
  );
  createEffect(
    on(settledVersion, () => void queryClient.invalidateQueries({ queryKey: consoleKeys.all(props.sessionRef) }), {
      defer: true,
    }),
  );

  const isPrivate = () => props.snapshot.session.visibility === 'private';
  // Breakout tables open only while the session is live.
  const isLive = () => props.snapshot.session.status === 'live';
  const tabs = (): TabId[] => [
    'participants',
    'hands',
    'stage',
    ...(isLive() ? (['breakouts'] as const) : []),
    ...(isPrivate() ? (['lobby'] as const) : []),
    'session',
    'audit',
  ];
  const countOf = (id: TabId): TabCount | undefined => {
    if (id === 'hands') {
      const count = props.snapshot.hands.length;
      return { value: count, description: t('roomConsole.tabs.handsCount', { count }) };
    }
    if (id === 'breakouts') {
      const count = props.snapshot.breakouts?.status === 'open' ? props.snapshot.breakouts.help.length : 0;
      return { value: count, description: t('breakoutConsole.help') };
    }
    if (id === 'lobby') {
      const count = props.snapshot.lobby.length;
      return { value: count, description: t('roomConsole.tabs.lobbyCount', { count }) };
    }
    return undefined;
  };
  // A lobby tab that went away (the session stopped being private) cannot stay selected.
  const current = () => (tabs().includes(selected()) ? selected() : 'participants');

  return (
    <ConsoleProvider value={context}>
      <section class="console" data-testid="moderator-console" aria-labelledby={headingId}>
        <h2 id={headingId} class="console__heading">
          {t('roomConsole.title')}
        </h2>
        <SessionStatusControls snapshot={props.snapshot} />
        <ConsoleTabs
          label={t('roomConsole.tabs.label')}
          tabs={tabs()}
          labelOf={(id) => (id === 'breakouts' ? t('breakoutConsole.tab') : t(`roomConsole.tabs.${id}`))}
          countOf={countOf}
          selected={current()}
          onSelect={setSelected}
          panel={(id) => (
            <Switch>
              <Match when={id === 'participants'}>
                <ParticipantsPanel active={current() === 'participants'} />
              </Match>
              <Match when={id === 'hands'}>
                <HandQueue hands={props.snapshot.hands} guests={props.snapshot.guests} />
              </Match>
              <Match when={id === 'stage'}>
                <StagePanel
                  room={props.room}
                  guests={props.snapshot.guests}
                  guestLimit={props.snapshot.settings.stageGuestLimit}
                />
              </Match>
              <Match when={id === 'breakouts'}>
                <BreakoutsPanel state={props.state} snapshot={props.snapshot} active={current() === 'breakouts'} />
              </Match>
              <Match when={id === 'lobby'}>
                <LobbyPanel lobby={props.snapshot.lobby} />
              </Match>
              <Match when={id === 'session'}>
                <SessionSettingsPanel snapshot={props.snapshot} />
              </Match>
              <Match when={id === 'audit'}>
                <AuditLog active={current() === 'audit'} timeZone={props.snapshot.session.timeZone} />
              </Match>
            </Switch>
          )}
        />
      </section>
    </ConsoleProvider>
  );
}
