import type { Series } from '@serambi/shared';
import { A, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createUniqueId, For } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { usePageTitle } from '../app/page-title.ts';
import { SignedInOnly } from '../features/accounts/SignedInOnly.tsx';
import { seriesAnalyticsQuery } from '../features/attendance/attendance-api.ts';
import { SeriesAnalyticsView } from '../features/attendance/SeriesAnalyticsView.tsx';
import { SeriesCertificatesPanel } from '../features/certificates/CertificatesPanel.tsx';
import { seriesQuery } from '../features/series/series-api.ts';
import { SessionStatusBadge } from '../features/sessions/SessionStatusBadge.tsx';
import { SessionTimeLine } from '../features/time/SessionTimes.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import '../features/attendance/report.css';
import '../features/sessions/editor.css';

/**
 * /manage/:slug/series/:id/report: a series across its sessions for the community's
 * organizers (attendance, who came back, topics, ratings) and the series' certificates.
 */
export default function SeriesReportPage() {
  const { t } = useI18n();
  const params = useParams<{ slug: string; id: string }>();
  const api = useApi();
  return (
    <SignedInOnly>
      {() => {
        const series = useQuery(() => seriesQuery(api, params.id));
        const analytics = useQuery(() => seriesAnalyticsQuery(api, params.id));
        usePageTitle(() => t('attendance.analytics.pageTitle', { title: series.data?.title ?? '' }));
        const analyticsId = createUniqueId();
        const certificatesId = createUniqueId();
        return (
          <QueryState query={series} notFound={t('series.notFound')}>
            {(found) => (
              <div class="page report-page" data-testid="series-report">
                <header class="manage-header">
                  <p class="manage-header__back">
                    <A href={`/manage/${params.slug}`}>← {t('editor.backToDashboard')}</A>
                  </p>
                  <p class="eyebrow">{t('attendance.analytics.eyebrow')}</p>
                  <h1>{found().title}</h1>
                  <p class="report-page__lead">{t('attendance.analytics.lead')}</p>
                  <p>
                    <A href={`/series/${found().id}`}>{t('attendance.analytics.backToSeries')}</A>
                  </p>
                </header>
                <section class="report-section" aria-labelledby={analyticsId}>
                  <h2 id={analyticsId} class="visually-hidden">
                    {t('attendance.analytics.summary')}
                  </h2>
                  <QueryState query={analytics}>{(data) => <SeriesAnalyticsView analytics={data()} />}</QueryState>
                </section>
                <SeriesSessions series={found()} communitySlug={params.slug} />
                <section class="report-section card" aria-labelledby={certificatesId}>
                  <h2 id={certificatesId}>{t('attendance.analytics.certificatesHeading')}</h2>
                  <SeriesCertificatesPanel seriesId={found().id} timeZone={found().timeZone} />
                </section>
              </div>
            )}
          </QueryState>
        );
      }}
    </SignedInOnly>
  );
}

/** Each session of the series with its date and status, and the way to its own report. */
function SeriesSessions(props: { series: Series; communitySlug: string }) {
  const { t } = useI18n();
  const id = createUniqueId();
  return (
    <section class="report-section" aria-labelledby={id}>
      <h2 id={id}>{t('attendance.analytics.sessionsHeading')}</h2>
      <ol class="series-sessions">
        <For each={props.series.sessions}>
          {(session) => (
            <li class="series-sessions__item">
              <span class="series-sessions__number">
                {t('attendance.analytics.sessionLabel', { number: session.series?.number ?? '' })}
              </span>
              <span class="series-sessions__what">
                <A href={`/manage/${props.communitySlug}/sessions/${session.slug}`} class="series-sessions__title">
                  {session.title}
                </A>
                <span class="series-sessions__when">
                  <SessionTimeLine session={session} />
                </span>
              </span>
              <span class="series-sessions__status">
                <SessionStatusBadge status={session.status} />
              </span>
              <A
                href={`/manage/${props.communitySlug}/sessions/${session.slug}/report`}
                class="button button--small"
                aria-label={t('attendance.analytics.sessionReportLabel', { title: session.title })}
              >
                {t('attendance.report.tab')}
              </A>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
