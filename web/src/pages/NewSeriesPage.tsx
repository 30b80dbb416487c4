import { A, useNavigate, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { useApi } from '../api/ApiProvider.tsx';
import { usePageTitle } from '../app/page-title.ts';
import { SignedInOnly } from '../features/accounts/SignedInOnly.tsx';
import { communityQuery } from '../features/communities/communities-api.ts';
import { SeriesForm } from '../features/series/SeriesForm.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/** /manage/:slug/series/new: a weekly, fortnightly or monthly series of numbered sessions. */
export default function NewSeriesPage() {
  const { t } = useI18n();
  usePageTitle(() => t('series.newTitle'));
  const params = useParams<{ slug: string }>();
  const navigate = useNavigate();
  const api = useApi();
  return (
    <SignedInOnly>
      {() => {
        const community = useQuery(() => communityQuery(api, params.slug));
        return (
          <QueryState query={community} notFound={t('communities.notFound')}>
            {(found) => (
              <div class="page session-editor-page">
                <header class="manage-header">
                  <p class="manage-header__back">
                    <A href={`/manage/${found().slug}`}>← {t('editor.backToDashboard')}</A>
                  </p>
                  <h1>{t('series.newTitle')}</h1>
                  <p class="page__lead">{t('series.newLead')}</p>
                </header>
                <SeriesForm
                  communitySlug={found().slug}
                  communityTimeZone={found().timeZone}
                  onCreated={() => navigate(`/manage/${found().slug}`)}
                />
              </div>
            )}
          </QueryState>
        );
      }}
    </SignedInOnly>
  );
}
