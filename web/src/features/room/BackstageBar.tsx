import { createSignal, Show } from 'solid-js';
import { ApiProblem } from '../../api/problem.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { RoomState } from './create-room-state.ts';
import type { RoomApi } from './room-api.ts';
import './room.css';

/** Above the backstage: only the team is here; the moderator's "Go live", or waiting for it. */
export function BackstageBar(props: { state: RoomState; api: RoomApi; isModerator: boolean }) {
  const { t } = useI18n();
  const [pending, setPending] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  const goLive = async () => {
    if (pending()) return;
    setPending(true);
    setProblem(undefined);
    try {
      await props.state.withTicket((ticket) => props.api.goLive(ticket));
      props.state.followLive();
    } catch (error) {
      setProblem(error instanceof ApiProblem && error.problem ? error.problem.detail : t('room.actionFailed'));
    } finally {
      setPending(false);
    }
  };
  return (
    <div class="backstage-bar">
      <div class="backstage-bar__text">
        <h2 class="backstage-bar__title">{t('room.backstage.title')}</h2>
        <p>{t('room.backstage.hint')}</p>
      </div>
      <Show
        when={props.isModerator}
        fallback={
          <p class="backstage-bar__wait" role="status">
            {t('room.backstage.waitForModerator')}
          </p>
        }
      >
        <button
          type="button"
          class="button button--primary button--large backstage-bar__go-live"
          data-testid="go-live"
          aria-disabled={pending()}
          onClick={() => void goLive()}
        >
          <span class="backstage-bar__dot" aria-hidden="true" />
          {t(pending() ? 'room.backstage.goingLive' : 'room.backstage.goLive')}
        </button>
      </Show>
      <Show when={problem()}>
        {(message) => (
          <p class="notice notice--problem" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </div>
  );
}
