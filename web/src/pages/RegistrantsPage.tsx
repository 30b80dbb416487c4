import { useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { useApi } from '../api/ApiProvider.tsx';
import { usePageTitle } from '../app/page-title.ts';
import { SignedInOnly } from '../features/accounts/SignedInOnly.tsx';
import { InviteRegistrantForm } from '../features/registrations/InviteRegistrantForm.tsx';
import { RegistrantsTable } from '../features/registrations/RegistrantsTable.tsx';
import { ManageSessionHeader } from '../features/sessions/ManageSessionHeader.tsx';
import { sessionQuery } from '../features/sessions/sessions-api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/** /manage/:slug/sessions/:ref/registrants: the session editor's second tab. */
export default function RegistrantsPage() {
  const { t } = useI18n();
  const params = useParams<{ slug: string; ref: string }>();
  const api = useApi();
  return (
    <SignedInOnly>
      {() => {
        const session = useQuery(() => sessionQuery(api, params.ref));
        usePageTitle(() => t('registrants.pageTitle', { title: session.data?.title ?? '' }));
        return (
          <QueryState query={session} notFound={t('sessions.notFound')}>
            {(found) => (
              <div class="page">
                <ManageSessionHeader communitySlug={params.slug} session={found()} current="registrants" />
                <RegistrantsTable sessionRef={found().slug} questions={found().questions} />
                <div class="registrants__invite">
                  <InviteRegistrantForm sessionRef={found().slug} isPrivate={found().visibility === 'private'} />
                </div>
              </div>
            )}
          </QueryState>
        );
      }}
    </SignedInOnly>
  );
}
