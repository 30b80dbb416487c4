import type { RoomParticipant } from '@serambi/shared';
import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../../ui/form/FormProblem.tsx';
import { type ParticipantAction, useModeratorAction } from './console-api.ts';

/**
 * One person of the participant list: where they are (connected, hand, stage, banned) and what a
 * moderator can do to them. A refusal shows right under the row, in the server's words.
 */
export function ParticipantRow(props: { participant: RoomParticipant }) {
  const { t } = useI18n();
  const action = useModeratorAction();
  const [askingToBan, setAskingToBan] = createSignal(false);
  const person = () => props.participant;
  const name = () => person().name;
  const isAudience = () => person().role === 'participant';
  const busy = () => action.isPending;
  const run = (kind: ParticipantAction, onSuccess?: () => void) => {
    if (busy()) return;
    action.mutate({ identity: person().identity, action: kind }, { onSuccess });
  };
  return (
    <li class="console-row" data-testid="participant-row" data-identity={person().identity}>
      <div class="console-row__who">
        <span class="console-row__name">{name()}</span>
        <span class="console-row__badges">
          <span class={`console-presence ${person().connected ? 'console-presence--on' : ''}`}>
            {person().connected ? t('roomConsole.participants.online') : t('roomConsole.participants.offline')}
          </span>
          <Show when={!isAudience()}>
            <span class="badge">{t(`roomConsole.roles.${person().role}`)}</span>
          </Show>
          <Show when={person().handRaisedAt}>
            <span class="badge badge--hand">{t('roomConsole.participants.handRaised')}</span>
          </Show>
          <Show when={person().stage === 'invited'}>
            <span class="badge">{t('roomConsole.participants.invited')}</span>
          </Show>
          <Show when={person().stage === 'on_stage'}>
            <span class="badge badge--stage">{t('roomConsole.participants.onStage')}</span>
          </Show>
          <Show when={person().banned}>
            <span class="badge badge--banned">{t('roomConsole.participants.banned')}</span>
          </Show>
        </span>
      </div>
      <Show when={isAudience()}>
        <div class="console-row__actions">
          <Show when={person().connected && person().stage === 'none' && !person().banned}>
            <button
              type="button"
              class="button button--small"
              data-testid="invite-to-stage"
              aria-label={t('roomConsole.participants.inviteLabel', { name: name() })}
              aria-disabled={busy()}
              onClick={() => run('invite')}
            >
              {t('roomConsole.participants.invite')}
            </button>
          </Show>
          <Show when={person().handRaisedAt}>
            <button
              type="button"
              class="button button--small button--quiet"
              aria-label={t('roomConsole.participants.lowerHandLabel', { name: name() })}
              aria-disabled={busy()}
              onClick={() => run('lower-hand')}
            >
              {t('roomConsole.participants.lowerHand')}
            </button>
          </Show>
          <Show when={person().connected && !person().banned}>
            <button
              type="button"
              class="button button--small button--danger-quiet"
              aria-label={t('roomConsole.participants.removeLabel', { name: name() })}
              aria-disabled={busy()}
              onClick={() => run('remove')}
            >
              {t('roomConsole.participants.remove')}
            </button>
          </Show>
          <Show
            when={person().banned}
            fallback={
              <button
                type="button"
                class="button button--small button--danger-quiet"
                aria-label={t('roomConsole.participants.banLabel', { name: name() })}
                onClick={() => {
                  action.reset();
                  setAskingToBan(true);
                }}
              >
                {t('roomConsole.participants.ban')}
              </button>
            }
          >
            <button
              type="button"
              class="button button--small"
              aria-label={t('roomConsole.participants.unbanLabel', { name: name() })}
              aria-disabled={busy()}
              onClick={() => run('unban')}
            >
              {t('roomConsole.participants.unban')}
            </button>
          </Show>
        </div>
        <ConfirmDialog
          open={askingToBan()}
          title={t('roomConsole.participants.banTitle', { name: name() })}
          confirmLabel={t('roomConsole.participants.banConfirm')}
          danger
          pending={busy()}
          onClose={() => setAskingToBan(false)}
          onConfirm={() => run('ban', () => setAskingToBan(false))}
        >
          <p>{t('roomConsole.participants.banBody', { name: name() })}</p>
          <FormProblem error={askingToBan() ? action.error : null} />
        </ConfirmDialog>
      </Show>
      <FormProblem error={askingToBan() ? null : action.error} />
    </li>
  );
}
