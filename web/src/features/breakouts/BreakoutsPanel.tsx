import {
  BREAKOUT_MESSAGE_MAX_LENGTH,
  type BreakoutState,
  MAX_BREAKOUT_EXTEND_MINUTES,
  type RoomSnapshot,
} from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Field } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { participantsQuery, useConsole } from '../room/console/console-api.ts';
import type { RoomState } from '../room/create-room-state.ts';
import { countdownText, openBreakouts, tableById } from './breakout-state.ts';
import { createBreakoutsApi } from './breakouts-api.ts';
import { createCountdown } from './create-countdown.ts';
import { OpenTablesForm } from './OpenTablesForm.tsx';
import { tableName } from './table-name.ts';
import './breakouts.css';

/**
 * The console's "Tables" tab: the form to open breakout tables, then, while they are open,
 * the countdown, "extend", a message to every table, the calls for help, every table with its
 * people (each one can be moved with a pick list), those without a table, visits, and "end now".
 */
export function BreakoutsPanel(props: { state: RoomState; snapshot: RoomSnapshot; active: boolean }) {
  const context = useConsole();
  const api = createBreakoutsApi(context.sessionRef);
  /** Runs a breakout call with the ticket and folds the tables it answers into the room. */
  const run = async (call: (ticket: string) => Promise<BreakoutState | undefined>) => {
    const answer = await props.state.withTicket(call);
    if (answer) {
      props.state.update((snapshot) => {
        snapshot.breakouts = answer;
      });
    }
    return answer;
  };
  return (
    <div class="console-panel__body breakout-console" data-testid="breakouts-panel">
      <Show
        when={openBreakouts(props.snapshot)}
        fallback={
          <OpenTablesForm
            open={(request) =>
              run((ticket) => api.open(ticket, request as Parameters<typeof api.open>[1])) as Promise<BreakoutState>
            }
          />
        }
      >
        {(open) => <RunningTables state={props.state} breakouts={open()} active={props.active} run={run} api={api} />}
      </Show>
    </div>
  );
}

