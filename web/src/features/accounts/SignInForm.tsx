import { A } from '@solidjs/router';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem, unclaimedError } from '../../ui/form/FormProblem.tsx';
import { authFieldErrors } from '../../ui/form/field-errors.ts';
import { createFormValues } from '../../ui/form/form-values.ts';
import { CurrentPasswordField, EmailField } from './AccountFields.tsx';
import { emailProblem } from './account-checks.ts';
import { useSignIn } from './accounts-api.ts';

export function SignInForm(props: { initialEmail?: string; onSignedIn: () => void }) {
  const { t } = useI18n();
  const signIn = useSignIn();
  const serverErrors = () => authFieldErrors(signIn.error, t);
  const { values, edit, errorOf, setChecks } = createFormValues(
    { email: props.initialEmail ?? '', password: '' },
    serverErrors,
  );
  let form: HTMLFormElement | undefined;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (signIn.isPending) return;
    const found: Record<string, string> = {};
    const email = emailProblem(values.email);
    if (email) found.email = t(email);
    if (values.password === '') found.password = t('forms.required');
    setChecks(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form);
    signIn.mutate({ email: values.email.trim(), password: values.password }, { onSuccess: props.onSignedIn });
  };

  return (
    <form ref={form} class="form-stack" onSubmit={submit} novalidate>
      <FormProblem error={unclaimedError(signIn.error, serverErrors())} />
      <EmailField value={values.email} error={errorOf('email')} onInput={(value) => edit('email', value)} />
      <CurrentPasswordField
        value={values.password}
        error={errorOf('password')}
        onInput={(value) => edit('password', value)}
      />
      <p class="form-stack__aside">
        <A href="/forgot-password">{t('auth.forgotPassword')}</A>
      </p>
      <button type="submit" class="button button--primary button--wide" aria-disabled={signIn.isPending}>
        {signIn.isPending ? t('auth.signingIn') : t('auth.signInAction')}
      </button>
    </form>
  );
}
