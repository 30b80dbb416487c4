import type { Question } from '@serambi/shared';
import { useMutation } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { useQaCalls } from './qa-api.ts';
import { PinIcon } from './qa-icons.tsx';
import { askerLabel, votesText } from './question-author.ts';

/**
 * The question being answered, pinned above the list for everyone: large for the speaker, with
 * "mark answered" and "unpin" at hand for the moderator. Announced politely when it changes.
 */
export function NowAnswering(props: { question: Question; large: boolean; moderator: boolean; mine: boolean }) {
  const { t } = useI18n();
  const calls = useQaCalls();
  const run = useMutation(() => ({ mutationFn: (action: 'answer' | 'unpin') => calls.act(props.question.id, action) }));
  return (
    <section
      class="now-answering"
      classList={{ 'now-answering--large': props.large }}
      data-testid="now-answering"
      data-question-id={props.question.id}
      aria-live="polite"
    >
      <p class="now-answering__label">
        <PinIcon size={16} />
        {t('qa.nowAnswering')}
      </p>
      <p class="now-answering__text">{props.question.text}</p>
      <p class="now-answering__meta">
        {askerLabel(props.question, props.mine, t)} · {votesText(props.question.votes, t)}
      </p>
      <Show when={props.moderator}>
        <div class="question-card__actions">
          <button
            type="button"
            class="button button--small button--primary"
            data-testid="now-answering-answered"
            aria-disabled={run.isPending}
            onClick={() => !run.isPending && run.mutate('answer')}
          >
            {t('qa.moderate.answer')}
          </button>
          <button
            type="button"
            class="button button--small"
            data-testid="now-answering-unpin"
            aria-disabled={run.isPending}
            onClick={() => !run.isPending && run.mutate('unpin')}
          >
            {t('qa.moderate.unpin')}
          </button>
        </div>
        <FormProblem error={run.error} />
      </Show>
    </section>
  );
}
