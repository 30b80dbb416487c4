import { createEffect, createSignal, Show } from 'solid-js';
import { ApiProblem } from '../../api/problem.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { createMediaSetup } from './create-media-setup.ts';
import type { RoomState } from './create-room-state.ts';
import { DeviceSetup } from './DeviceSetup.tsx';
import type { RoomApi } from './room-api.ts';
import './room.css';

/**
 * "The moderator invites you on stage": a device check, then accept or decline. Accepting
 * remembers the devices; the camera and microphone start when the server lets this browser
 * publish (the room state listens for that).
 */
export function StageInvitationDialog(props: { open: boolean; state: RoomState; api: RoomApi }) {
  const { t } = useI18n();
  let dialog: HTMLDialogElement | undefined;
  const [pending, setPending] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });

  const answer = async (accept: boolean, choose?: () => void) => {
    if (pending()) return;
    setPending(true);
    setProblem(undefined);
    try {
      choose?.();
      await props.state.withTicket((ticket) => props.api.answerStageInvitation(ticket, accept));
    } catch (error) {
      setProblem(error instanceof ApiProblem && error.problem ? error.problem.detail : t('room.actionFailed'));
    } finally {
      setPending(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      class="dialog room-invitation"
      aria-labelledby="room-invitation-title"
      data-testid="stage-invitation"
      // Escape must not answer for them: the two buttons do.
      onCancel={(event) => event.preventDefault()}
    >
      <h2 id="room-invitation-title" class="dialog__title">
        {t('room.invitation.title')}
      </h2>
      <p class="dialog__body">{t('room.invitation.body')}</p>
      {/* The camera starts only while the invitation is open, and stops when it closes. */}
      <Show when={props.open}>
        {(_) => {
          const setup = createMediaSetup();
          return (
            <>
              <DeviceSetup setup={setup} recordingNotice={props.state.snapshot()?.recordingNotice} />
              <Show when={problem()}>
                {(message) => (
                  <p class="notice notice--problem" role="alert">
                    {message()}
                  </p>
                )}
              </Show>
              <div class="dialog__actions room-invitation__actions">
                <button
                  type="button"
                  class="button"
                  data-testid="decline-invitation"
                  aria-disabled={pending()}
                  onClick={() => void answer(false)}
                >
                  {t('room.invitation.decline')}
                </button>
                <button
                  type="button"
                  class="button button--primary"
                  data-testid="accept-invitation"
                  aria-disabled={pending()}
                  onClick={() => void answer(true, () => props.state.rememberStageMedia(setup.choice()))}
                >
                  {t('room.invitation.accept')}
                </button>
              </div>
            </>
          );
        }}
      </Show>
    </dialog>
  );
}
