import { useNavigate } from '@solidjs/router';
import { usePageTitle } from '../app/page-title.ts';
import { SignedInOnly } from '../features/accounts/SignedInOnly.tsx';
import { CreateCommunityForm } from '../features/communities/CreateCommunityForm.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The second step of the first run: the community, then straight to its dashboard. */
export default function NewCommunityPage() {
  const { t } = useI18n();
  usePageTitle(() => t('communities.newTitle'));
  const navigate = useNavigate();
  return (
    <SignedInOnly reason={t('communities.signInToCreate')}>
      {() => (
        <div class="page page--narrow">
          <header class="page__header">
            <p class="eyebrow">{t('communities.stepCommunity')}</p>
            <h1>{t('communities.newTitle')}</h1>
            <p class="page__lead">{t('communities.newLead')}</p>
          </header>
          <div class="card">
            <CreateCommunityForm onCreated={(community) => navigate(`/manage/${community.slug}`)} />
          </div>
        </div>
      )}
    </SignedInOnly>
  );
}
