import type { RegisterRequest, RegistrationQuestion } from '@serambi/shared';
import { For } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { createFieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { loadLater } from '../../ui/load-later.ts';
import { type Answer, QuestionField } from './QuestionField.tsx';

const registrationChecks = loadLater(() => import('./registration-checks.ts'));

/**
 * Name, email and the organizer's questions; no account needed. Mails go out in the page's
 * language. The caller sends it: to one session, or to every session of a series.
 */
export function RegistrationForm(props: {
  questions: RegistrationQuestion[];
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (request: RegisterRequest & { email: string }) => void;
}) {
  const { t, locale } = useI18n();
  const [values, setValues] = createStore({ name: '', email: '', answers: {} as Record<string, Answer> });
  const checks = createFieldErrors();
  const errorOf = (path: string) => checks.errors()[path] ?? problemFieldErrors(props.error)[path];
  let form: HTMLFormElement | undefined;

  let checking = false;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (props.pending || checking) return;
    const request = { name: values.name, email: values.email.trim(), answers: { ...values.answers }, locale: locale() };
    checking = true;
    // Without the check's code (the network), the server's own check answers, field by field.
    const checked = await registrationChecks
      .get()
      .then(({ checkRegistration }) => checkRegistration(request, t))
      .catch(() => ({ ok: true }) as const)
      .finally(() => {
        checking = false;
      });
    const found: Record<string, string> = checked.ok ? {} : { ...checked.errors };
    for (const question of props.questions) {
      const answer = values.answers[question.id];
      if (question.required && (answer === undefined || answer === '' || answer === false)) {
        found[`answers.${question.id}`] = t('forms.required');
      }
    }
    checks.set(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form);
    props.onSubmit(request);
  };

  return (
    <form
      ref={form}
      class="form-stack"
      onSubmit={submit}
      onFocusIn={registrationChecks.warm}
      novalidate
      aria-label={t('registration.formLabel')}
    >
      <FormProblem error={props.error} />
      <Field label={t('registration.name')} error={errorOf('name')}>
        {(control) => (
          <input
            {...control}
            class="field__control"
            autocomplete="name"
            value={values.name}
            onInput={(e) => {
              setValues('name', e.currentTarget.value);
              checks.clear('name');
            }}
          />
        )}
      </Field>
      <Field label={t('registration.email')} hint={t('registration.emailHint')} error={errorOf('email')}>
        {(control) => (
          <input
            {...control}
            class="field__control"
            type="email"
            autocomplete="email"
            inputmode="email"
            value={values.email}
            onInput={(e) => {
              setValues('email', e.currentTarget.value);
              checks.clear('email');
            }}
          />
        )}
      </Field>
      <For each={props.questions}>
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
      <button type="submit" class="button button--primary button--wide" aria-disabled={props.pending}>
        {props.pending ? t('registration.registering') : props.submitLabel}
      </button>
      <p class="form-stack__aside">{t('registration.privacy')}</p>
    </form>
  );
}
