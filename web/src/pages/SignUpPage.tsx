import { A } from '@solidjs/router';
import { usePageTitle } from '../app/page-title.ts';
import { AuthPageLayout } from '../features/accounts/AuthPageLayout.tsx';
import { withNext } from '../features/accounts/next-path.ts';
import { useOnwardOnceSignedIn } from '../features/accounts/onward-once-signed-in.ts';
import { SignUpForm } from '../features/accounts/SignUpForm.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

export default function SignUpPage() {
  const { t } = useI18n();
  usePageTitle(() => t('auth.signUpTitle'));
  const onward = useOnwardOnceSignedIn();
  return (
    <AuthPageLayout
      eyebrow={onward.next() === '/new' ? t('auth.stepAccount') : undefined}
      title={t('auth.signUpTitle')}
      lead={t('auth.signUpLead')}
      switchLine={
        <>
          {t('auth.haveAccount')} <A href={withNext('/signin', onward.next())}>{t('auth.signIn')}</A>
        </>
      }
    >
      <SignUpForm initialEmail={onward.email()} returnTo={onward.next()} onSignedUp={onward.goOnward} />
    </AuthPageLayout>
  );
}
