import { createStore } from 'solid-js/store';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem, unclaimedError } from '../../ui/form/FormProblem.tsx';
import { authFieldErrors, createFieldErrors } from '../../ui/form/field-errors.ts';
import { emailProblem, MIN_PASSWORD_LENGTH, newPasswordProblem } from './account-checks.ts';
import { useSignUp } from './account-queries.ts';

/** Name, email and password; the account's mails go out in the language the page is in. */
export function SignUpForm(props: { initialEmail?: string; onSignedUp: () => void }) {
  const { t, locale } = useI18n();
  const signUp = useSignUp();
  const [values, setValues] = createStore({ name: '', email: props.initialEmail ?? '', password: '' });
  const checks = createFieldErrors();
  const serverErrors = () => authFieldErrors(signUp.error, t);
  const errorOf = (field: keyof typeof values) => checks.errors()[field] ?? serverErrors()[field];
  let form: HTMLFormElement | undefined;

  const edit = (field: keyof typeof values, value: string) => {
    setValues(field, value);
    checks.clear(field);
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (signUp.isPending) return;
    const found: Record<string, string> = {};
    const name = values.name.trim();
    if (name.length < 2) found.name = name ? t('forms.tooShort', { min: 2 }) : t('forms.required');
    const email = emailProblem(values.email);
    if (email) found.email = t(email);
    const password = newPasswordProblem(values.password);
    if (password) found.password = t(password);
    checks.set(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form);
    signUp.mutate({ ...values, name, email: values.email.trim(), locale: locale() }, { onSuccess: props.onSignedUp });
  };

  return (
    <form ref={form} class="form-stack" onSubmit={submit} novalidate>
      <FormProblem error={unclaimedError(signUp.error, serverErrors())} />
      <Field label={t('auth.name')} error={errorOf('name')}>
        {(control) => (
          <input
            {...control}
            class="field__control"
            autocomplete="name"
            value={values.name}
            onInput={(e) => edit('name', e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t('auth.email')} error={errorOf('email')}>
        {(control) => (
          <input
            {...control}
            class="field__control"
            type="email"
            autocomplete="email"
            inputmode="email"
            value={values.email}
            onInput={(e) => edit('email', e.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        label={t('auth.password')}
        hint={t('auth.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        error={errorOf('password')}
      >
        {(control) => (
          <input
            {...control}
            class="field__control"
            type="password"
            autocomplete="new-password"
            value={values.password}
            onInput={(e) => edit('password', e.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit" class="button button--primary button--wide" aria-disabled={signUp.isPending}>
        {signUp.isPending ? t('auth.signingUp') : t('auth.signUpAction')}
      </button>
    </form>
  );
}
