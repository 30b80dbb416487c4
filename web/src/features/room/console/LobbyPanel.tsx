import type { LobbyEntry } from '@serambi/shared';
import { For, Show } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { FormProblem } from '../../../ui/form/FormProblem.tsx';
import { createNow } from '../../time/create-now.ts';
import { type ParticipantAction, useModeratorAction } from './console-api.ts';
import { formatWaited, waitedSince } from './wait-time.ts';

/** People asking to enter a private session, first come first; a moderator lets each in or turns them away. */
export function LobbyPanel(props: { lobby: readonly LobbyEntry[] }) {
  const { t } = useI18n();
  const now = createNow();
  return (
    <div class="console-panel__body">
      <p class="console-hint">{t('roomConsole.lobby.hint')}</p>
      <Show when={props.lobby.length === 0}>
        <p class="empty-state">{t('roomConsole.lobby.none')}</p>
      </Show>
      <ol class="console-list" data-testid="lobby" aria-label={t('roomConsole.lobby.heading')}>
        <For each={props.lobby}>{(entry) => <LobbyRow entry={entry} now={now} />}</For>
      </ol>
    </div>
  );
}

function LobbyRow(props: { entry: LobbyEntry; now: () => Date }) {
  const { t } = useI18n();
  const action = useModeratorAction();
  const name = () => props.entry.name;
  const run = (kind: ParticipantAction) => {
    if (!action.isPending) action.mutate({ identity: props.entry.identity, action: kind });
  };
  return (
    <li class="console-row" data-testid="lobby-entry" data-identity={props.entry.identity}>
      <div class="console-row__who">
        <span class="console-row__name">{name()}</span>
        <span class="console-row__waited">
          {t('roomConsole.lobby.waited', {
            time: formatWaited(waitedSince(props.entry.requestedAt, props.now())),
          })}
        </span>
      </div>
      <div class="console-row__actions">
        <button
          type="button"
          class="button button--small button--primary"
          data-testid="admit"
          aria-label={t('roomConsole.lobby.admitLabel', { name: name() })}
          aria-disabled={action.isPending}
          onClick={() => run('admit')}
        >
          {t('roomConsole.lobby.admit')}
        </button>
        <button
          type="button"
          class="button button--small button--danger-quiet"
          data-testid="deny"
          aria-label={t('roomConsole.lobby.denyLabel', { name: name() })}
          aria-disabled={action.isPending}
          onClick={() => run('deny')}
        >
          {t('roomConsole.lobby.deny')}
        </button>
      </div>
      <FormProblem error={action.error} />
    </li>
  );
}
