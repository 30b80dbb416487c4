import type { AttendanceReport, SeriesAnalytics } from '@serambi/shared';
import { queryOptions } from '@tanstack/solid-query';
import type { ApiClient } from '../../api/client.ts';
import { expectSuccess } from '../../api/problem.ts';

export const attendanceKeys = {
  session: (ref: string) => ['sessions', ref, 'report', 'attendance'] as const,
  series: (id: string) => ['series', id, 'report'] as const,
};

/** While the session is live its numbers move each minute (the chart's step). */
const LIVE_POLL_MS = 60_000;

/** Who came to a session and for how long, for its organizers; looked at again each minute while live. */
export const attendanceReportQuery = (api: ApiClient, ref: string, live: () => boolean) =>
  queryOptions({
    queryKey: attendanceKeys.session(ref),
    queryFn: async (): Promise<AttendanceReport> =>
      expectSuccess(await api.sessions[':ref'].report.attendance.$get({ param: { ref } })),
    refetchInterval: () => (live() ? LIVE_POLL_MS : false),
  });

/** Attendance, loyalty, topics and ratings across a series' sessions, for the community's organizers. */
export const seriesAnalyticsQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: attendanceKeys.series(id),
    queryFn: async (): Promise<SeriesAnalytics> =>
      expectSuccess(await api.series[':id'].report.$get({ param: { id } })),
  });

/** A download the browser fetches itself, with the organizer's cookie. */
export const attendanceCsvUrl = (ref: string) => `/api/sessions/${encodeURIComponent(ref)}/report/attendance.csv`;
