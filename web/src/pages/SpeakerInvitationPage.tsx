import { A, useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { usePageTitle } from '../app/page-title.ts';
import { SignedInOnly } from '../features/accounts/SignedInOnly.tsx';
import { useAcceptSessionInvitation } from '../features/sessions/session-queries.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormProblem } from '../ui/form/FormProblem.tsx';

/** Where a speaker's or moderator's invitation mail leads: sign in or up, then accept. */
export default function SpeakerInvitationPage() {
  const { t } = useI18n();
  usePageTitle(() => t('invitations.speakerTitle'));
  const params = useParams<{ secret: string }>();
  const accept = useAcceptSessionInvitation();
  return (
    <SignedInOnly title={t('invitations.speakerTitle')} reason={t('invitations.speakerSignIn')}>
      {(user) => (
        <div class="page page--narrow invitation-page">
          <header class="page__header">
            <h1>{t('invitations.speakerTitle')}</h1>
            <p class="page__lead">{t('invitations.speakerLead', { name: user.name })}</p>
          </header>
          <Show
            when={accept.data}
            fallback={
              <div class="card form-stack">
                <FormProblem error={accept.error} />
                <button
                  type="button"
                  class="button button--primary"
                  aria-disabled={accept.isPending}
                  onClick={() => {
                    if (!accept.isPending) accept.mutate(params.secret);
                  }}
                >
                  {t('invitations.accept')}
                </button>
              </div>
            }
          >
            {(session) => (
              <div class="notice notice--success" role="status">
                <p>{t('invitations.speakerAccepted', { title: session().title })}</p>
                <div class="button-row">
                  <A href={`/s/${session().slug}`} class="button button--primary">
                    {t('invitations.openSession')}
                  </A>
                  <A href="/check" class="button">
                    {t('home.checkDevices')}
                  </A>
                </div>
              </div>
            )}
          </Show>
        </div>
      )}
    </SignedInOnly>
  );
}
