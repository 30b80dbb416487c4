import { A } from '@solidjs/router';
import { usePageTitle } from '../app/page-title.ts';
import { ForgotPasswordForm } from '../features/accounts/ForgotPasswordForm.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

export default function ForgotPasswordPage() {
  const { t } = useI18n();
  usePageTitle(() => t('auth.forgotTitle'));
  return (
    <div class="page page--narrow auth-page">
      <header class="page__header">
        <h1>{t('auth.forgotTitle')}</h1>
        <p class="page__lead">{t('auth.forgotLead')}</p>
      </header>
      <div class="card">
        <ForgotPasswordForm />
      </div>
      <p class="auth-page__switch">
        <A href="/signin">{t('auth.backToSignIn')}</A>
      </p>
    </div>
  );
}
