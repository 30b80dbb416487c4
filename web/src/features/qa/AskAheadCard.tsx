import type { AskQuestionRequest, JoinRoomResult, Question } from '@serambi/shared';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { ResendConfirmation } from '../accounts/ConfirmEmail.tsx';
import { isEmailUnconfirmed } from '../accounts/email-confirmation.ts';
import { isExpiredTicket, useRoomApi } from '../room/room-api.ts';
import { AskQuestionForm } from './AskQuestionForm.tsx';
import { createQaApi } from './qa-api.ts';
import './qa.css';

/**
 * Before the session, a registrant asks from the session page (or their personal page): the
 * room is entered only when they open the box, for a ticket and the session's rules on
 * anonymity and review, and the questions they sent are listed with where they stand.
 */
export function AskAheadCard(props: { sessionRef: string; joinSecret?: string; class?: string }) {
  const { t } = useI18n();
  const api = useApi();
  const roomApi = useRoomApi(() => props.sessionRef);
  const qaApi = createQaApi(api, () => props.sessionRef);
  const headingId = createUniqueId();
  const [entered, setEntered] = createSignal<JoinRoomResult>();
  const [asked, setAsked] = createSignal<Question[]>([]);
  const join = useMutation(() => ({ mutationFn: () => roomApi.join(props.joinSecret) }));

  const enter = () => {
    if (!join.isPending) join.mutate(undefined, { onSuccess: setEntered });
  };
  /** The ticket is short-lived: a person who wrote for a long time enters again, once. */
  const ask = async (request: AskQuestionRequest): Promise<Question> => {
    const ticket = entered()?.ticket ?? '';
    const question = await qaApi.ask(ticket, request).catch(async (error: unknown) => {
      if (!isExpiredTicket(error)) throw error;
      const fresh = await roomApi.join(props.joinSecret);
      setEntered(fresh);
      return qaApi.ask(fresh.ticket, request);
    });
    setAsked((earlier) => [question, ...earlier]);
    return question;
  };
  /** The room once entered; undefined before, and for someone a private session keeps in its lobby. */
  const room = () => {
    const snapshot = entered()?.snapshot;
    return snapshot?.view === 'room' ? snapshot : undefined;
  };
  const waitsInLobby = () => entered()?.snapshot.view === 'lobby';
  const mine = () => {
    const snapshot = room();
    const before = snapshot ? snapshot.qa.questions.filter((question) => snapshot.qa.mine.includes(question.id)) : [];
    const fresh = asked();
    return [...fresh, ...before.filter((question) => !fresh.some((other) => other.id === question.id))].filter(
      (question) => question.status !== 'withdrawn',
    );
  };

  return (
    <section class={`card ask-ahead ${props.class ?? ''}`} aria-labelledby={headingId} data-testid="ask-ahead">
      <h2 id={headingId} class="ask-ahead__heading">
        {t('askAhead.heading')}
      </h2>
      <p class="ask-ahead__hint">{t('askAhead.hint')}</p>
      <Show
        when={room()}
        fallback={
          <Show
            when={!waitsInLobby()}
            fallback={
              <p class="ask-ahead__hint" data-testid="ask-ahead-lobby">
                {t('room.waiting.lobby')}
              </p>
            }
          >
            <div class="ask-ahead__entry">
              <button
                type="button"
                class="button"
                data-testid="ask-ahead-open"
                aria-disabled={join.isPending}
                onClick={enter}
              >
                {join.isPending ? t('askAhead.preparing') : t('askAhead.open')}
              </button>
              <FormProblem error={join.error} />
              <Show when={isEmailUnconfirmed(join.error)}>
                <ResendConfirmation onRetry={enter} />
              </Show>
            </div>
          </Show>
        }
      >
        {(snapshot) => (
          <AskQuestionForm
            anonymousQuestions={snapshot().settings.anonymousQuestions}
            reviewed={snapshot().settings.qaMode === 'reviewed'}
            onAsk={ask}
          />
        )}
      </Show>
      <Show when={mine().length > 0}>
        <h3 class="ask-ahead__mine-heading">{t('askAhead.mine')}</h3>
        <ul class="ask-ahead__mine" data-testid="ask-ahead-mine">
          <For each={mine()}>
            {(question) => (
              <li class="ask-ahead__question">
                <span class={`question-state question-state--${question.status}`}>
                  {t(`askAhead.status.${question.status}`)}
                </span>
                <span class="ask-ahead__text">{question.text}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
