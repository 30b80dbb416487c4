import { type AttendanceReport, clockTime } from '@serambi/shared';
import { createMemo } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { numberFormatter } from './number-format.ts';
import { SummaryTiles } from './SummaryTiles.tsx';

/** Registered, attended, the rate, the peak and when, and the average stay. */
export function AttendanceSummary(props: { report: AttendanceReport; timeZone: string }) {
  const { t, locale } = useI18n();
  const count = createMemo(() => numberFormatter(locale()));
  return (
    <SummaryTiles
      label={t('attendance.report.summary')}
      tiles={[
        {
          label: t('attendance.report.registered'),
          value: count()(props.report.registered),
          testId: 'tile-registered',
        },
        {
          label: t('attendance.report.attended'),
          value: count()(props.report.attended),
          testId: 'tile-attended',
        },
        {
          label: t('attendance.report.attendanceRate'),
          value: props.report.attendanceRate === null ? '—' : `${props.report.attendanceRate}%`,
          detail: t('attendance.report.rateDetail'),
          testId: 'tile-rate',
        },
        {
          label: t('attendance.report.peak'),
          value: count()(props.report.peakViewers),
          ...(props.report.peakAt
            ? {
                detail: t('attendance.report.peakAt', {
                  time: clockTime(props.report.peakAt, props.timeZone, locale()),
                }),
              }
            : {}),
          testId: 'tile-peak',
        },
        {
          label: t('attendance.report.averageMinutes'),
          value: t('attendance.report.minutes', { minutes: count()(props.report.averageMinutes) }),
          detail: t('attendance.report.ofLive', { minutes: count()(props.report.liveMinutes) }),
          testId: 'tile-average',
        },
      ]}
    />
  );
}
