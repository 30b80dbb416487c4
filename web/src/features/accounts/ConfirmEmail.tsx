import { useLocation } from '@solidjs/router';
import { Show } from 'solid-js';
import type { ApiProblem } from '../../api/problem.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import '../../ui/form/forms.css';
import { useCurrentUser, useResendConfirmation } from './accounts-api.ts';

/**
 * "Confirm your address first" as a card: the server's sentence (it names the address the link
 * went to) and what to do about it.
 */
export function ConfirmEmailNotice(props: { problem: ApiProblem; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="card form-stack confirm-email" data-testid="email-unconfirmed">
      <h2>{t('auth.confirm.title')}</h2>
      <p>{props.problem.problem?.detail}</p>
      <ResendConfirmation onRetry={props.onRetry} />
    </div>
  );
}

/**
 * Sends the confirmation link again (it brings the person back to this page, where the request
 * then succeeds) and, where the page can ask again, tries once they have followed it elsewhere.
 */
export function ResendConfirmation(props: { onRetry?: (() => void) | undefined }) {
  const { t } = useI18n();
  const location = useLocation();
  const user = useCurrentUser();
  const resend = useResendConfirmation();
  const send = () => {
    const email = user.data?.email;
    if (!email || resend.isPending) return;
    resend.mutate({ email, returnTo: location.pathname + location.search });
  };
  return (
    <div class="form-stack">
      <FormProblem error={resend.error} />
      <Show when={resend.isSuccess}>
        <p class="notice notice--success" role="status" data-testid="confirmation-resent">
          {t('auth.confirm.resent', { email: user.data?.email ?? '' })}
        </p>
      </Show>
      <div class="button-row">
        <button
          type="button"
          class="button button--primary"
          data-testid="resend-confirmation"
          aria-disabled={resend.isPending || !user.data}
          onClick={send}
        >
          {resend.isPending ? t('auth.confirm.resending') : t('auth.confirm.resend')}
        </button>
        <Show when={props.onRetry}>
          {(retry) => (
            <button type="button" class="button" onClick={() => retry()()}>
              {t('auth.confirm.retry')}
            </button>
          )}
        </Show>
      </div>
    </div>
  );
}