function RunningTables(props: {
  state: RoomState;
  breakouts: BreakoutState;
  active: boolean;
  run: (call: (ticket: string) => Promise<BreakoutState | undefined>) => Promise<BreakoutState | undefined>;
  api: ReturnType<typeof createBreakoutsApi>;
}) {
  const { t } = useI18n();
  const context = useConsole();
  const seconds = createCountdown(
    () => props.breakouts.endsAt,
    () => props.state.breakouts.clockOffset(),
  );
  const [problem, setProblem] = createSignal<unknown>(null);
  const attempt = async (call: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await call();
      return true;
    } catch (error) {
      setProblem(error);
      return false;
    }
  };

  // Who is in the main room without a table: the connected participants not placed anywhere.
  const people = useQuery(() => ({ ...participantsQuery(context, ''), enabled: props.active }));
  const placedAt = createMemo(
    () => new Map(props.breakouts.placements.map((placement) => [placement.identity, placement.tableId])),
  );
  const unplaced = () =>
    (people.data?.participants ?? []).filter(
      (person) =>
        person.role === 'participant' && person.connected && !person.banned && !placedAt().get(person.identity),
    );
  const place = (identity: string, tableId: string | null) =>
    attempt(() => props.run((ticket) => props.api.place(ticket, identity, tableId)));

  const [extendBy, setExtendBy] = createSignal('5');
  const [message, setMessage] = createSignal('');
  const [sent, setSent] = createSignal(false);
  const [confirmEnd, setConfirmEnd] = createSignal(false);
  const here = () => props.state.breakouts.table();

  return (
    <div class="breakout-running" data-testid="breakouts-running">
      <div class="breakout-running__head">
        <h3 class="console-section__title">{t('breakoutConsole.running')}</h3>
        <p class="table-view__countdown" role="timer" data-testid="console-countdown">
          {t('breakoutConsole.timeLeft', { time: countdownText(seconds()) })}
        </p>
      </div>

      <Show when={here()}>
        <div class="breakout-running__visit">
          <p>{t('breakoutConsole.visiting')}</p>
          <button type="button" class="button button--small" onClick={() => props.state.breakouts.visit(null)}>
            {t('breakoutConsole.backToMain')}
          </button>
        </div>
      </Show>

      <Show when={props.breakouts.help.length > 0}>
        <section class="console-section breakout-help" aria-labelledby="breakout-help-title">
          <h4 id="breakout-help-title">{t('breakoutConsole.help')}</h4>
          <ul class="console-list">
            <For each={props.breakouts.help}>
              {(call) => {
                const table = () => tableById(props.breakouts, call.tableId);
                return (
                  <li class="breakout-help__call" data-testid="help-call">
                    <span>
                      {t('breakoutConsole.helpFrom', {
                        name: call.name,
                        table: table() ? tableName(t, table() as NonNullable<ReturnType<typeof table>>) : '',
                      })}
                      <Show when={call.note}>
                        <span class="field__hint"> — {call.note}</span>
                      </Show>
                    </span>
                    <button
                      type="button"
                      class="button button--small button--primary"
                      data-testid="go-to-table"
                      onClick={() => props.state.breakouts.visit(call.tableId)}
                    >
                      {t('breakoutConsole.goToTable')}
                    </button>
                  </li>
                );
              }}
            </For>
          </ul>
        </section>
      </Show>

      <div class="breakout-running__actions">
        <form
          class="breakout-running__extend"
          onSubmit={(event) => {
            event.preventDefault();
            const minutes = Number(extendBy());
            if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_BREAKOUT_EXTEND_MINUTES) return;
            void attempt(() => props.run((ticket) => props.api.extend(ticket, { minutes })));
          }}
        >
          <Field label={t('breakoutConsole.extendBy')}>
            {(control) => (
              <input
                {...control}
                class="field__control console-settings__number"
                type="number"
                inputmode="numeric"
                min="1"
                max={MAX_BREAKOUT_EXTEND_MINUTES}
                step="1"
                data-testid="extend-minutes"
                value={extendBy()}
                onInput={(event) => setExtendBy(event.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" class="button button--small" data-testid="extend-tables">
            {t('breakoutConsole.extend')}
          </button>
        </form>
        <button
          type="button"
          class="button button--small button--danger"
          data-testid="end-tables"
          onClick={() => setConfirmEnd(true)}
        >
          {t('breakoutConsole.end')}
        </button>
      </div>

      <form
        class="console-section breakout-running__broadcast"
        onSubmit={(event) => {
          event.preventDefault();
          const text = message().trim();
          if (!text) return;
          void attempt(() =>
            props.run((ticket) => props.api.broadcast(ticket, { message: text }).then(() => undefined)),
          ).then((ok) => {
            if (!ok) return;
            setMessage('');
            setSent(true);
          });
        }}
      >
        <Field label={t('breakoutConsole.broadcast')}>
          {(control) => (
            <textarea
              {...control}
              class="field__control"
              rows="2"
              maxLength={BREAKOUT_MESSAGE_MAX_LENGTH}
              data-testid="broadcast-message"
              value={message()}
              onInput={(event) => {
                setMessage(event.currentTarget.value);
                setSent(false);
              }}
            />
          )}
        </Field>
        <div class="button-row">
          <button type="submit" class="button button--small button--primary" data-testid="broadcast-send">
            {t('breakoutConsole.broadcastSend')}
          </button>
          <span role="status" class="console-saved">
            {sent() ? t('breakoutConsole.broadcastSent') : ''}
          </span>
        </div>
      </form>

      <FormProblem error={problem()} />

      <section class="console-section" aria-labelledby="breakout-tables-title">
        <h4 id="breakout-tables-title">{t('breakoutConsole.tables')}</h4>
        <ul class="breakout-tables">
          <For each={props.breakouts.tables}>
            {(table) => {
              const seated = () => props.breakouts.placements.filter((placement) => placement.tableId === table.id);
              return (
                <li class="breakout-tables__table" data-testid="console-table" data-table-id={table.id}>
                  <div class="breakout-tables__head">
                    <div>
                      <p class="choose-table__name">{tableName(t, table)}</p>
                      <Show when={table.topic}>
                        <p class="choose-table__topic">{table.topic}</p>
                      </Show>
                      <p class="choose-table__places">
                        {t('breakoutConsole.tablePeople', { count: table.count, limit: props.breakouts.sizeLimit })}
                      </p>
                    </div>
                    <Show
                      when={here() !== table.id}
                      fallback={<span class="badge">{t('breakoutConsole.visiting')}</span>}
                    >
                      <button
                        type="button"
                        class="button button--small"
                        data-testid="visit-table"
                        onClick={() => props.state.breakouts.visit(table.id)}
                      >
                        {t('breakoutConsole.visit')}
                      </button>
                    </Show>
                  </div>
                  <ul class="breakout-tables__people">
                    <For each={seated()} fallback={<li class="field__hint">{t('breakoutConsole.nobody')}</li>}>
                      {(person) => (
                        <li class="breakout-tables__person" data-testid="placed-person" data-identity={person.identity}>
                          <span>{person.name}</span>
                          <TablePicker
                            label={t('breakoutConsole.moveTo', { name: person.name })}
                            breakouts={props.breakouts}
                            current={person.tableId}
                            onPick={(tableId) => void place(person.identity, tableId)}
                          />
                        </li>
                      )}
                    </For>
                  </ul>
                </li>
              );
            }}
          </For>
        </ul>
      </section>

      <section class="console-section" aria-labelledby="breakout-unplaced-title">
        <h4 id="breakout-unplaced-title">{t('breakoutConsole.unplaced')}</h4>
        <p class="field__hint">{t('breakoutConsole.unplacedHint')}</p>
        <ul class="breakout-tables__people">
          <For each={unplaced()} fallback={<li class="field__hint">{t('breakoutConsole.nobodyUnplaced')}</li>}>
            {(person) => (
              <li class="breakout-tables__person" data-testid="unplaced-person" data-identity={person.identity}>
                <span>{person.name}</span>
                <TablePicker
                  label={t('breakoutConsole.moveTo', { name: person.name })}
                  breakouts={props.breakouts}
                  current={null}
                  onPick={(tableId) => void place(person.identity, tableId)}
                />
              </li>
            )}
          </For>
        </ul>
      </section>

      <ConfirmDialog
        open={confirmEnd()}
        title={t('breakoutConsole.endConfirmTitle')}
        confirmLabel={t('breakoutConsole.end')}
        danger
        onConfirm={() => {
          setConfirmEnd(false);
          void attempt(() => props.run((ticket) => props.api.end(ticket)));
        }}
        onClose={() => setConfirmEnd(false)}
      >
        <p>{t('breakoutConsole.endConfirm')}</p>
      </ConfirmDialog>
    </div>
  );
}

/** A pick list of where one person sits: the main room or a table (full ones cannot be picked). */
function TablePicker(props: {
  label: string;
  breakouts: BreakoutState;
  current: string | null;
  onPick: (tableId: string | null) => void;
}) {
  const { t } = useI18n();
  return (
    <select
      class="field__control breakout-picker"
      aria-label={props.label}
      data-testid="table-picker"
      onChange={(event) => props.onPick(event.currentTarget.value || null)}
    >
      <option value="" selected={props.current === null}>
        {t('breakoutConsole.mainRoom')}
      </option>
      <For each={props.breakouts.tables}>
        {(table) => (
          <option
            value={table.id}
            selected={props.current === table.id}
            disabled={table.id !== props.current && table.count >= props.breakouts.sizeLimit}
          >
            {tableName(t, table)} ({table.count}/{props.breakouts.sizeLimit})
          </option>
        )}
      </For>
    </select>
  );
}
