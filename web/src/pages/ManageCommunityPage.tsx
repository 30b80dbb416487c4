import { A, useLocation, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { usePageTitle } from '../app/page-title.ts';
import { SignedInOnly } from '../features/accounts/SignedInOnly.tsx';
import { SeriesReportsCard } from '../features/attendance/SeriesReportsCard.tsx';
import { CommunityProfile } from '../features/communities/CommunityProfile.tsx';
import { CommunitySettingsForm } from '../features/communities/CommunitySettingsForm.tsx';
import { communityQuery, myCommunitiesQuery } from '../features/communities/communities-api.ts';
import { TeamPanel } from '../features/communities/TeamPanel.tsx';
import { RetentionForm } from '../features/recordings/RetentionForm.tsx';
import { SessionCardList } from '../features/sessions/SessionCardList.tsx';
import { communitySessionsQuery } from '../features/sessions/sessions-api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/**
 * An organizer's dashboard: sessions (drafts included), the team, and the community's settings
 * (its profile, and how long recordings are kept), opened at once when linked to.
 */
export default function ManageCommunityPage() {
  const { t } = useI18n();
  const params = useParams<{ slug: string }>();
  const location = useLocation();
  const api = useApi();
  return (
    <SignedInOnly>
      {() => {
        const community = useQuery(() => communityQuery(api, params.slug));
        const mine = useQuery(() => myCommunitiesQuery(api));
        const sessions = useQuery(() => communitySessionsQuery(api, params.slug));
        const myRole = () => mine.data?.find((c) => c.slug === params.slug)?.role;
        usePageTitle(() => t('dashboard.title', { community: community.data?.name ?? params.slug }));
        const base = () => `/manage/${params.slug}`;
        return (
          <QueryState query={community} notFound={t('communities.notFound')}>
            {(found) => (
              <Show
                when={!mine.data || myRole()}
                fallback={<p class="notice notice--problem">{t('dashboard.notOrganizer')}</p>}
              >
                <div class="page dashboard">
                  <header class="dashboard__header">
                    <CommunityProfile community={found()}>
                      <p class="dashboard__links">
                        <A href={`/c/${found().slug}`}>{t('dashboard.publicPage')}</A>
                      </p>
                    </CommunityProfile>
                    <div class="button-row dashboard__actions">
                      <A href={`${base()}/sessions/new`} class="button button--primary">
                        {t('dashboard.newSession')}
                      </A>
                      <A href={`${base()}/series/new`} class="button">
                        {t('dashboard.newSeries')}
                      </A>
                    </div>
                  </header>
                  <div class="dashboard__grid">
                    <div class="dashboard__sessions">
                      <QueryState query={sessions}>
                        {(list) => (
                          <SessionCardList
                            sessions={list()}
                            hrefOf={(session) => `${base()}/sessions/${session.slug}`}
                            actionsOf={(session) => (
                              <>
                                <A href={`${base()}/sessions/${session.slug}/registrants`} class="button button--small">
                                  {t('dashboard.registrants')}
                                </A>
                                <Show when={session.status === 'live' || session.status === 'ended'}>
                                  <A href={`${base()}/sessions/${session.slug}/report`} class="button button--small">
                                    {t('attendance.report.tab')}
                                  </A>
                                </Show>
                              </>
                            )}
                            emptyUpcoming={t('dashboard.noUpcoming')}
                          />
                        )}
                      </QueryState>
                    </div>
                    <aside class="dashboard__side">
                      <TeamPanel slug={found().slug} myRole={myRole()} />
                      <SeriesReportsCard sessions={sessions.data ?? []} communitySlug={found().slug} />
                      <details
                        id="community-settings"
                        class="card settings-panel"
                        open={location.hash === '#community-settings'}
                      >
                        <summary class="card__heading">{t('dashboard.settings')}</summary>
                        <CommunitySettingsForm community={found()} />
                        <RetentionForm communitySlug={found().slug} />
                      </details>
                    </aside>
                  </div>
                </div>
              </Show>
            )}
          </QueryState>
        );
      }}
    </SignedInOnly>
  );
}
