import { FEEDBACK_COMMENT_MAX_LENGTH, type MyFeedback } from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { createSignal, createUniqueId, For, onMount, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useApi } from '../../api/ApiProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { checkLater } from '../../ui/form/check-later.ts';
import { Field, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem, unclaimedError } from '../../ui/form/FormProblem.tsx';
import { createFieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { type Answer, QuestionField } from '../registrations/QuestionField.tsx';
import { type FeedbackSource, myFeedbackQuery, useSendFeedback } from './feedback-api.ts';
import { type Rating, StarRatingInput, Stars } from './Stars.tsx';
import './feedback.css';

const feedbackCheck = checkLater(() => import('./feedback-checks.ts').then((module) => module.checkFeedback));

/**
 * The short form after a session: 1–5 stars, a comment, and the organizer's questions. Shown
 * only while it takes answers (or to thank someone who answered); after sending, a thank-you
 * with "Edit my answer". `onSkip` adds a "Skip" button where the form is an offer (the room).
 */
export function FeedbackForm(props: { source: FeedbackSource; onSkip?: () => void; class?: string }) {
  const api = useApi();
  const mine = useQuery(() => myFeedbackQuery(api, props.source));
  const [editing, setEditing] = createSignal(false);
  /** After sending or choosing to edit, focus goes to what replaced the button pressed. */
  const [moved, setMoved] = createSignal(false);
  const headingId = createUniqueId();
  const shown = () => {
    const data = mine.data;
    return data && (data.open || data.response !== null) ? data : undefined;
  };
  return (
    <Show when={shown()}>
      {(data) => (
        <section class={`card feedback ${props.class ?? ''}`} aria-labelledby={headingId} data-testid="feedback">
          <Show
            when={data().response && !editing() ? data().response : undefined}
            fallback={
              <FeedbackEditor
                mine={data()}
                source={props.source}
                headingId={headingId}
                focusOnShow={moved()}
                onSaved={() => {
                  setMoved(true);
                  setEditing(false);
                }}
                onCancel={
                  data().response
                    ? () => {
                        setMoved(true);
                        setEditing(false);
                      }
                    : undefined
                }
                onSkip={props.onSkip}
              />
            }
          >
            {(response) => (
              <FeedbackThanks
                headingId={headingId}
                rating={response().rating as Rating}
                canEdit={data().open}
                focusOnShow={moved()}
                onEdit={() => {
                  setMoved(true);
                  setEditing(true);
                }}
              />
            )}
          </Show>
        </section>
      )}
    </Show>
  );
}

function FeedbackThanks(props: {
  headingId: string;
  rating: Rating;
  canEdit: boolean;
  focusOnShow: boolean;
  onEdit: () => void;
}) {
  const { t } = useI18n();
  let heading: HTMLHeadingElement | undefined;
  onMount(() => {
    if (props.focusOnShow) heading?.focus();
  });
  return (
    <div class="feedback__thanks" data-testid="feedback-thanks">
      <h2 id={props.headingId} class="feedback__heading" tabindex="-1" ref={heading}>
        {t('feedback.form.thanks')}
      </h2>
      <p class="feedback__rating-line">
        <Stars value={props.rating} size={22} />
        <span>{t('feedback.form.yourRating', { label: t(`feedback.form.ratings.${props.rating}`) })}</span>
      </p>
      <p class="feedback__lead">{t('feedback.form.thanksBody')}</p>
      <Show when={props.canEdit}>
        <div class="button-row">
          <button type="button" class="button button--small" data-testid="feedback-edit" onClick={() => props.onEdit()}>
            {t('feedback.form.edit')}
          </button>
        </div>
      </Show>
    </div>
  );
}

function FeedbackEditor(props: {
  mine: MyFeedback;
  source: FeedbackSource;
  headingId: string;
  focusOnShow: boolean;
  onSaved: () => void;
  onCancel: (() => void) | undefined;
  onSkip: (() => void) | undefined;
}) {
  const { t } = useI18n();
  const send = useSendFeedback(() => props.source);
  const before = props.mine.response;
  const [values, setValues] = createStore({
    rating: before?.rating as Rating | undefined,
    comment: before?.comment ?? '',
    answers: { ...(before?.answers ?? {}) } as Record<string, Answer>,
  });
  const checks = createFieldErrors();
  const errorOf = (path: string) => checks.errors()[path] ?? problemFieldErrors(send.error)[path];
  let form: HTMLFormElement | undefined;
  let heading: HTMLHeadingElement | undefined;
  onMount(() => {
    if (props.focusOnShow) heading?.focus();
  });

  let checking = false;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (send.isPending || checking) return;
    const request = { rating: values.rating ?? 0, comment: values.comment, answers: { ...values.answers } };
    checking = true;
    const checked = await feedbackCheck.check(request, t).finally(() => {
      checking = false;
    });
    const found: Record<string, string> = !checked || checked.ok ? {} : { ...checked.errors };
    for (const question of props.mine.form.questions) {
      const answer = values.answers[question.id];
      if (question.required && (answer === undefined || answer === '' || answer === false)) {
        found[`answers.${question.id}`] = t('forms.required');
      }
    }
    checks.set(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form);
    send.mutate(request, { onSuccess: () => props.onSaved() });
  };

  return (
    <form
      ref={form}
      class="form-stack feedback__form"
      onSubmit={submit}
      onFocusIn={feedbackCheck.warm}
      novalidate
      aria-label={t('feedback.form.label', { title: props.mine.sessionTitle })}
    >
      <div class="feedback__intro">
        <h2 id={props.headingId} class="feedback__heading" tabindex="-1" ref={heading}>
          {t('feedback.form.heading')}
        </h2>
        <p class="feedback__lead">{t('feedback.form.lead')}</p>
      </div>
      <StarRatingInput
        value={values.rating}
        error={errorOf('rating')}
        onChange={(rating) => {
          setValues('rating', rating);
          checks.clear('rating');
        }}
      />
      <Field
        label={t('feedback.form.comment')}
        hint={t('feedback.form.commentHint')}
        optional
        error={errorOf('comment')}
      >
        {(control) => (
          <textarea
            {...control}
            class="field__control"
            rows="3"
            maxLength={FEEDBACK_COMMENT_MAX_LENGTH}
            value={values.comment}
            data-testid="feedback-comment"
            onInput={(e) => {
              setValues('comment', e.currentTarget.value);
              checks.clear('comment');
            }}
          />
        )}
      </Field>
      <For each={props.mine.form.questions}>
        {(question) => (
          <QuestionField
            question={question}
            value={values.answers[question.id]}
            error={errorOf(`answers.${question.id}`)}
            onChange={(value) => {
              setValues('answers', question.id, value);
              checks.clear(`answers.${question.id}`);
            }}
          />
        )}
      </For>
      <FormProblem error={unclaimedError(send.error, problemFieldErrors(send.error))} />
      <div class="button-row">
        <button type="submit" class="button button--primary" aria-disabled={send.isPending} data-testid="feedback-send">
          {send.isPending
            ? t('feedback.form.sending')
            : props.mine.response
              ? t('feedback.form.update')
              : t('feedback.form.submit')}
        </button>
        <Show when={props.onCancel}>
          {(cancel) => (
            <button type="button" class="button button--quiet" onClick={() => cancel()()}>
              {t('feedback.form.cancelEdit')}
            </button>
          )}
        </Show>
        <Show when={!props.mine.response && props.onSkip}>
          {(skip) => (
            <button type="button" class="button button--quiet" data-testid="feedback-skip" onClick={() => skip()()}>
              {t('feedback.form.skip')}
            </button>
          )}
        </Show>
      </div>
    </form>
  );
}
