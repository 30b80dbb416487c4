import { isEditableByAsker, type Question } from '@serambi/shared';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { QuestionEditor } from './QuestionEditor.tsx';
import { useQaCalls } from './qa-api.ts';

/**
 * The asker's own questions nobody else sees, with what became of them: waiting for review
 * (still editable and withdrawable), dismissed, merged. Others are never told.
 */
export function MyQuestionsAside(props: { questions: readonly Question[] }) {
  const { t } = useI18n();
  return (
    <Show when={props.questions.length > 0}>
      <section class="qa__mine" aria-label={t('qa.mine.heading')}>
        <h3 class="qa__section-heading">{t('qa.mine.heading')}</h3>
        <ul class="qa__list">
          <For each={props.questions}>{(question) => <MyHiddenQuestion question={question} />}</For>
        </ul>
      </section>
    </Show>
  );
}

function MyHiddenQuestion(props: { question: Question }) {
  const { t } = useI18n();
  const calls = useQaCalls();
  const [editing, setEditing] = createSignal(false);
  const withdraw = useMutation(() => ({ mutationFn: () => calls.withdraw(props.question.id) }));
  const state = () =>
    props.question.status === 'pending'
      ? t('qa.mine.pending')
      : props.question.status === 'merged'
        ? t('qa.mine.merged')
        : t('qa.mine.dismissed');
  return (
    <li
      class="question-card question-card--aside"
      data-testid="my-hidden-question"
      data-question-id={props.question.id}
      data-status={props.question.status}
    >
      <div class="question-card__body">
        <p class={`question-state question-state--${props.question.status}`}>{state()}</p>
        <Show when={editing()} fallback={<p class="question-card__text">{props.question.text}</p>}>
          <QuestionEditor
            text={props.question.text}
            onSave={(text) => calls.edit(props.question.id, text)}
            onDone={() => setEditing(false)}
          />
        </Show>
        <Show when={props.question.status === 'merged'}>
          <p class="question-card__note">{t('qa.mine.mergedHint')}</p>
        </Show>
        <Show when={isEditableByAsker(props.question.status) && !editing()}>
          <div class="question-card__actions">
            <button type="button" class="button button--small button--quiet" onClick={() => setEditing(true)}>
              {t('qa.card.edit')}
            </button>
            <button
              type="button"
              class="button button--small button--quiet question-card__danger"
              aria-disabled={withdraw.isPending}
              onClick={() => !withdraw.isPending && withdraw.mutate()}
            >
              {t('qa.card.withdraw')}
            </button>
          </div>
        </Show>
        <FormProblem error={withdraw.error} />
      </div>
    </li>
  );
}
