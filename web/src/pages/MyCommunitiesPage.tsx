import { A } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { usePageTitle } from '../app/page-title.ts';
import { SignedInOnly } from '../features/accounts/SignedInOnly.tsx';
import { myCommunitiesQuery } from '../features/communities/communities-api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import '../features/communities/communities.css';

/** The communities the signed-in person runs, each leading to its dashboard. */
export default function MyCommunitiesPage() {
  const { t } = useI18n();
  usePageTitle(() => t('account.myCommunities'));
  const api = useApi();
  return (
    <SignedInOnly>
      {() => {
        const communities = useQuery(() => myCommunitiesQuery(api));
        return (
          <div class="page page--narrow">
            <header class="page__header page__header--with-action">
              <h1>{t('account.myCommunities')}</h1>
              <A href="/new" class="button button--primary">
                {t('account.newCommunity')}
              </A>
            </header>
            <QueryState query={communities}>
              {(mine) => (
                <Show when={mine().length > 0} fallback={<p class="empty-state">{t('communities.noneYet')}</p>}>
                  <ul class="link-list">
                    <For each={mine()}>
                      {(community) => (
                        <li>
                          <A href={`/manage/${community.slug}`} class="link-list__item">
                            <strong>{community.name}</strong>
                            <span class="badge">{t(`team.roles.${community.role}`)}</span>
                          </A>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              )}
            </QueryState>
          </div>
        );
      }}
    </SignedInOnly>
  );
}
