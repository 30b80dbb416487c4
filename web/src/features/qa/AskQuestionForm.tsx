import { type AnonymousQuestions, type AskQuestionRequest, QUESTION_MAX_LENGTH, type Question } from '@serambi/shared';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { checkLater } from '../../ui/form/check-later.ts';
import { FieldError } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { problemFieldErrors } from '../../ui/form/field-errors.ts';
import { CharacterCounter } from './CharacterCounter.tsx';
import './qa.css';

const questionCheck = checkLater(() => import('./question-checks.ts').then((module) => module.checkQuestion));

/**
 * Where a question is written: its length as it grows, the anonymity rule of the session said
 * before asking (and the choice, when the session allows it), and whether a moderator reviews
 * it first. Used in the room and, before the session, on the session page.
 */
export function AskQuestionForm(props: {
  anonymousQuestions: AnonymousQuestions;
  reviewed: boolean;
  onAsk: (request: AskQuestionRequest) => Promise<Question>;
}) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [text, setText] = createSignal('');
  const [anonymous, setAnonymous] = createSignal(false);
  const [checkError, setCheckError] = createSignal<string>();
  const [sent, setSent] = createSignal<Question['status']>();
  const ask = useMutation(() => ({ mutationFn: props.onAsk }));
  const anonymityAllowed = () => props.anonymousQuestions !== 'off';
  const textError = () => checkError() ?? problemFieldErrors(ask.error).text;
  const describedBy = () =>
    [`${id}-counter`, props.reviewed ? `${id}-reviewed` : '', textError() ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');

  let checking = false;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (ask.isPending || checking) return;
    const request = { text: text(), anonymous: anonymityAllowed() && anonymous() };
    checking = true;
    const checked = await questionCheck.check(request, t).finally(() => {
      checking = false;
    });
    if (checked && !checked.ok) {
      setCheckError(checked.errors.text);
      return;
    }
    setSent(undefined);
    ask.mutate(checked?.data ?? request, {
      onSuccess: (question) => {
        setText('');
        setAnonymous(false);
        setSent(question.status);
      },
    });
  };

  return (
    <form class="ask-question" onSubmit={submit} onFocusIn={questionCheck.warm} novalidate data-testid="ask-question">
      <label class="field__label" for={`${id}-text`}>
        {t('askQuestion.label')}
      </label>
      <textarea
        id={`${id}-text`}
        class="field__control ask-question__text"
        rows="2"
        data-testid="question-text"
        placeholder={t('askQuestion.placeholder')}
        aria-invalid={textError() ? true : undefined}
        aria-describedby={describedBy()}
        value={text()}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setCheckError(undefined);
          setSent(undefined);
        }}
      />
      <FieldError id={`${id}-error`} message={textError()} />
      <Show when={anonymityAllowed()}>
        <div class="ask-question__anonymous">
          <label class="inline-check">
            <input
              type="checkbox"
              data-testid="ask-anonymously"
              checked={anonymous()}
              aria-describedby={`${id}-anonymity`}
              onChange={(event) => setAnonymous(event.currentTarget.checked)}
            />
            <span>{t('askQuestion.anonymous')}</span>
          </label>
          <p id={`${id}-anonymity`} class="ask-question__rule">
            {props.anonymousQuestions === 'hidden'
              ? t('askQuestion.anonymousHidden')
              : t('askQuestion.anonymousModerators')}
          </p>
        </div>
      </Show>
      <Show when={props.reviewed}>
        <p id={`${id}-reviewed`} class="ask-question__rule">
          {t('askQuestion.reviewed')}
        </p>
      </Show>
      <div class="ask-question__footer">
        <CharacterCounter id={`${id}-counter`} length={text().length} max={QUESTION_MAX_LENGTH} />
        <button
          type="submit"
          class="button button--primary button--small"
          data-testid="ask-submit"
          aria-disabled={ask.isPending}
        >
          {ask.isPending ? t('askQuestion.sending') : t('askQuestion.submit')}
        </button>
      </div>
      <p class="ask-question__sent" role="status">
        {sent() === 'pending' ? t('askQuestion.sentForReview') : sent() ? t('askQuestion.sent') : ''}
      </p>
      <FormProblem error={problemFieldErrors(ask.error).text ? null : ask.error} />
    </form>
  );
}
