import { A, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createUniqueId, Show, Suspense } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { usePageTitle } from '../app/page-title.ts';
import { useCurrentUser } from '../features/accounts/accounts-api.ts';
import { useOrganizes } from '../features/communities/use-organizes.ts';
import { RegistrationCard } from '../features/registrations/RegistrationCard.tsx';
import { MarkdownText } from '../features/sessions/MarkdownText.tsx';
import { SessionStatusBadge } from '../features/sessions/SessionStatusBadge.tsx';
import { SpeakerList } from '../features/sessions/SpeakerList.tsx';
import { sessionQuery } from '../features/sessions/sessions-api.ts';
import { Countdown } from '../features/time/Countdown.tsx';
import { SessionTimes } from '../features/time/SessionTimes.tsx';
import { loadMessages, useI18n } from '../i18n/I18nProvider.tsx';
import { AfterFirstPaint } from '../ui/AfterFirstPaint.tsx';
import { lazyComponent } from '../ui/lazy-component.ts';
import { QueryState } from '../ui/QueryState.tsx';

// Beside or below what the page is for (its heading and its form): the calendar and sharing
// links (once the page has been painted), the replay of an ended session and the questions
// asked ahead load after it.
const AddToCalendar = lazyComponent(() =>
  import('../features/sessions/AddToCalendar.tsx').then((module) => module.AddToCalendar),
);
const ShareSession = lazyComponent(() =>
  import('../features/sessions/ShareSession.tsx').then((module) => module.ShareSession),
);
const ReplaySection = lazyComponent(() =>
  Promise.all([import('../features/recordings/ReplaySection.tsx'), loadMessages(['afterSession'])]).then(
    ([module]) => module.ReplaySection,
  ),
);
// Organizers only, so signed-in people only: an anonymous visitor's page does not carry it.
const ManageShortcut = lazyComponent(() =>
  import('../features/sessions/ManageShortcut.tsx').then((module) => module.ManageShortcut),
);
// Signed-in people only: the anonymous page (most visitors) does not carry even the list's query.
const MaterialsIfAny = lazyComponent(() =>
  import('../features/materials/MaterialsIfAny.tsx').then((module) => module.MaterialsIfAny),
);
const AskAheadCard = lazyComponent(() =>
  Promise.all([import('../features/qa/AskAheadCard.tsx'), loadMessages(['asking'])]).then(
    ([module]) => module.AskAheadCard,
  ),
);

/**
 * A session's public page: when, who, what, and the registration form; before it starts, a
 * way for registrants to ask a question ahead; its materials (attached here by its speakers); after
 * it, the replay, and for its organizers the way to the session's report.
 */
export default function SessionPage() {
  const { t } = useI18n();
  const params = useParams<{ slug: string }>();
  const api = useApi();
  const session = useQuery(() => sessionQuery(api, params.slug));
  const currentUser = useCurrentUser();
  const organizes = useOrganizes(() => session.data?.community.slug ?? '');
  usePageTitle(() => session.data?.title ?? t('sessions.pageTitle'));
  const speakersId = createUniqueId();
  const aboutId = createUniqueId();
  return (
    <QueryState query={session} notFound={t('sessions.notFound')}>
      {(found) => (
        <article class="page session-page" classList={{ 'session-page--ended': found().status === 'ended' }}>
          <header class="session-page__header">
            <p class="eyebrow">
              <A href={`/c/${found().community.slug}`}>{found().community.name}</A>
              <Show when={found().series}>
                {(series) => (
                  <>
                    {' · '}
                    <A href={`/series/${series().id}`}>
                      {t('series.numbered', { number: series().number, title: series().title })}
                    </A>
                  </>
                )}
              </Show>
            </p>
            <h1 class="session-page__title">{found().title}</h1>
            <SessionStatusBadge status={found().status} />
            <Show when={currentUser.data}>
              <Suspense>
                <ManageShortcut
                  communitySlug={found().community.slug}
                  path={`/manage/${found().community.slug}/sessions/${found().slug}`}
                  label="session"
                />
              </Suspense>
            </Show>
            <div class="session-page__when">
              <SessionTimes session={found()} />
              <Countdown startsAt={found().startsAt} endsAt={found().endsAt} status={found().status} />
            </div>
          </header>
          <div class="session-page__register">
            <RegistrationCard session={found()} />
            <div class="card session-page__actions">
              {/* The room answers who may enter; a signed-in visitor may be on the team or registered. */}
              <Show when={currentUser.data && ['scheduled', 'live'].includes(found().status)}>
                <A href={`/live/${found().slug}`} class="button button--primary" data-testid="enter-room-link">
                  {t('sessions.enterRoom')}
                </A>
              </Show>
              <AfterFirstPaint>
                <Suspense>
                  <AddToCalendar session={found()} />
                  <ShareSession session={found()} />
                </Suspense>
              </AfterFirstPaint>
            </div>
          </div>
          <div class="session-page__body">
            <Show when={found().status === 'ended'}>
              <Suspense>
                <ReplaySection source={{ ref: found().slug }} title={found().title} />
              </Suspense>
            </Show>
            <Show when={currentUser.data && found().status === 'scheduled' && !organizes()}>
              <Suspense>
                <AskAheadCard sessionRef={found().slug} />
              </Suspense>
            </Show>
            {/* Its speakers attach their slides here; signed-in registrants download them (the personal page needs no account). */}
            <Show when={currentUser.data && found().status !== 'cancelled'}>
              <Suspense>
                <MaterialsIfAny source={{ ref: found().slug }} />
              </Suspense>
            </Show>
            <Show when={found().people.length > 0}>
              <section aria-labelledby={speakersId}>
                <h2 id={speakersId} class="section-heading">
                  {t('sessions.speakersHeading')}
                </h2>
                <SpeakerList people={found().people} />
              </section>
            </Show>
            <Show when={found().description.trim()}>
              <section aria-labelledby={aboutId}>
                <h2 id={aboutId} class="section-heading">
                  {t('sessions.aboutHeading')}
                </h2>
                <MarkdownText source={found().description} />
              </section>
            </Show>
            {/* The room's questions and polls, attendance, feedback and certificates: on the organizers' report page. */}
            <Show when={organizes() && (found().status === 'ended' || found().status === 'live')}>
              <p class="session-page__report">
                <A
                  href={`/manage/${found().community.slug}/sessions/${found().slug}/report`}
                  class="button"
                  data-testid="session-report-link"
                >
                  {t('attendance.report.openReport')}
                </A>
              </p>
            </Show>
          </div>
        </article>
      )}
    </QueryState>
  );
}
