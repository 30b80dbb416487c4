import { A, useParams, useSearchParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { Show, Suspense } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { usePageTitle } from '../app/page-title.ts';
import { MaterialsIfAny } from '../features/materials/MaterialsIfAny.tsx';
import { CancelRegistration } from '../features/registrations/CancelRegistration.tsx';
import { RegistrationStatus } from '../features/registrations/RegistrationStatus.tsx';
import { myRegistrationQuery } from '../features/registrations/registrations-api.ts';
import { AddToCalendar } from '../features/sessions/AddToCalendar.tsx';
import { sessionQuery } from '../features/sessions/sessions-api.ts';
import { Countdown } from '../features/time/Countdown.tsx';
import { SessionTimes } from '../features/time/SessionTimes.tsx';
import { loadMessages, useI18n } from '../i18n/I18nProvider.tsx';
import { lazyComponent } from '../ui/lazy-component.ts';
import { QueryState } from '../ui/QueryState.tsx';

// Below what the page is for (its heading and the way into the room): the replay, the
// certificates and the feedback form of an ended session and the questions asked ahead load
// after it, each in its own chunk, and only on the page that shows them.
const ReplaySection = lazyComponent(() =>
  Promise.all([import('../features/recordings/ReplaySection.tsx'), loadMessages(['afterSession'])]).then(
    ([module]) => module.ReplaySection,
  ),
);
const AskAheadCard = lazyComponent(() =>
  Promise.all([import('../features/qa/AskAheadCard.tsx'), loadMessages(['asking'])]).then(
    ([module]) => module.AskAheadCard,
  ),
);
const MyCertificates = lazyComponent(() =>
  Promise.all([import('../features/certificates/MyCertificates.tsx'), loadMessages(['afterSession'])]).then(
    ([module]) => module.MyCertificates,
  ),
);
const FeedbackForm = lazyComponent(() =>
  Promise.all([import('../features/feedback/FeedbackForm.tsx'), loadMessages(['afterSession'])]).then(
    ([module]) => module.FeedbackForm,
  ),
);

/**
 * A registrant's personal page, from the link in their mail: status, the session, calendar,
 * cancel, before the session a question asked ahead, the session's materials, and after it the replay, the
 * certificates and the feedback form.
 */
export default function MyRegistrationPage() {
  const { t } = useI18n();
  const params = useParams<{ secret: string }>();
  const [search] = useSearchParams<{ cancel?: string }>();
  const api = useApi();
  const registration = useQuery(() => myRegistrationQuery(api, params.secret));
  // The full session, for the calendar links, when it is visible without an account; a private one is not.
  const session = useQuery(() => ({
    ...sessionQuery(api, registration.data?.session.slug ?? ''),
    enabled: registration.data !== undefined,
  }));
  usePageTitle(() => registration.data?.session.title ?? t('myRegistration.pageTitle'));
  return (
    <QueryState query={registration} notFound={t('myRegistration.linkInvalid')}>
      {(mine) => (
        <div class="page page--narrow my-registration">
          <header class="page__header">
            <p class="eyebrow">{t('myRegistration.eyebrow')}</p>
            <h1>{mine().session.title}</h1>
            <SessionTimes session={mine().session} />
            <Countdown
              startsAt={mine().session.startsAt}
              endsAt={mine().session.endsAt}
              status={mine().session.status}
            />
          </header>
          {/* After the session the replay is what this page is for. */}
          <Show when={mine().session.status === 'ended'}>
            <Suspense>
              <ReplaySection source={{ secret: params.secret }} title={mine().session.title} class="replay--spaced" />
            </Suspense>
          </Show>
          <div class="card my-registration__card">
            <RegistrationStatus registration={mine()} />
            <Show when={mine().status === 'registered' && ['scheduled', 'live'].includes(mine().session.status)}>
              <A href={`/j/${params.secret}/live`} class="button button--primary" data-testid="enter-room-link">
                {t('sessions.enterRoom')}
              </A>
            </Show>
            {/* Before the session: the calendar and cancelling; after it, only why to keep the link. */}
            <Show when={mine().status !== 'cancelled' && ['scheduled', 'live'].includes(mine().session.status)}>
              <p class="my-registration__keep">{t('myRegistration.keepLink')}</p>
              <Show when={session.data}>{(full) => <AddToCalendar session={full()} />}</Show>
              <CancelRegistration secret={params.secret} title={mine().session.title} askNow={search.cancel === '1'} />
            </Show>
            <Show when={mine().status !== 'cancelled' && mine().session.status === 'ended'}>
              <p class="my-registration__keep">{t('myRegistration.keepLinkAfter')}</p>
            </Show>
            <Show when={mine().status === 'cancelled'}>
              <A href={`/s/${mine().session.slug}`} class="button">
                {t('myRegistration.registerAgain')}
              </A>
            </Show>
          </div>
          {/* After the session: their certificates, and the feedback form (while it takes answers, or thanks for one given). */}
          <Show when={mine().status !== 'cancelled' && mine().session.status === 'ended'}>
            <Suspense>
              <MyCertificates secret={params.secret} class="my-certificates--spaced" />
              <FeedbackForm source={{ secret: params.secret }} class="feedback--spaced" />
            </Suspense>
          </Show>
          <Show when={mine().status === 'registered' && mine().session.status === 'scheduled'}>
            <Suspense>
              <AskAheadCard sessionRef={mine().session.slug} joinSecret={params.secret} class="ask-ahead--spaced" />
            </Suspense>
          </Show>
          {/* The slides and files the speakers shared, before, during and after the session. */}
          <Show when={mine().status !== 'cancelled'}>
            <MaterialsIfAny source={{ secret: params.secret }} class="materials--spaced" />
          </Show>
          <p>
            <A href={`/s/${mine().session.slug}`}>{t('myRegistration.sessionPage')}</A>
          </p>
        </div>
      )}
    </QueryState>
  );
}
