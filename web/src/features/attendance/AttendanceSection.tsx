import type { AttendanceReport, Certificate } from '@serambi/shared';
import { createMemo, createUniqueId, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DownloadIcon } from '../../ui/DownloadIcon.tsx';
import { AttendanceSummary } from './AttendanceSummary.tsx';
import { AttendanceTable } from './AttendanceTable.tsx';
import { attendanceCsvUrl } from './attendance-api.ts';
import { ViewersChart } from './charts/ViewersChart.tsx';
import { certificateStatusByEmail } from './people.ts';
import './report.css';

/**
 * The attendance part of a session's report: the numbers, viewers minute by minute, and the
 * list of people with a CSV download. Before the session has gone live there is nothing to
 * count yet, and it says so.
 */
export function AttendanceSection(props: {
  report: AttendanceReport;
  sessionRef: string;
  timeZone: string;
  live: boolean;
  certificates: Certificate[] | undefined;
}) {
  const { t } = useI18n();
  const chartId = createUniqueId();
  const peopleId = createUniqueId();
  const certificates = createMemo(() =>
    props.certificates ? certificateStatusByEmail(props.certificates) : undefined,
  );
  return (
    <Show when={props.report.liveAt} fallback={<p class="empty-state">{t('attendance.report.notYet')}</p>}>
      <Show when={props.live}>
        <p class="notice notice--info">{t('attendance.report.liveNote')}</p>
      </Show>
      <AttendanceSummary report={props.report} timeZone={props.timeZone} />
      <section class="report-card card" aria-labelledby={chartId}>
        <h3 id={chartId} class="report-card__heading">
          {t('attendance.report.chartHeading')}
        </h3>
        <ViewersChart report={props.report} timeZone={props.timeZone} />
      </section>
      <section class="report-card card" aria-labelledby={peopleId}>
        <div class="report-card__head">
          <h3 id={peopleId} class="report-card__heading">
            {t('attendance.report.peopleHeading')}
          </h3>
          <a
            class="button button--small"
            href={attendanceCsvUrl(props.sessionRef)}
            rel="external"
            download=""
            data-testid="attendance-csv"
          >
            <DownloadIcon />
            {t('attendance.report.downloadCsv')}
          </a>
        </div>
        <AttendanceTable people={props.report.people} certificates={certificates()} />
      </section>
    </Show>
  );
}
