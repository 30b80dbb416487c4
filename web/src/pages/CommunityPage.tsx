import { useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { usePageTitle } from '../app/page-title.ts';
import { CommunityProfile } from '../features/communities/CommunityProfile.tsx';
import { communityQuery } from '../features/communities/communities-api.ts';
import { CalendarFeed } from '../features/sessions/CalendarFeed.tsx';
import { ManageShortcut } from '../features/sessions/ManageShortcut.tsx';
import { SessionCardList } from '../features/sessions/SessionCardList.tsx';
import { communitySessionsQuery } from '../features/sessions/sessions-api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/** A community's public page: who they are and their public sessions. */
export default function CommunityPage() {
  const { t } = useI18n();
  const params = useParams<{ slug: string }>();
  const api = useApi();
  const community = useQuery(() => communityQuery(api, params.slug));
  const sessions = useQuery(() => communitySessionsQuery(api, params.slug));
  usePageTitle(() => community.data?.name ?? t('communities.pageTitle'));
  // Organizers get drafts and private sessions from the same list; the public page shows what everyone sees.
  const publicSessions = () => (sessions.data ?? []).filter((s) => s.visibility === 'public' && s.status !== 'draft');
  return (
    <QueryState query={community} notFound={t('communities.notFound')}>
      {(found) => (
        <div class="page community-page">
          <header class="community-page__header">
            <CommunityProfile community={found()}>
              <CalendarFeed feedPath={`/api/communities/${found().slug}/calendar.ics`} />
              <ManageShortcut communitySlug={found().slug} path={`/manage/${found().slug}`} label="community" />
            </CommunityProfile>
          </header>
          <Show when={sessions.data} fallback={<p class="loading">{t('forms.loading')}</p>}>
            <SessionCardList
              sessions={publicSessions()}
              hrefOf={(session) => `/s/${session.slug}`}
              emptyUpcoming={t('communities.noUpcoming')}
            />
          </Show>
        </div>
      )}
    </QueryState>
  );
}
