import { z } from '@hono/zod-openapi';
import { attendanceReportSchema, seriesAnalyticsSchema } from '@serambi/shared';
import { authorizeCommunityById } from '../communities/service.ts';
import type { SessionUser } from '../http/env.ts';
import { apiRoute, createRouter, jsonResponse, organizersOnly, problem } from '../http/openapi.ts';
import { refParams } from '../room/route-parts.ts';
import { findSeries } from '../series/service.ts';
import { visibleSession } from '../sessions/service.ts';
import { attendanceCsv } from './csv.ts';
import { seriesAnalyticsOf } from './series-analytics.ts';
import { type AttendanceReportDeps, attendanceReportOf } from './service.ts';

const report = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/report/attendance',
  tags: ['Reports'],
  summary: 'Who came and for how long: the audience’s numbers, viewers per minute, and everyone by name (organizers)',
  request: { params: refParams },
  responses: {
    200: jsonResponse(attendanceReportSchema, 'The report'),
    ...organizersOnly,
    404: problem('No such session'),
  },
});

const reportExport = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/report/attendance.csv',
  tags: ['Reports'],
  summary: 'The attendance list as CSV, one row per person, headers in the caller’s language (organizers)',
  request: { params: refParams },
  responses: {
    200: { description: 'CSV, UTF-8 with BOM', content: { 'text/csv': { schema: z.string() } } },
    ...organizersOnly,
    404: problem('No such session'),
  },
});

const seriesReport = apiRoute({
  method: 'get',
  path: '/series/{id}/report',
  tags: ['Reports'],
  summary: 'A series across its sessions: attendance, returning people, ratings, most-asked topics (organizers)',
  request: { params: z.object({ id: z.uuid('Use the series’ id.') }) },
  responses: {
    200: jsonResponse(seriesAnalyticsSchema, 'The series’ analytics'),
    ...organizersOnly,
    404: problem('No such series'),
  },
});

/** The organizer's attendance report of a session, its CSV, and a series' analytics. */
export function attendanceRoutes(deps: AttendanceReportDeps) {
  const organizerSession = async (ref: string, user: SessionUser | null) => {
    const { session } = await visibleSession(deps.db, ref, user);
    await authorizeCommunityById(deps.db, session.communityId, user, 'manage');
    return session;
  };
  return createRouter()
    .openapi(report, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      c.header('Cache-Control', 'no-store');
      return c.json(await attendanceReportOf(deps, session.id), 200);
    })
    .openapi(reportExport, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      const body = attendanceCsv(await attendanceReportOf(deps, session.id), {
        locale: c.get('locale'),
        timeZone: session.timeZone,
        startsAt: session.startsAt,
      });
      return c.body(body, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="attendance-${session.slug}.csv"`,
        'Cache-Control': 'no-store',
      });
    })
    .openapi(seriesReport, async (c) => {
      const series = await findSeries(deps.db, c.req.valid('param').id);
      await authorizeCommunityById(deps.db, series.communityId, c.get('user'), 'manage');
      c.header('Cache-Control', 'no-store');
      return c.json(await seriesAnalyticsOf(deps, series.id), 200);
    });
}
