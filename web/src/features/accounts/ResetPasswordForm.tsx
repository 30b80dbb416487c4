import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { authFieldErrors } from '../../ui/form/field-errors.ts';
import { NewPasswordField } from './AccountFields.tsx';
import { newPasswordProblem } from './account-checks.ts';
import { useResetPassword } from './accounts-api.ts';

/** A new password for the token from the reset mail; afterwards every other session is signed out. */
export function ResetPasswordForm(props: { token: string }) {
  const { t } = useI18n();
  const reset = useResetPassword();
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string>();
  const fieldError = () => error() ?? authFieldErrors(reset.error, t).password;
  let form: HTMLFormElement | undefined;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (reset.isPending) return;
    const problem = newPasswordProblem(password());
    setError(problem ? t(problem) : undefined);
    if (problem) return focusFirstInvalid(form);
    reset.mutate({ token: props.token, newPassword: password() });
  };

  return (
    <Show
      when={!reset.isSuccess}
      fallback={
        <div class="notice notice--success" role="status">
          <p>{t('auth.resetDone')}</p>
          <A href="/signin" class="button button--primary">
            {t('auth.signInAction')}
          </A>
        </div>
      }
    >
      <form ref={form} class="form-stack" onSubmit={submit} novalidate>
        <FormProblem error={fieldError() ? null : reset.error} />
        <NewPasswordField
          label={t('auth.newPassword')}
          value={password()}
          error={fieldError()}
          onInput={(value) => {
            setPassword(value);
            setError(undefined);
          }}
        />
        <button type="submit" class="button button--primary button--wide" aria-disabled={reset.isPending}>
          {t('auth.saveNewPassword')}
        </button>
      </form>
    </Show>
  );
}
