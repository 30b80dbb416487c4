import { A, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { usePageTitle } from '../app/page-title.ts';
import { SignedInOnly } from '../features/accounts/SignedInOnly.tsx';
import { SessionInvitationSummary } from '../features/sessions/SessionInvitationSummary.tsx';
import { sessionInvitationQuery, useAcceptSessionInvitation } from '../features/sessions/sessions-api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormProblem } from '../ui/form/FormProblem.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/** Where a speaker's or moderator's invitation mail leads: what it is for, then sign in or up and accept. */
export default function SpeakerInvitationPage() {
  const { t } = useI18n();
  usePageTitle(() => t('invitations.speakerTitle'));
  const params = useParams<{ secret: string }>();
  const api = useApi();
  const invitation = useQuery(() => sessionInvitationQuery(api, params.secret));
  const accept = useAcceptSessionInvitation();
  return (
    <QueryState query={invitation} notFound={t('invitations.linkInvalid')}>
      {(details) => (
        <div class="page page--narrow invitation-page">
          <header class="page__header">
            <h1>{t('invitations.speakerTitle')}</h1>
          </header>
          <SessionInvitationSummary invitation={details()} />
          <Show
            when={accept.data ?? (details().accepted ? details().session : undefined)}
            fallback={
              <SignedInOnly
                embedded
                title={t('auth.needed.title')}
                reason={t('invitations.speakerSignIn')}
                email={details().email}
              >
                {(user) => (
                  <div class="card form-stack">
                    <p>{t('invitations.speakerLead', { name: user.name })}</p>
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
                )}
              </SignedInOnly>
            }
          >
            {(session) => (
              <div class="notice notice--success" role="status">
                <p>
                  {accept.data
                    ? t('invitations.speakerAccepted', { title: session().title })
                    : t('invitations.alreadyAccepted')}
                </p>
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
    </QueryState>
  );
}
