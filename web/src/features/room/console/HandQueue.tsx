import type { Hand, StageGuest } from '@serambi/shared';
import { For, Show } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { FormProblem } from '../../../ui/form/FormProblem.tsx';
import { createNow } from '../../time/create-now.ts';
import { type ParticipantAction, useModeratorAction } from './console-api.ts';
import { formatWaited, waitedSince } from './wait-time.ts';

/**
 * Raised hands in the order they went up, each with how long it has waited, ticking every
 * second; someone already invited or on stage says so instead of offering another invitation.
 */
export function HandQueue(props: { hands: readonly Hand[]; guests: readonly StageGuest[] }) {
  const { t } = useI18n();
  const now = createNow();
  return (
    <div class="console-panel__body">
      <p class="console-hint">{t('roomConsole.hands.hint')}</p>
      <Show when={props.hands.length === 0}>
        <p class="empty-state">{t('roomConsole.hands.none')}</p>
      </Show>
      <ol class="console-list" data-testid="hand-queue" aria-label={t('roomConsole.hands.heading')}>
        <For each={props.hands}>
          {(hand, index) => (
            <HandEntry
              hand={hand}
              position={index() + 1}
              now={now}
              guest={props.guests.find((guest) => guest.identity === hand.identity)}
            />
          )}
        </For>
      </ol>
    </div>
  );
}

function HandEntry(props: { hand: Hand; position: number; now: () => Date; guest: StageGuest | undefined }) {
  const { t } = useI18n();
  const action = useModeratorAction();
  const name = () => props.hand.name;
  const run = (kind: ParticipantAction) => {
    if (!action.isPending) action.mutate({ identity: props.hand.identity, action: kind });
  };
  return (
    <li class="console-row" data-testid="hand-entry" data-identity={props.hand.identity}>
      <div class="console-row__who">
        <span class="console-row__position" aria-hidden="true">
          {props.position}
        </span>
        <span class="console-row__name">{name()}</span>
        {/* The ticking time is not live: a screen reader hears it when it reaches the row. */}
        <span class="console-row__waited">
          {t('roomConsole.hands.waited', { time: formatWaited(waitedSince(props.hand.raisedAt, props.now())) })}
        </span>
      </div>
      <div class="console-row__actions">
        <Show
          when={props.guest}
          fallback={
            <button
              type="button"
              class="button button--small button--primary"
              data-testid="invite-to-stage"
              aria-label={t('roomConsole.participants.inviteLabel', { name: name() })}
              aria-disabled={action.isPending}
              onClick={() => run('invite')}
            >
              {t('roomConsole.participants.invite')}
            </button>
          }
        >
          {(guest) => (
            <span class={`badge ${guest().state === 'on_stage' ? 'badge--stage' : ''}`}>
              {guest().state === 'on_stage'
                ? t('roomConsole.participants.onStage')
                : t('roomConsole.participants.invited')}
            </span>
          )}
        </Show>
        <button
          type="button"
          class="button button--small button--quiet"
          aria-label={t('roomConsole.participants.lowerHandLabel', { name: name() })}
          aria-disabled={action.isPending}
          onClick={() => run('lower-hand')}
        >
          {t('roomConsole.participants.lowerHand')}
        </button>
      </div>
      <FormProblem error={action.error} />
    </li>
  );
}
