import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, Show } from 'solid-js';
import { usePageTitle } from '../app/page-title.ts';
import { useCurrentUser } from '../features/accounts/account-queries.ts';
import { safeNextPath, withNext } from '../features/accounts/next-path.ts';
import { SignUpForm } from '../features/accounts/SignUpForm.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

export default function SignUpPage() {
  const { t } = useI18n();
  usePageTitle(() => t('auth.signUpTitle'));
  const [search] = useSearchParams<{ next?: string; email?: string }>();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const next = () => safeNextPath(search.next, '/manage');
  // Signed up just now or already before: either way, on to where the person was going.
  createEffect(() => {
    if (user.data) navigate(next(), { replace: true });
  });
  return (
    <div class="page page--narrow auth-page">
      <header class="page__header">
        <Show when={next() === '/new'}>
          <p class="eyebrow">{t('auth.stepAccount')}</p>
        </Show>
        <h1>{t('auth.signUpTitle')}</h1>
        <p class="page__lead">{t('auth.signUpLead')}</p>
      </header>
      <div class="card">
        <SignUpForm initialEmail={search.email} onSignedUp={() => navigate(next(), { replace: true })} />
      </div>
      <p class="auth-page__switch">
        {t('auth.haveAccount')} <A href={withNext('/signin', next())}>{t('auth.signIn')}</A>
      </p>
    </div>
  );
}
