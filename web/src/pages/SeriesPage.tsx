import { A, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { usePageTitle } from '../app/page-title.ts';
import { useOrganizes } from '../features/communities/use-organizes.ts';
import { SeriesRegistration } from '../features/series/SeriesRegistration.tsx';
import { seriesQuery } from '../features/series/series-api.ts';
import { CalendarFeed } from '../features/sessions/CalendarFeed.tsx';
import { MarkdownText } from '../features/sessions/MarkdownText.tsx';
import { SessionCardList } from '../features/sessions/SessionCardList.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/** A series' public page: what it is about and its numbered sessions. */
export default function SeriesPage() {
  const { t } = useI18n();
  const params = useParams<{ id: string }>();
  const api = useApi();
  const series = useQuery(() => seriesQuery(api, params.id));
  const organizes = useOrganizes(() => series.data?.community.slug ?? '');
  usePageTitle(() => series.data?.title ?? t('series.pageTitle'));
  return (
    <QueryState query={series} notFound={t('series.notFound')}>
      {(found) => (
        <div class="page series-page">
          <header class="page__header">
            <p class="eyebrow">
              <A href={`/c/${found().community.slug}`}>{found().community.name}</A>
            </p>
            <h1>{found().title}</h1>
            <Show when={organizes()}>
              <A
                href={`/manage/${found().community.slug}/series/${found().id}/report`}
                class="button button--small manage-shortcut"
                data-testid="series-report-link"
              >
                {t('attendance.analytics.link')}
              </A>
            </Show>
            <p class="page__lead">{t('series.sessionCount', { count: found().sessions.length })}</p>
            <CalendarFeed feedPath={`/api/series/${found().id}/calendar.ics`} />
          </header>
          <div class="series-page__grid">
            <div class="series-page__sessions">
              <Show when={found().description.trim()}>
                <section class="series-page__about" aria-label={t('series.aboutHeading')}>
                  <MarkdownText source={found().description} />
                </section>
              </Show>
              <SessionCardList
                sessions={found().sessions}
                hrefOf={(session) => `/s/${session.slug}`}
                emptyUpcoming={t('series.noUpcoming')}
              />
            </div>
            <SeriesRegistration series={found()} />
          </div>
        </div>
      )}
    </QueryState>
  );
}
