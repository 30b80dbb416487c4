import type { Session } from '@serambi/shared';
import { A } from '@solidjs/router';
import { createMemo, createUniqueId, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import './report.css';

/**
 * On the organizer's dashboard: the community's series, each with the way to its report
 * (attendance across sessions, certificates of the series). Known from the sessions listed.
 */
export function SeriesReportsCard(props: { sessions: Session[]; communitySlug: string }) {
  const { t } = useI18n();
  const headingId = createUniqueId();
  const series = createMemo(() => {
    const found = new Map<string, { id: string; title: string; sessions: number }>();
    for (const session of props.sessions) {
      if (!session.series) continue;
      const held = found.get(session.series.id) ?? { id: session.series.id, title: session.series.title, sessions: 0 };
      held.sessions += 1;
      found.set(session.series.id, held);
    }
    return [...found.values()].sort((a, b) => a.title.localeCompare(b.title, 'id'));
  });
  return (
    <Show when={series().length > 0}>
      <section class="card series-reports" aria-labelledby={headingId} data-testid="series-reports">
        <h2 id={headingId} class="card__heading">
          {t('attendance.analytics.dashboardHeading')}
        </h2>
        <ul class="series-reports__list">
          <For each={series()}>
            {(item) => (
              <li class="series-reports__item">
                <span class="series-reports__title">{item.title}</span>
                <A
                  href={`/manage/${props.communitySlug}/series/${item.id}/report`}
                  class="button button--small"
                  aria-label={t('attendance.report.seriesReport', { title: item.title })}
                >
                  {t('attendance.analytics.link')}
                </A>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
