import { isEditableByAsker, type Question } from '@serambi/shared';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { useShortTime } from '../room/short-time.ts';
import { QuestionEditor } from './QuestionEditor.tsx';
import { QuestionModeration } from './QuestionModeration.tsx';
import { useQaCalls } from './qa-api.ts';
import { UpvoteIcon } from './qa-icons.tsx';
import { askerLabel, votesText } from './question-author.ts';

/** How much of a question a viewer can act on: upvote and their own; moderate; or only read (speakers). */
export type QuestionView = 'audience' | 'moderator' | 'speaker';

/**
 * One question: who asked and when, the text, its votes (a toggle for the audience), the
 * asker's edit and withdraw while it can change, and the moderator's actions.
 */
export function QuestionCard(props: { question: Question; view: QuestionView; mine: boolean; voted: boolean }) {
  const { t } = useI18n();
  const calls = useQaCalls();
  const shortTime = useShortTime();
  const [editing, setEditing] = createSignal(false);
  const [confirmWithdraw, setConfirmWithdraw] = createSignal(false);
  const vote = useMutation(() => ({ mutationFn: (voted: boolean) => calls.vote(props.question.id, voted) }));
  const withdraw = useMutation(() => ({ mutationFn: () => calls.withdraw(props.question.id) }));
  const question = () => props.question;
  const votable = () => question().status === 'open' && props.view !== 'speaker';
  const asker = () => askerLabel(question(), props.mine, t);

  return (
    <li
      class="question-card"
      classList={{ 'question-card--mine': props.mine }}
      data-testid="question"
      data-question-id={question().id}
      data-status={question().status}
    >
      <div class="question-card__votes">
        <Show
          when={votable()}
          fallback={
            <span class="question-card__count" title={votesText(question().votes, t)}>
              <UpvoteIcon size={18} />
              <span aria-hidden="true">{question().votes}</span>
              <span class="visually-hidden">{votesText(question().votes, t)}</span>
            </span>
          }
        >
          <button
            type="button"
            class="upvote"
            data-testid="upvote"
            aria-pressed={props.voted}
            aria-label={
              question().votes === 1 ? t('qa.card.upvoteOne') : t('qa.card.upvote', { count: question().votes })
            }
            aria-disabled={vote.isPending}
            onClick={() => {
              if (!vote.isPending) vote.mutate(!props.voted);
            }}
          >
            <UpvoteIcon size={18} />
            <span class="upvote__count" data-testid="vote-count">
              {question().votes}
            </span>
          </button>
        </Show>
      </div>
      <div class="question-card__body">
        <p class="question-card__meta">
          <span class="question-card__asker">{asker()}</span>
          <Show when={props.mine}>
            <span class="question-card__tag question-card__tag--mine">{t('qa.card.yours')}</span>
          </Show>
          <Show when={question().fromChat}>
            <span class="question-card__tag">{t('qa.card.fromChat')}</span>
          </Show>
          <time class="question-card__time" datetime={question().createdAt}>
            {shortTime(question().createdAt)}
          </time>
        </p>
        <Show
          when={editing()}
          fallback={
            <p class="question-card__text" data-testid="question-body">
              {question().text}
            </p>
          }
        >
          <QuestionEditor
            text={question().text}
            onSave={(text) => calls.edit(question().id, text)}
            onDone={() => setEditing(false)}
          />
        </Show>
        <Show when={question().editedAt}>
          <p class="question-card__note">
            {question().editedByModerator ? t('qa.card.editedByModerator') : t('qa.card.edited')}
          </p>
        </Show>
        <Show when={question().status === 'answered' && question().answeredAt}>
          {(answeredAt) => (
            <p class="question-card__note">{t('qa.card.answeredAt', { time: shortTime(answeredAt()) })}</p>
          )}
        </Show>
        <Switch>
          <Match when={props.view === 'moderator' && !editing()}>
            <QuestionModeration question={question()} onEdit={() => setEditing(true)} />
          </Match>
          <Match when={props.mine && isEditableByAsker(question().status) && !editing()}>
            <div class="question-card__actions">
              <button
                type="button"
                class="button button--small button--quiet"
                data-testid="edit-question"
                onClick={() => setEditing(true)}
              >
                {t('qa.card.edit')}
              </button>
              <button
                type="button"
                class="button button--small button--quiet question-card__danger"
                data-testid="withdraw-question"
                onClick={() => setConfirmWithdraw(true)}
              >
                {t('qa.card.withdraw')}
              </button>
            </div>
          </Match>
        </Switch>
        <FormProblem error={vote.error ?? withdraw.error} />
      </div>
      <ConfirmDialog
        open={confirmWithdraw()}
        title={t('qa.card.withdrawTitle')}
        confirmLabel={t('qa.card.withdrawConfirm')}
        danger
        pending={withdraw.isPending}
        onConfirm={() => withdraw.mutate(undefined, { onSettled: () => setConfirmWithdraw(false) })}
        onClose={() => setConfirmWithdraw(false)}
      >
        <p>{t('qa.card.withdrawBody')}</p>
      </ConfirmDialog>
    </li>
  );
}
