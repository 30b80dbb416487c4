import {
  POLL_KINDS,
  POLL_MAX_OPTIONS,
  POLL_MIN_OPTIONS,
  type Poll,
  type PollDraft,
  type PollKind,
  pollDraftSchema,
} from '@serambi/shared';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, createUniqueId, For, Index, onMount, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem, unclaimedError } from '../../ui/form/FormProblem.tsx';
import { problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';

/** A draft poll written or rewritten by a moderator: the question, one or several choices, 2 to 10 options. */
export function PollEditor(props: { poll?: Poll; onSave: (draft: PollDraft) => Promise<unknown>; onDone: () => void }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [question, setQuestion] = createSignal(props.poll?.question ?? '');
  const [kind, setKind] = createSignal<PollKind>(props.poll?.kind ?? 'single');
  const [options, setOptions] = createSignal<string[]>(props.poll?.options.map((option) => option.text) ?? ['', '']);
  const [checkErrors, setCheckErrors] = createSignal<Record<string, string>>({});
  const save = useMutation(() => ({ mutationFn: props.onSave }));
  const errors = () => ({ ...problemFieldErrors(save.error), ...checkErrors() });
  let form: HTMLFormElement | undefined;
  let questionField: HTMLInputElement | undefined;
  onMount(() => questionField?.focus());

  const setOption = (index: number, text: string) =>
    setOptions((current) => current.map((option, at) => (at === index ? text : option)));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const checked = validateWith(pollDraftSchema, { question: question(), kind: kind(), options: options() }, t);
    if (!checked.ok) {
      setCheckErrors(checked.errors);
      focusFirstInvalid(form);
      return;
    }
    setCheckErrors({});
    save.mutate(checked.data, { onSuccess: () => props.onDone() });
  };

  return (
    <form ref={form} class="poll-editor" onSubmit={submit} novalidate data-testid="poll-editor">
      <h3 class="poll-editor__title">{props.poll ? t('polls.editor.titleEdit') : t('polls.editor.titleNew')}</h3>
      <Field label={t('polls.editor.question')} error={errors().question}>
        {(control) => (
          <input
            {...control}
            ref={questionField}
            class="field__control"
            data-testid="poll-question"
            value={question()}
            onInput={(event) => setQuestion(event.currentTarget.value)}
          />
        )}
      </Field>
      <fieldset class="poll-editor__kind">
        <legend class="field__label">{t('polls.editor.kind')}</legend>
        <For each={POLL_KINDS}>
          {(choice) => (
            <label class="inline-check">
              <input
                type="radio"
                name={`${id}-kind`}
                data-testid={`poll-kind-${choice}`}
                checked={kind() === choice}
                onChange={() => setKind(choice)}
              />
              <span>{t(`polls.editor.${choice}`)}</span>
            </label>
          )}
        </For>
      </fieldset>
      <fieldset class="poll-editor__options">
        <legend class="field__label">{t('polls.editor.options')}</legend>
        <Index each={options()}>
          {(option, index) => (
            <div class="poll-editor__option">
              <Field
                label={t('polls.editor.option', { n: index + 1 })}
                error={errors()[`options.${index}`]}
                class="poll-editor__option-field"
              >
                {(control) => (
                  <input
                    {...control}
                    class="field__control"
                    data-testid="poll-option-text"
                    value={option()}
                    onInput={(event) => setOption(index, event.currentTarget.value)}
                  />
                )}
              </Field>
              <Show when={options().length > POLL_MIN_OPTIONS}>
                <button
                  type="button"
                  class="icon-button icon-button--danger"
                  aria-label={t('polls.editor.removeOption', { n: index + 1 })}
                  title={t('polls.editor.removeOption', { n: index + 1 })}
                  onClick={() => setOptions((current) => current.filter((_, at) => at !== index))}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </Show>
            </div>
          )}
        </Index>
        <Show when={errors().options}>
          <p class="field__error">{errors().options}</p>
        </Show>
        <Show when={options().length < POLL_MAX_OPTIONS}>
          <button
            type="button"
            class="button button--small button--quiet poll-editor__add"
            data-testid="poll-add-option"
            onClick={() => setOptions((current) => [...current, ''])}
          >
            {t('polls.editor.addOption')}
          </button>
        </Show>
      </fieldset>
      <div class="button-row">
        <button
          type="submit"
          class="button button--primary button--small"
          data-testid="poll-save"
          aria-disabled={save.isPending}
        >
          {save.isPending ? t('polls.editor.saving') : t('polls.editor.save')}
        </button>
        <button type="button" class="button button--small button--quiet" onClick={() => props.onDone()}>
          {t('polls.editor.cancel')}
        </button>
      </div>
      <FormProblem error={unclaimedError(save.error, problemFieldErrors(save.error))} />
    </form>
  );
}
