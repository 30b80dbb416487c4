import { A } from '@solidjs/router';
import { usePageTitle } from '../app/page-title.ts';
import { AuthPageLayout } from '../features/accounts/AuthPageLayout.tsx';
import { withNext } from '../features/accounts/next-path.ts';
import { useOnwardOnceSignedIn } from '../features/accounts/onward-once-signed-in.ts';
import { SignInForm } from '../features/accounts/SignInForm.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

export default function SignInPage() {
  const { t } = useI18n();
  usePageTitle(() => t('auth.signInTitle'));
  const onward = useOnwardOnceSignedIn();
  return (
    <AuthPageLayout
      title={t('auth.signInTitle')}
      lead={t('auth.signInLead')}
      switchLine={
        <>
          {t('auth.noAccount')} <A href={withNext('/signup', onward.next())}>{t('auth.signUp')}</A>
        </>
      }
    >
      <SignInForm initialEmail={onward.email()} onSignedIn={onward.goOnward} />
    </AuthPageLayout>
  );
}
