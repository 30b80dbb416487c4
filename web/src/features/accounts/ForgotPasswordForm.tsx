import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { EmailField } from './AccountFields.tsx';
import { emailProblem } from './account-checks.ts';
import { useRequestPasswordReset } from './accounts-api.ts';

/** Asks for a reset link. The answer is the same whether the address has an account or not. */
export function ForgotPasswordForm() {
  const { t } = useI18n();
  const request = useRequestPasswordReset();
  const [email, setEmail] = createSignal('');
  const [error, setError] = createSignal<string>();
  let form: HTMLFormElement | undefined;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (request.isPending) return;
    const problem = emailProblem(email());
    setError(problem ? t(problem) : undefined);
    if (problem) return focusFirstInvalid(form);
    request.mutate(email().trim());
  };

  return (
    <Show
      when={!request.isSuccess}
      fallback={
        <p class="notice notice--success" role="status">
          {t('auth.resetSent', { email: email().trim() })}
        </p>
      }
    >
      <form ref={form} class="form-stack" onSubmit={submit} novalidate>
        <FormProblem error={request.error} />
        <EmailField
          value={email()}
          error={error()}
          onInput={(value) => {
            setEmail(value);
            setError(undefined);
          }}
        />
        <button type="submit" class="button button--primary button--wide" aria-disabled={request.isPending}>
          {t('auth.sendResetLink')}
        </button>
      </form>
    </Show>
  );
}
