import { type BreakoutState, isTeamRole, type RoomSnapshot } from '@serambi/shared';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { RoomState } from '../room/create-room-state.ts';
import { countdownText } from './breakout-state.ts';
import { createBreakoutsApi } from './breakouts-api.ts';
import { createCountdown } from './create-countdown.ts';
import { tableName } from './table-name.ts';
import './breakouts.css';

/**
 * The main room while tables are open: how long they stay open and, for a participant without
 * a table, either the tables to choose from (`choose`) or that a moderator will place them.
 */
export function BreakoutBanner(props: {
  state: RoomState;
  snapshot: RoomSnapshot;
  breakouts: BreakoutState;
  sessionRef: string;
}) {
  const { t } = useI18n();
  const seconds = createCountdown(
    () => props.breakouts.endsAt,
    () => props.state.breakouts.clockOffset(),
  );
  const time = () => countdownText(seconds());
  const isParticipant = () => !isTeamRole(props.snapshot.me.role);
  const choosing = () => isParticipant() && props.breakouts.assignment === 'choose';
  return (
    <Show
      when={choosing()}
      fallback={
        <div class="breakout-banner" role="status" data-testid="breakout-banner">
          <p class="breakout-banner__title">{t('breakouts.main.open', { time: time() })}</p>
          <Show when={isParticipant()}>
            <p>{t('breakouts.main.waitForPlace')}</p>
          </Show>
          <Show when={props.breakouts.mainStage === 'paused'}>
            <p>{t('breakouts.main.paused')}</p>
          </Show>
        </div>
      }
    >
      <ChooseTable state={props.state} breakouts={props.breakouts} sessionRef={props.sessionRef} time={time()} />
    </Show>
  );
}

/** The tables to pick from, with their places left; a full one cannot be picked. */
export function ChooseTable(props: { state: RoomState; breakouts: BreakoutState; sessionRef: string; time: string }) {
  const { t } = useI18n();
  const api = createBreakoutsApi(() => props.sessionRef);
  const [pending, setPending] = createSignal<string>();
  const [failed, setFailed] = createSignal(false);
  const choose = async (tableId: string) => {
    setPending(tableId);
    setFailed(false);
    try {
      const answer = await props.state.withTicket((ticket) => api.choose(ticket, tableId));
      props.state.update((snapshot) => {
        snapshot.breakouts = answer;
      });
      await props.state.breakouts.follow();
    } catch {
      setFailed(true);
      void props.state.refreshSnapshot();
    } finally {
      setPending(undefined);
    }
  };
  return (
    <section class="choose-table" data-testid="choose-table" aria-labelledby="choose-table-title">
      <h2 id="choose-table-title" class="choose-table__title">
        {t('breakouts.choose.title')}
      </h2>
      <p class="choose-table__hint">{t('breakouts.choose.hint', { time: props.time })}</p>
      <Show when={failed()}>
        <p class="notice notice--problem" role="alert">
          {t('breakouts.choose.failed')}
        </p>
      </Show>
      <ul class="choose-table__list">
        <For each={props.breakouts.tables}>
          {(table) => {
            const full = () => table.count >= props.breakouts.sizeLimit;
            return (
              <li class="choose-table__table" data-testid="choose-table-option" data-table-id={table.id}>
                <div class="choose-table__about">
                  <p class="choose-table__name">{tableName(t, table)}</p>
                  <Show when={table.topic}>
                    <p class="choose-table__topic">{table.topic}</p>
                  </Show>
                  <p class="choose-table__places">
                    {full()
                      ? t('breakouts.choose.full')
                      : t('breakouts.choose.places', { count: table.count, limit: props.breakouts.sizeLimit })}
                  </p>
                </div>
                <button
                  type="button"
                  class="button button--small button--primary"
                  aria-label={t('breakouts.choose.joinLabel', { table: tableName(t, table) })}
                  disabled={full() || pending() !== undefined}
                  onClick={() => void choose(table.id)}
                >
                  {t('breakouts.choose.join')}
                </button>
              </li>
            );
          }}
        </For>
      </ul>
    </section>
  );
}
