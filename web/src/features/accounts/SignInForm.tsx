import { A } from '@solidjs/router';
import { createStore } from 'solid-js/store';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem, unclaimedError } from '../../ui/form/FormProblem.tsx';
import { authFieldErrors, createFieldErrors } from '../../ui/form/field-errors.ts';
import { emailProblem } from './account-checks.ts';
import { useSignIn } from './account-queries.ts';

export function SignInForm(props: { initialEmail?: string; onSignedIn: () => void }) {
  const { t } = useI18n();
  const signIn = useSignIn();
  const [values, setValues] = createStore({ email: props.initialEmail ?? '', password: '' });
  const checks = createFieldErrors();
  const serverErrors = () => authFieldErrors(signIn.error, t);
  const errorOf = (field: keyof typeof values) => checks.errors()[field] ?? serverErrors()[field];
  let form: HTMLFormElement | undefined;

  const edit = (field: keyof typeof values, value: string) => {
    setValues(field, value);
    checks.clear(field);
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (signIn.isPending) return;
    const found: Record<string, string> = {};
    const email = emailProblem(values.email);
    if (email) found.email = t(email);
    if (values.password === '') found.password = t('forms.required');
    checks.set(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form);
    signIn.mutate({ email: values.email.trim(), password: values.password }, { onSuccess: props.onSignedIn });
  };

  return (
    <form ref={form} class="form-stack" onSubmit={submit} novalidate>
      <FormProblem error={unclaimedError(signIn.error, serverErrors())} />
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
      <Field label={t('auth.password')} error={errorOf('password')}>
        {(control) => (
          <input
            {...control}
            class="field__control"
            type="password"
            autocomplete="current-password"
            value={values.password}
            onInput={(e) => edit('password', e.currentTarget.value)}
          />
        )}
      </Field>
      <p class="form-stack__aside">
        <A href="/forgot-password">{t('auth.forgotPassword')}</A>
      </p>
      <button type="submit" class="button button--primary button--wide" aria-disabled={signIn.isPending}>
        {signIn.isPending ? t('auth.signingIn') : t('auth.signInAction')}
      </button>
    </form>
  );
}
