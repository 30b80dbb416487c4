import type { Question, QuestionAction } from '@serambi/shared';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { useRoom } from '../room/room-context.ts';
import { useQaCalls } from './qa-api.ts';
import { mergeTargets } from './qa-state.ts';

/**
 * A moderator's actions on one question. The frequent ones are buttons (approve or dismiss a
 * question under review; answer now, mark answered, reopen); the rest (edit, merge, invite the
 * asker on stage, dismiss) sit behind "More" so a long list stays readable.
 */
export function QuestionModeration(props: { question: Question; onEdit: () => void }) {
  const { t } = useI18n();
  const room = useRoom();
  const calls = useQaCalls();
  const [merging, setMerging] = createSignal(false);
  const [invited, setInvited] = createSignal(false);
  const run = useMutation(() => ({ mutationFn: (call: () => Promise<unknown>) => call() }));
  const question = () => props.question;
  const answering = () => room.snapshot().qa.answeringId === question().id;
  const act = (action: QuestionAction) => {
    if (run.isPending) return;
    run.mutate(() => calls.act(question().id, action), {
      onSuccess: () => setInvited(action === 'invite'),
    });
  };
  const mayInvite = () => !question().anonymous && question().author !== null;
  const name = () => question().author?.name ?? t('qa.card.anonymous');

  const button = (action: QuestionAction, label: string, primary = false): JSX.Element => (
    <button
      type="button"
      class={`button button--small ${primary ? 'button--primary' : ''}`}
      data-testid={`question-${action}`}
      aria-disabled={run.isPending}
      onClick={() => act(action)}
    >
      {label}
    </button>
  );

  return (
    <div class="question-moderation">
      <div class="question-card__actions">
        <Show when={question().status === 'pending'}>
          {button('approve', t('qa.moderate.approve'), true)}
          {button('dismiss', t('qa.moderate.dismiss'))}
          <button type="button" class="button button--small button--quiet" onClick={() => props.onEdit()}>
            {t('qa.moderate.edit')}
          </button>
        </Show>
        <Show when={question().status === 'open'}>
          <Show when={answering()} fallback={button('pin', t('qa.moderate.pin'), true)}>
            {button('unpin', t('qa.moderate.unpin'))}
          </Show>
          {button('answer', t('qa.moderate.answer'))}
        </Show>
        <Show when={question().status === 'answered'}>{button('reopen', t('qa.moderate.reopen'))}</Show>
        <Show when={question().status === 'open' || question().status === 'answered'}>
          <MoreActions label={t('qa.moderate.moreLabel', { name: name() })}>
            <button
              type="button"
              class="question-menu__item"
              data-testid="question-edit"
              onClick={() => props.onEdit()}
            >
              {t('qa.moderate.edit')}
            </button>
            <button
              type="button"
              class="question-menu__item"
              data-testid="question-merge"
              onClick={() => setMerging(true)}
            >
              {t('qa.moderate.merge')}
            </button>
            <Show when={mayInvite()}>
              <button
                type="button"
                class="question-menu__item"
                data-testid="question-invite"
                onClick={() => act('invite')}
              >
                {t('qa.moderate.invite')}
              </button>
            </Show>
            <button
              type="button"
              class="question-menu__item question-menu__item--danger"
              data-testid="question-dismiss"
              onClick={() => act('dismiss')}
            >
              {t('qa.moderate.dismiss')}
            </button>
          </MoreActions>
        </Show>
      </div>
      <Show when={merging()}>
        <MergeForm question={question()} onDone={() => setMerging(false)} />
      </Show>
      <p class="question-card__note" role="status">
        {invited() ? t('qa.moderate.invited', { name: name() }) : ''}
      </p>
      <FormProblem error={run.error} />
    </div>
  );
}

/** A disclosure of further actions; it closes after one is chosen, on Escape, or when focus leaves it. */
function MoreActions(props: { label: string; children: JSX.Element }) {
  const { t } = useI18n();
  let details: HTMLDetailsElement | undefined;
  const close = () => {
    if (details) details.open = false;
  };
  return (
    <details
      ref={details}
      class="question-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && details?.open) {
          close();
          details.querySelector('summary')?.focus();
        }
      }}
      onFocusOut={(event) => {
        if (!details?.contains(event.relatedTarget as Node | null)) close();
      }}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('.question-menu__item')) close();
      }}
    >
      <summary class="button button--small button--quiet question-menu__summary" aria-label={props.label}>
        {t('qa.moderate.more')}
      </summary>
      <div class="question-menu__items">{props.children}</div>
    </details>
  );
}

function MergeForm(props: { question: Question; onDone: () => void }) {
  const { t } = useI18n();
  const room = useRoom();
  const calls = useQaCalls();
  const id = createUniqueId();
  const targets = () => mergeTargets(room.snapshot().qa, props.question.id);
  const [into, setInto] = createSignal<string>('');
  const merge = useMutation(() => ({ mutationFn: (target: string) => calls.merge(props.question.id, target) }));
  const chosen = () => into() || targets()[0]?.id || '';
  const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);
  return (
    <form
      class="merge-form"
      data-testid="merge-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!merge.isPending && chosen()) merge.mutate(chosen(), { onSuccess: () => props.onDone() });
      }}
    >
      <Show when={targets().length > 0} fallback={<p class="question-card__note">{t('qa.moderate.mergeNone')}</p>}>
        <label class="field__label" for={`${id}-into`}>
          {t('qa.moderate.mergeLabel')}
        </label>
        <select
          id={`${id}-into`}
          class="field__control"
          data-testid="merge-into"
          aria-describedby={`${id}-hint`}
          value={chosen()}
          onChange={(event) => setInto(event.currentTarget.value)}
        >
          <For each={targets()}>
            {(target) => <option value={target.id}>{`${excerpt(target.text)} (${target.votes})`}</option>}
          </For>
        </select>
        <p id={`${id}-hint`} class="question-card__note">
          {t('qa.moderate.mergeHint')}
        </p>
      </Show>
      <div class="question-card__actions">
        <Show when={targets().length > 0}>
          <button
            type="submit"
            class="button button--small button--primary"
            data-testid="merge-submit"
            aria-disabled={merge.isPending}
          >
            {t('qa.moderate.mergeSubmit')}
          </button>
        </Show>
        <button type="button" class="button button--small button--quiet" onClick={() => props.onDone()}>
          {t('qa.card.cancel')}
        </button>
      </div>
      <FormProblem error={merge.error} />
    </form>
  );
}
