import { PERSON_NAME_MIN_LENGTH } from '@serambi/shared';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem, unclaimedError } from '../../ui/form/FormProblem.tsx';
import { authFieldErrors } from '../../ui/form/field-errors.ts';
import { createFormValues } from '../../ui/form/form-values.ts';
import { EmailField, NewPasswordField } from './AccountFields.tsx';
import { emailProblem, newPasswordProblem } from './account-checks.ts';
import { useSignUp } from './accounts-api.ts';

/**
 * Name, email and password; the account's mails go out in the language the page is in, and the
 * link confirming the address brings the person back to `returnTo`.
 */
export function SignUpForm(props: { initialEmail?: string; returnTo: string; onSignedUp: () => void }) {
  const { t, locale } = useI18n();
  const signUp = useSignUp();
  const serverErrors = () => authFieldErrors(signUp.error, t);
  const { values, edit, errorOf, setChecks } = createFormValues(
    { name: '', email: props.initialEmail ?? '', password: '' },
    serverErrors,
  );
  let form: HTMLFormElement | undefined;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (signUp.isPending) return;
    const found: Record<string, string> = {};
    const name = values.name.trim();
    if (name.length < PERSON_NAME_MIN_LENGTH)
      found.name = name ? t('forms.tooShort', { min: PERSON_NAME_MIN_LENGTH }) : t('forms.required');
    const email = emailProblem(values.email);
    if (email) found.email = t(email);
    const password = newPasswordProblem(values.password);
    if (password) found.password = t(password);
    setChecks(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form);
    signUp.mutate(
      { ...values, name, email: values.email.trim(), locale: locale(), callbackURL: props.returnTo },
      { onSuccess: props.onSignedUp },
    );
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
      <EmailField value={values.email} error={errorOf('email')} onInput={(value) => edit('email', value)} />
      <NewPasswordField
        label={t('auth.password')}
        value={values.password}
        error={errorOf('password')}
        onInput={(value) => edit('password', value)}
      />
      <button type="submit" class="button button--primary button--wide" aria-disabled={signUp.isPending}>
        {signUp.isPending ? t('auth.signingUp') : t('auth.signUpAction')}
      </button>
    </form>
  );
}
