import { type FeedbackForm, MAX_FEEDBACK_QUESTIONS, updateFeedbackFormRequestSchema } from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { useApi } from '../../api/ApiProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CheckboxField, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem, unclaimedError } from '../../ui/form/FormProblem.tsx';
import { createFieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import { QuestionsBuilder } from '../sessions/QuestionsBuilder.tsx';
import { newQuestionDraft, type QuestionDraft, toQuestion, toQuestionDraft } from '../sessions/question-drafts.ts';
import { feedbackFormQuery, useSaveFeedbackForm } from './feedback-api.ts';
import '../sessions/editor.css';
import './feedback.css';

/**
 * The organizer's card for a session's feedback form: on or off, and questions of their own
 * (short text, one choice, a checkbox) to add, reorder and remove. Saved as a whole.
 */
export function FeedbackFormEditor(props: { sessionRef: string }) {
  const { t } = useI18n();
  const api = useApi();
  const form = useQuery(() => feedbackFormQuery(api, props.sessionRef));
  const headingId = createUniqueId();
  return (
    <section class="card form-section feedback-editor" aria-labelledby={headingId} data-testid="feedback-form-editor">
      <h2 id={headingId} class="form-section__heading">
        {t('feedback.editor.heading')}
      </h2>
      <p class="feedback-editor__lead">{t('feedback.editor.lead')}</p>
      <QueryState query={form}>
        {(saved) => <FeedbackFormFields sessionRef={props.sessionRef} saved={saved()} />}
      </QueryState>
    </section>
  );
}

function FeedbackFormFields(props: { sessionRef: string; saved: FeedbackForm }) {
  const { t } = useI18n();
  const save = useSaveFeedbackForm(() => props.sessionRef);
  const [values, setValues] = createStore({
    enabled: props.saved.enabled,
    questions: props.saved.questions.map(toQuestionDraft),
  });
  const [savedNow, setSavedNow] = createSignal(false);
  const checks = createFieldErrors();
  const errorOf = (path: string) => checks.errors()[path] ?? problemFieldErrors(save.error)[path];
  let element: HTMLFormElement | undefined;

  const edited = (path?: string) => {
    setSavedNow(false);
    if (path) checks.clear(path);
  };
  const updateQuestions = (update: (list: QuestionDraft[]) => QuestionDraft[]) => {
    setValues('questions', update);
    edited();
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const request = { enabled: values.enabled, questions: values.questions.map(toQuestion) };
    const checked = validateWith(updateFeedbackFormRequestSchema, request, t);
    checks.set(checked.ok ? {} : checked.errors);
    if (!checked.ok) return focusFirstInvalid(element);
    save.mutate(checked.data, { onSuccess: () => setSavedNow(true) });
  };

  return (
    <form ref={element} class="form-stack" onSubmit={submit} novalidate>
      <CheckboxField
        label={t('feedback.editor.enabled')}
        hint={t('feedback.editor.enabledHint')}
        checked={values.enabled}
        onChange={(checked) => {
          setValues('enabled', checked);
          edited();
        }}
      />
      <Show when={values.enabled}>
        <QuestionsBuilder
          heading={t('feedback.editor.questionsHeading')}
          hint={t('feedback.editor.questionsHint')}
          max={MAX_FEEDBACK_QUESTIONS}
          questions={values.questions}
          errorOf={errorOf}
          onAdd={() => updateQuestions((list) => [...list, newQuestionDraft()])}
          onRemove={(index) => updateQuestions((list) => list.filter((_, i) => i !== index))}
          onMove={(index, by) =>
            updateQuestions(
              produce((list) => {
                const [moved] = list.splice(index, 1);
                if (moved) list.splice(index + by, 0, moved);
              }),
            )
          }
          onChange={(index, field, value) => {
            setValues(
              'questions',
              produce((list) => {
                const question = list[index];
                if (question) question[field] = value;
              }),
            );
            edited(`questions.${index}.${String(field)}`);
          }}
        />
      </Show>
      <FormProblem error={unclaimedError(save.error, problemFieldErrors(save.error))} />
      <div class="button-row">
        <button
          type="submit"
          class="button button--primary"
          aria-disabled={save.isPending}
          data-testid="feedback-form-save"
        >
          {save.isPending ? t('forms.saving') : t('feedback.editor.save')}
        </button>
        <p role="status" class="form-actions__status">
          <Show when={savedNow()}>{t('forms.saved')}</Show>
        </p>
      </div>
    </form>
  );
}
