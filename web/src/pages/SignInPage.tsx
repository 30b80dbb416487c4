import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect } from 'solid-js';
import { usePageTitle } from '../app/page-title.ts';
import { useCurrentUser } from '../features/accounts/account-queries.ts';
import { safeNextPath, withNext } from '../features/accounts/next-path.ts';
import { SignInForm } from '../features/accounts/SignInForm.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

export default function SignInPage() {
  const { t } = useI18n();
  usePageTitle(() => t('auth.signInTitle'));
  const [search] = useSearchParams<{ next?: string; email?: string }>();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const next = () => safeNextPath(search.next, '/manage');
  createEffect(() => {
    if (user.data) navigate(next(), { replace: true });
  });
  return (
    <div class="page page--narrow auth-page">
      <header class="page__header">
        <h1>{t('auth.signInTitle')}</h1>
        <p class="page__lead">{t('auth.signInLead')}</p>
      </header>
      <div class="card">
        <SignInForm initialEmail={search.email} onSignedIn={() => navigate(next(), { replace: true })} />
      </div>
      <p class="auth-page__switch">
        {t('auth.noAccount')} <A href={withNext('/signup', next())}>{t('auth.signUp')}</A>
      </p>
    </div>
  );
}
