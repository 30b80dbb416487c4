import { A, useNavigate, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { Match, Switch } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { ApiProblem } from '../api/problem.ts';
import { usePageTitle } from '../app/page-title.ts';
import { useSignOut } from '../features/accounts/accounts-api.ts';
import { ResendConfirmation } from '../features/accounts/ConfirmEmail.tsx';
import { isEmailUnconfirmed } from '../features/accounts/email-confirmation.ts';
import { withNext } from '../features/accounts/next-path.ts';
import { SignedInOnly } from '../features/accounts/SignedInOnly.tsx';
import { organizerInvitationQuery, useAcceptOrganizerInvitation } from '../features/communities/communities-api.ts';
import { OrganizerInvitationSummary } from '../features/communities/OrganizerInvitationSummary.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormProblem } from '../ui/form/FormProblem.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/** Where a co-organizer's invitation mail leads: what it is for, then sign in with the invited address and accept. */
export default function OrganizerInvitationPage() {
  const { t } = useI18n();
  usePageTitle(() => t('invitations.organizerTitle'));
  const params = useParams<{ secret: string }>();
  const api = useApi();
  const invitation = useQuery(() => organizerInvitationQuery(api, params.secret));
  const accept = useAcceptOrganizerInvitation();
  return (
    <QueryState query={invitation} notFound={t('invitations.linkInvalid')}>
      {(details) => (
        <div class="page page--narrow invitation-page">
          <header class="page__header">
            <h1>{t('invitations.organizerTitle')}</h1>
          </header>
          <OrganizerInvitationSummary invitation={details()} />
          <Switch
            fallback={
              <SignedInOnly
                embedded
                title={t('auth.needed.title')}
                reason={t('invitations.organizerSignIn')}
                email={details().email}
              >
                {(user) => (
                  <AcceptInvitation
                    secret={params.secret}
                    email={user.email}
                    invitedEmail={details().email}
                    accept={accept}
                  />
                )}
              </SignedInOnly>
            }
          >
            <Match when={accept.data}>
              {(community) => (
                <div class="notice notice--success" role="status">
                  <p>{t('invitations.organizerAccepted', { community: community().name })}</p>
                  <A href={`/manage/${community().slug}`} class="button button--primary">
                    {t('invitations.openDashboard')}
                  </A>
                </div>
              )}
            </Match>
            <Match when={details().status === 'accepted'}>
              <div class="notice" role="status">
                <p>{t('invitations.alreadyAccepted')}</p>
                <A href={`/manage/${details().community.slug}`} class="button">
                  {t('invitations.openDashboard')}
                </A>
              </div>
            </Match>
            <Match when={details().status === 'revoked'}>
              <p class="notice notice--problem" role="status">
                {t('invitations.revoked')}
              </p>
            </Match>
            <Match when={details().expired}>
              <p class="notice notice--problem" role="status">
                {t('invitations.expired')}
              </p>
            </Match>
          </Switch>
        </div>
      )}
    </QueryState>
  );
}

/**
 * Accept, or (signed in with another address than the invited one) switch accounts, or (the
 * invited address not confirmed yet) have the link sent again and accept once it is followed.
 */
function AcceptInvitation(props: {
  secret: string;
  email: string;
  invitedEmail: string;
  accept: ReturnType<typeof useAcceptOrganizerInvitation>;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const wrongAccount = () =>
    props.accept.error instanceof ApiProblem && props.accept.error.problem?.code === 'invitation_other_email';
  const here = () => `/invitations/${props.secret}`;
  const accept = () => {
    if (!props.accept.isPending) props.accept.mutate(props.secret);
  };
  return (
    <div class="card form-stack">
      <p>{t('invitations.organizerLead', { email: props.email })}</p>
      <Switch
        fallback={
          <>
            <FormProblem error={props.accept.error} />
            <button
              type="button"
              class="button button--primary"
              aria-disabled={props.accept.isPending}
              onClick={accept}
            >
              {t('invitations.accept')}
            </button>
          </>
        }
      >
        <Match when={isEmailUnconfirmed(props.accept.error) && props.accept.error}>
          {(problem) => (
            <>
              <div class="notice notice--problem" role="alert" data-testid="email-unconfirmed">
                <strong>{t('auth.confirm.title')}</strong>
                <p>{problem().problem?.detail}</p>
              </div>
              <ResendConfirmation onRetry={accept} />
            </>
          )}
        </Match>
        <Match when={wrongAccount()}>
          <FormProblem error={props.accept.error} />
          <button
            type="button"
            class="button button--primary"
            onClick={() =>
              signOut.mutate(undefined, {
                onSuccess: () => navigate(withNext('/signin', here(), props.invitedEmail)),
              })
            }
          >
            {t('invitations.switchAccount')}
          </button>
        </Match>
      </Switch>
    </div>
  );
}
