import type { Poll } from '@serambi/shared';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, createUniqueId, For } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { usePollCalls } from './polls-api.ts';

/** One vote, final: a radio group or checkboxes, and the button that sends the choice. */
export function PollVoteForm(props: { poll: Poll }) {
  const { t } = useI18n();
  const calls = usePollCalls();
  const name = createUniqueId();
  const [chosen, setChosen] = createSignal<string[]>([]);
  const vote = useMutation(() => ({ mutationFn: (optionIds: string[]) => calls.vote(props.poll.id, optionIds) }));
  const multiple = () => props.poll.kind === 'multiple';
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => (multiple() ? (on ? [...current, id] : current.filter((other) => other !== id)) : [id]));
  return (
    <form
      class="poll-vote"
      data-testid="poll-vote"
      onSubmit={(event) => {
        event.preventDefault();
        if (!vote.isPending && chosen().length > 0) vote.mutate(chosen());
      }}
    >
      <fieldset class="poll-vote__options">
        <legend class="poll-card__note">{multiple() ? t('polls.chooseSeveral') : t('polls.chooseOne')}</legend>
        <For each={props.poll.options}>
          {(option) => (
            <label class="poll-vote__option">
              <input
                type={multiple() ? 'checkbox' : 'radio'}
                name={name}
                value={option.id}
                data-testid="poll-option"
                checked={chosen().includes(option.id)}
                onChange={(event) => toggle(option.id, event.currentTarget.checked)}
              />
              <span>{option.text}</span>
            </label>
          )}
        </For>
      </fieldset>
      <button
        type="submit"
        class="button button--primary button--small"
        data-testid="poll-submit"
        aria-disabled={vote.isPending || chosen().length === 0}
      >
        {vote.isPending ? t('polls.voting') : t('polls.vote')}
      </button>
      <FormProblem error={vote.error} />
    </form>
  );
}
