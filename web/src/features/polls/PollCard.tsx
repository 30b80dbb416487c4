import type { Poll, PollAction } from '@serambi/shared';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, type JSX, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { PollEditor } from './PollEditor.tsx';
import { PollResults } from './PollResults.tsx';
import { PollVoteForm } from './PollVoteForm.tsx';
import { usePollCalls } from './polls-api.ts';

/**
 * One poll as a viewer meets it. The audience votes once while it is open, is thanked, and
 * sees the results when they are shown; moderators see the results always, and run the poll
 * through its life: edit or delete the draft, launch, show or hide results, close.
 */
export function PollCard(props: { poll: Poll; moderator: boolean; myVote: readonly string[] | undefined }) {
  const { t } = useI18n();
  const calls = usePollCalls();
  const [editing, setEditing] = createSignal(false);
  const [confirmDelete, setConfirmDelete] = createSignal(false);
  const run = useMutation(() => ({ mutationFn: (call: () => Promise<unknown>) => call() }));
  const poll = () => props.poll;
  const act = (action: PollAction) => {
    if (!run.isPending) run.mutate(() => calls.act(poll().id, action));
  };
  const resultsShown = () => poll().options.every((option) => option.votes !== null);
  const button = (action: PollAction, label: string, primary = false): JSX.Element => (
    <button
      type="button"
      class={`button button--small ${primary ? 'button--primary' : ''}`}
      data-testid={`poll-${action}`}
      aria-disabled={run.isPending}
      onClick={() => act(action)}
    >
      {label}
    </button>
  );

  return (
    <li
      class="poll-card"
      classList={{ 'poll-card--open': poll().status === 'open' }}
      data-testid="poll"
      data-poll-id={poll().id}
      data-status={poll().status}
    >
      <Show
        when={!editing()}
        fallback={
          <PollEditor
            poll={poll()}
            onSave={(draft) => calls.update(poll().id, draft)}
            onDone={() => setEditing(false)}
          />
        }
      >
        <p class="poll-card__head">
          <span class={`badge poll-card__status poll-card__status--${poll().status}`}>
            {t(`polls.status.${poll().status}`)}
          </span>
          <Show when={props.moderator && poll().status !== 'draft'}>
            <span class="poll-card__note">
              {poll().resultsVisible ? t('polls.resultsPublic') : t('polls.resultsPrivate')}
            </span>
          </Show>
        </p>
        <h3 class="poll-card__question">{poll().question}</h3>
        <Switch>
          <Match when={poll().status === 'open' && !props.myVote && !props.moderator}>
            <PollVoteForm poll={poll()} />
          </Match>
          <Match when={poll().status === 'draft'}>
            <ul class="poll-card__draft-options">
              {poll().options.map((option) => (
                <li>{option.text}</li>
              ))}
            </ul>
          </Match>
          <Match when={true}>
            <Show when={props.myVote && poll().status === 'open'}>
              <p class="poll-card__thanks" role="status" data-testid="poll-thanks">
                {t('polls.thanks')}
              </p>
            </Show>
            <Show when={resultsShown()} fallback={<p class="poll-card__note">{t('polls.resultsHidden')}</p>}>
              <PollResults poll={poll()} chosen={props.myVote ?? []} />
            </Show>
          </Match>
        </Switch>
        <Show when={props.moderator}>
          <div class="poll-card__actions">
            <Switch>
              <Match when={poll().status === 'draft'}>
                {button('launch', t('polls.launch'), true)}
                <button type="button" class="button button--small button--quiet" onClick={() => setEditing(true)}>
                  {t('polls.edit')}
                </button>
                <button
                  type="button"
                  class="button button--small button--quiet question-card__danger"
                  onClick={() => setConfirmDelete(true)}
                >
                  {t('polls.delete')}
                </button>
              </Match>
              <Match when={poll().status === 'open'}>
                {button('close', t('polls.close'), true)}
                {poll().resultsVisible
                  ? button('hide-results', t('polls.hideResults'))
                  : button('show-results', t('polls.showResults'))}
              </Match>
              <Match when={poll().status === 'closed'}>
                {poll().resultsVisible
                  ? button('hide-results', t('polls.hideResults'))
                  : button('show-results', t('polls.showResults'))}
              </Match>
            </Switch>
          </div>
          <FormProblem error={run.error} />
        </Show>
      </Show>
      <ConfirmDialog
        open={confirmDelete()}
        title={t('polls.deleteTitle')}
        confirmLabel={t('polls.delete')}
        danger
        pending={run.isPending}
        onConfirm={() => run.mutate(() => calls.remove(poll().id), { onSettled: () => setConfirmDelete(false) })}
        onClose={() => setConfirmDelete(false)}
      >
        <p>{t('polls.deleteBody', { question: poll().question })}</p>
      </ConfirmDialog>
    </li>
  );
}
