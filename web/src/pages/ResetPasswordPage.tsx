import { A, useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { usePageTitle } from '../app/page-title.ts';
import { ResetPasswordForm } from '../features/accounts/ResetPasswordForm.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Where the reset mail's link lands: better-auth adds `?token=…`, or `?error=INVALID_TOKEN` for a used or old link. */
export default function ResetPasswordPage() {
  const { t } = useI18n();
  usePageTitle(() => t('auth.resetTitle'));
  const [search] = useSearchParams<{ token?: string; error?: string }>();
  return (
    <div class="page page--narrow auth-page">
      <header class="page__header">
        <h1>{t('auth.resetTitle')}</h1>
      </header>
      <Show
        when={search.token && !search.error ? search.token : undefined}
        fallback={
          <div class="notice notice--problem" role="alert">
            <p>{t('auth.errors.resetLinkInvalid')}</p>
            <A href="/forgot-password" class="button">
              {t('auth.requestNewLink')}
            </A>
          </div>
        }
      >
        {(token) => (
          <div class="card">
            <ResetPasswordForm token={token()} />
          </div>
        )}
      </Show>
    </div>
  );
}
