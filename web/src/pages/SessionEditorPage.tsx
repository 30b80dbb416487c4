import { useNavigate, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { usePageTitle } from '../app/page-title.ts';
import { SignedInOnly } from '../features/accounts/SignedInOnly.tsx';
import { communityQuery } from '../features/communities/communities-api.ts';
import { MaterialsSection } from '../features/materials/MaterialsSection.tsx';
import { RecordingPanel } from '../features/recordings/RecordingPanel.tsx';
import { StreamDestinationPanel } from '../features/recordings/StreamDestinationPanel.tsx';
import { ManageSessionHeader } from '../features/sessions/ManageSessionHeader.tsx';
import { SessionEditorForm } from '../features/sessions/SessionEditorForm.tsx';
import { SessionLifecycle } from '../features/sessions/SessionLifecycle.tsx';
import { sessionQuery } from '../features/sessions/sessions-api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/** /manage/:slug/sessions/new and /manage/:slug/sessions/:ref: schedule a session, or change one. */
export default function SessionEditorPage() {
  const { t } = useI18n();
  const params = useParams<{ slug: string; ref?: string }>();
  const navigate = useNavigate();
  const api = useApi();
  return (
    <SignedInOnly>
      {() => {
        const community = useQuery(() => communityQuery(api, params.slug));
        const session = useQuery(() => ({ ...sessionQuery(api, params.ref ?? ''), enabled: Boolean(params.ref) }));
        usePageTitle(() => session.data?.title ?? t('editor.newTitle'));
        return (
          <QueryState query={community} notFound={t('communities.notFound')}>
            {(found) => (
              <div class="page session-editor-page">
                <Show
                  when={params.ref}
                  fallback={
                    <>
                      <ManageSessionHeader communitySlug={found().slug} current="details" />
                      <SessionEditorForm
                        communitySlug={found().slug}
                        communityTimeZone={found().timeZone}
                        onCreated={(created) =>
                          navigate(`/manage/${found().slug}/sessions/${created.slug}`, { replace: true })
                        }
                      />
                    </>
                  }
                >
                  <QueryState query={session} notFound={t('sessions.notFound')}>
                    {(existing) => (
                      <>
                        <ManageSessionHeader communitySlug={found().slug} session={existing()} current="details" />
                        <SessionEditorForm
                          communitySlug={found().slug}
                          communityTimeZone={found().timeZone}
                          session={existing()}
                          onCreated={() => {}}
                        />
                        <Show when={existing().status !== 'cancelled'}>
                          <section class="card form-section">
                            <MaterialsSection source={{ ref: existing().slug }} />
                          </section>
                          <RecordingPanel session={existing()} />
                          <StreamDestinationPanel session={existing()} />
                        </Show>
                        <SessionLifecycle session={existing()} />
                      </>
                    )}
                  </QueryState>
                </Show>
              </div>
            )}
          </QueryState>
        );
      }}
    </SignedInOnly>
  );
}
