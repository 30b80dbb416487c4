import { editQuestionRequestSchema, QUESTION_MAX_LENGTH } from '@serambi/shared';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, createUniqueId, onMount } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FieldError } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { CharacterCounter } from './CharacterCounter.tsx';

/** A question's text edited in place (the asker's rewording, a moderator's typo fix); Escape cancels. */
export function QuestionEditor(props: {
  text: string;
  onSave: (text: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [text, setText] = createSignal(props.text);
  const [checkError, setCheckError] = createSignal<string>();
  const save = useMutation(() => ({ mutationFn: props.onSave }));
  const error = () => checkError() ?? problemFieldErrors(save.error).text;
  let field: HTMLTextAreaElement | undefined;
  onMount(() => field?.focus());

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const checked = validateWith(editQuestionRequestSchema, { text: text() }, t);
    if (!checked.ok) return setCheckError(checked.errors.text);
    save.mutate(checked.data.text, { onSuccess: () => props.onDone() });
  };

  return (
    <form class="question-editor" onSubmit={submit} novalidate>
      <label class="visually-hidden" for={`${id}-text`}>
        {t('qa.card.editLabel')}
      </label>
      <textarea
        ref={field}
        id={`${id}-text`}
        class="field__control"
        rows="3"
        data-testid="edit-question-text"
        aria-invalid={error() ? true : undefined}
        aria-describedby={`${id}-counter${error() ? ` ${id}-error` : ''}`}
        value={text()}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setCheckError(undefined);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onDone();
        }}
      />
      <FieldError id={`${id}-error`} message={error()} />
      <div class="question-editor__footer">
        <CharacterCounter id={`${id}-counter`} length={text().length} max={QUESTION_MAX_LENGTH} />
        <button type="button" class="button button--small button--quiet" onClick={() => props.onDone()}>
          {t('qa.card.cancel')}
        </button>
        <button
          type="submit"
          class="button button--small button--primary"
          data-testid="save-question"
          aria-disabled={save.isPending}
        >
          {t('qa.card.save')}
        </button>
      </div>
      <FormProblem error={problemFieldErrors(save.error).text ? null : save.error} />
    </form>
  );
}
