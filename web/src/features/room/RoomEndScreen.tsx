import type { RoomSnapshot } from '@serambi/shared';
import { A } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import type { ApiProblem } from '../../api/problem.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ResendConfirmation } from '../accounts/ConfirmEmail.tsx';
import { FeedbackForm } from '../feedback/FeedbackForm.tsx';
import type { FeedbackSource } from '../feedback/feedback-api.ts';
import { problemCode } from './room-api.ts';
import './room.css';

/**
 * The screens after (or instead of) the room: ended, left, removed, or not let in, each saying
 * why. After the end or leaving, `feedback` (the room ticket) offers the feedback form beneath,
 * which one can skip.
 */
export function RoomEndScreen(props: {
  sessionRef: string;
  snapshot: RoomSnapshot | undefined;
  outcome:
    | { name: 'ended' }
    | { name: 'left' }
    | { name: 'removed'; banned: boolean }
    | { name: 'refused'; problem: ApiProblem }
    | { name: 'elsewhere' };
  feedback?: FeedbackSource | undefined;
  onRetry: () => void;
}) {
  const { t } = useI18n();
  const cancelled = () => props.snapshot?.session.status === 'cancelled';
  const code = () => (props.outcome.name === 'refused' ? problemCode(props.outcome.problem) : undefined);
  const signInPath = () => `/signin?next=${encodeURIComponent(location.pathname)}`;
  const [skipped, setSkipped] = createSignal(false);
  const offerFeedback = () =>
    !skipped() && !cancelled() && (props.outcome.name === 'ended' || props.outcome.name === 'left')
      ? props.feedback
      : undefined;
  return (
    <>
      <section class="room-end card" role="status">
        <Switch>
          <Match when={props.outcome.name === 'ended'}>
            <div data-testid="room-ended" class="room-end__text">
              <h1>{t(cancelled() ? 'room.end.cancelled' : 'room.end.ended')}</h1>
              <Show when={!cancelled()}>
                <p class="page__lead">{t('room.end.endedHint')}</p>
              </Show>
            </div>
          </Match>
          <Match when={props.outcome.name === 'left'}>
            <div data-testid="room-left" class="room-end__text">
              <h1>{t('feedback.leaving.left')}</h1>
              <p class="page__lead">{t('feedback.leaving.leftHint')}</p>
            </div>
          </Match>
          <Match when={props.outcome.name === 'removed' && props.outcome}>
            {(removed) => (
              <div data-testid="room-removed" data-banned={removed().banned ? 'true' : 'false'} class="room-end__text">
                <h1>{t(removed().banned ? 'room.end.banned' : 'room.end.removed')}</h1>
                <p class="page__lead">{t(removed().banned ? 'room.end.bannedHint' : 'room.end.removedHint')}</p>
              </div>
            )}
          </Match>
          <Match when={props.outcome.name === 'elsewhere'}>
            <div data-testid="room-elsewhere" class="room-end__text">
              <h1>{t('room.end.elsewhere')}</h1>
              <p class="page__lead">{t('room.end.elsewhereHint')}</p>
            </div>
          </Match>
          <Match when={props.outcome.name === 'refused' && props.outcome}>
            {(refused) => (
              <div data-testid="room-refused" data-code={code()} class="room-end__text">
                <h1>{t('room.end.refused')}</h1>
                <p class="page__lead">{refused().problem.problem?.detail ?? t('room.actionFailed')}</p>
              </div>
            )}
          </Match>
        </Switch>
        <Show when={code() === 'email_unconfirmed'}>
          <ResendConfirmation onRetry={props.onRetry} />
        </Show>
        <div class="button-row">
          <Show when={code() === 'unauthorized'}>
            <A href={signInPath()} class="button button--primary">
              {t('room.end.signIn')}
            </A>
          </Show>
          <Show when={code() === 'room_not_registered' || code() === 'room_registration_cancelled'}>
            <A href={`/s/${props.sessionRef}#register`} class="button button--primary">
              {t('room.end.register')}
            </A>
          </Show>
          <Show when={props.outcome.name === 'elsewhere'}>
            <button type="button" class="button button--primary" onClick={() => props.onRetry()}>
              {t('room.end.useHere')}
            </button>
          </Show>
          <Show when={props.outcome.name === 'left'}>
            <button
              type="button"
              class="button button--primary"
              data-testid="room-rejoin"
              onClick={() => props.onRetry()}
            >
              {t('feedback.leaving.rejoin')}
            </button>
          </Show>
          <Show when={canTryAgain(props.outcome, code())}>
            <button type="button" class="button" onClick={() => props.onRetry()}>
              {t('room.retry')}
            </button>
          </Show>
          <A href={`/s/${props.snapshot?.session.slug ?? props.sessionRef}`} class="button">
            {t('room.backToSession')}
          </A>
        </div>
      </section>
      <Show when={offerFeedback()}>
        {(source) => <FeedbackForm source={source()} onSkip={() => setSkipped(true)} class="room-end__feedback" />}
      </Show>
    </>
  );
}

/** Removal is not a ban, and a locked room may open again: worth another try. */
function canTryAgain(outcome: { name: string; banned?: boolean }, code: string | undefined): boolean {
  return (outcome.name === 'removed' && !outcome.banned) || (outcome.name === 'refused' && code === 'room_locked');
}
