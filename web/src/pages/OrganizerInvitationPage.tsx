import { A, useNavigate, useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { ApiProblem } from '../api/client.ts';
import { usePageTitle } from '../app/page-title.ts';
import { useSignOut } from '../features/accounts/account-queries.ts';
import { withNext } from '../features/accounts/next-path.ts';
import { SignedInOnly } from '../features/accounts/SignedInOnly.tsx';
import { useAcceptOrganizerInvitation } from '../features/communities/community-queries.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormProblem } from '../ui/form/FormProblem.tsx';

/** Where a co-organizer's invitation mail leads: sign in with the invited address, then accept. */
export default function OrganizerInvitationPage() {
  const { t } = useI18n();
  usePageTitle(() => t('invitations.organizerTitle'));
  const params = useParams<{ secret: string }>();
  const navigate = useNavigate();
  const accept = useAcceptOrganizerInvitation();
  const signOut = useSignOut();
  const wrongAccount = () => accept.error instanceof ApiProblem && accept.error.status === 403;
  const here = () => `/invitations/${params.secret}`;
  return (
    <SignedInOnly title={t('invitations.organizerTitle')} reason={t('invitations.organizerSignIn')}>
      {(user) => (
        <div class="page page--narrow invitation-page">
          <header class="page__header">
            <h1>{t('invitations.organizerTitle')}</h1>
            <p class="page__lead">{t('invitations.organizerLead', { email: user.email })}</p>
          </header>
          <Show
            when={accept.data}
            fallback={
              <div class="card form-stack">
                <FormProblem error={accept.error} />
                <Show
                  when={wrongAccount()}
                  fallback={
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
                  }
                >
                  <button
                    type="button"
                    class="button button--primary"
                    onClick={() =>
                      signOut.mutate(undefined, { onSuccess: () => navigate(withNext('/signin', here())) })
                    }
                  >
                    {t('invitations.switchAccount')}
                  </button>
                </Show>
              </div>
            }
          >
            {(community) => (
              <div class="notice notice--success" role="status">
                <p>{t('invitations.organizerAccepted', { community: community().name })}</p>
                <A href={`/manage/${community().slug}`} class="button button--primary">
                  {t('invitations.openDashboard')}
                </A>
              </div>
            )}
          </Show>
        </div>
      )}
    </SignedInOnly>
  );
}
