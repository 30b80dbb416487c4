import type { MutableSource, StageGuest } from '@serambi/shared';
import type { Room } from 'livekit-client';
import { createMemo, For, Show } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { FormProblem } from '../../../ui/form/FormProblem.tsx';
import { type ModeratorRequest, useModeratorAction } from './console-api.ts';
import { createStagePeople, type SourceState, type StagePerson } from './stage-people.ts';

/**
 * Who is on stage (team members and guests, as LiveKit sees them) with their microphone, camera
 * and screen share, and the guests invited but not up yet (from the room's snapshot).
 */
export function StagePanel(props: { room: () => Room | undefined; guests: readonly StageGuest[]; guestLimit: number }) {
  const { t } = useI18n();
  const people = createStagePeople(props.room);
  // A guest the server counts on stage whose media has not reached this client yet still gets a row.
  const guestsNotInMedia = createMemo(() =>
    props.guests.filter((guest) => !people.some((person) => person.identity === guest.identity)),
  );
  return (
    <div class="console-panel__body">
      <p class="console-count" aria-live="polite">
        {t('roomConsole.stage.guests', { count: props.guests.length, limit: props.guestLimit })}
      </p>
      <Show when={props.room()} fallback={<p class="console-hint">{t('roomConsole.stage.notConnected')}</p>}>
        <Show when={people.length === 0 && guestsNotInMedia().length === 0}>
          <p class="empty-state">{t('roomConsole.stage.none')}</p>
        </Show>
      </Show>
      <ul class="console-list" aria-label={t('roomConsole.stage.heading')}>
        <For each={people}>{(person) => <StagePersonRow person={person} />}</For>
        <For each={guestsNotInMedia()}>{(guest) => <InvitedGuestRow guest={guest} />}</For>
      </ul>
    </div>
  );
}

const MUTE_BUTTONS = [
  { source: 'microphone', state: 'microphone', label: 'muteMicrophone' },
  { source: 'camera', state: 'camera', label: 'muteCamera' },
  { source: 'screen_share', state: 'screenShare', label: 'stopScreenShare' },
] as const satisfies readonly { source: MutableSource; state: keyof StagePerson; label: string }[];

function StagePersonRow(props: { person: StagePerson }) {
  const { t } = useI18n();
  const action = useModeratorAction();
  const name = () => props.person.name;
  const run = (request: ModeratorRequest) => {
    if (!action.isPending) action.mutate(request);
  };
  const stateText = (kind: (typeof MUTE_BUTTONS)[number]['state'], state: SourceState) =>
    t(`roomConsole.stage.${kind}.${state}`);
  return (
    <li class="console-row" data-testid="stage-person" data-identity={props.person.identity}>
      <div class="console-row__who">
        <span class="console-row__name">{name()}</span>
        <span class="console-row__badges">
          <span class="badge">{t(`roomConsole.roles.${props.person.role}`)}</span>
          <Show when={props.person.isLocal}>
            <span class="badge">{t('roomConsole.stage.you')}</span>
          </Show>
          <Show when={props.person.obs}>
            <span class="badge" data-testid="obs-badge">
              OBS
            </span>
          </Show>
        </span>
      </div>
      <ul class="console-sources">
        <For each={MUTE_BUTTONS}>
          {(button) => (
            <li class={`console-source console-source--${props.person[button.state]}`}>
              {stateText(button.state, props.person[button.state])}
            </li>
          )}
        </For>
      </ul>
      <div class="console-row__actions">
        <For each={MUTE_BUTTONS}>
          {(button) => (
            <Show when={props.person[button.state] !== 'none'}>
              <button
                type="button"
                class="button button--small"
                data-testid={`mute-${button.source}`}
                aria-label={t(`roomConsole.stage.${button.label}Label`, { name: name() })}
                aria-disabled={action.isPending || props.person[button.state] !== 'on'}
                onClick={() => {
                  if (props.person[button.state] === 'on') {
                    run({ identity: props.person.identity, action: 'mute', source: button.source });
                  }
                }}
              >
                {t(`roomConsole.stage.${button.label}`)}
              </button>
            </Show>
          )}
        </For>
        <Show when={props.person.obs}>
          <button
            type="button"
            class="button button--small button--danger-quiet"
            data-testid="revoke-whip-key"
            aria-label={t('roomConsole.stage.revokeObsKeyLabel', { name: name() })}
            aria-disabled={action.isPending}
            onClick={() => run({ identity: props.person.identity, action: 'revoke-whip-key' })}
          >
            {t('roomConsole.stage.revokeObsKey')}
          </button>
        </Show>
        <Show when={props.person.role === 'guest'}>
          <button
            type="button"
            class="button button--small button--danger-quiet"
            data-testid="remove-from-stage"
            aria-label={t('roomConsole.stage.removeFromStageLabel', { name: name() })}
            aria-disabled={action.isPending}
            onClick={() => run({ identity: props.person.identity, action: 'remove-from-stage' })}
          >
            {t('roomConsole.stage.removeFromStage')}
          </button>
        </Show>
      </div>
      <FormProblem error={action.error} />
    </li>
  );
}

/** A guest invited (or just accepted) whose media is not in the room yet; the invitation can be withdrawn. */
function InvitedGuestRow(props: { guest: StageGuest }) {
  const { t } = useI18n();
  const action = useModeratorAction();
  const invited = () => props.guest.state === 'invited';
  return (
    <li class="console-row" data-testid="stage-person" data-identity={props.guest.identity}>
      <div class="console-row__who">
        <span class="console-row__name">{props.guest.name}</span>
        <span class="console-row__badges">
          <span class="badge">{t('roomConsole.roles.guest')}</span>
          <span class="console-row__waited">
            {invited() ? t('roomConsole.stage.invitedWaiting') : t('roomConsole.stage.joining')}
          </span>
        </span>
      </div>
      <div class="console-row__actions">
        <button
          type="button"
          class="button button--small button--danger-quiet"
          data-testid="remove-from-stage"
          aria-label={t(
            invited() ? 'roomConsole.stage.withdrawInvitationLabel' : 'roomConsole.stage.removeFromStageLabel',
            { name: props.guest.name },
          )}
          aria-disabled={action.isPending}
          onClick={() => {
            if (!action.isPending) action.mutate({ identity: props.guest.identity, action: 'remove-from-stage' });
          }}
        >
          {invited() ? t('roomConsole.stage.withdrawInvitation') : t('roomConsole.stage.removeFromStage')}
        </button>
      </div>
      <FormProblem error={action.error} />
    </li>
  );
}
