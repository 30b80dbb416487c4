import { z } from '@hono/zod-openapi';
import { interactionReportSchema } from '@serambi/shared';
import { authorizeCommunityById } from '../communities/service.ts';
import type { AppContext } from '../context.ts';
import type { SessionUser } from '../http/env.ts';
import { apiRoute, createRouter, jsonResponse, organizersOnly, problem } from '../http/openapi.ts';
import { refParams } from '../room/route-parts.ts';
import { visibleSession } from '../sessions/service.ts';
import { type InteractionSources, interactionReport, pollsCsv, questionsCsv } from './report.ts';

const csvAnswer = { description: 'CSV, UTF-8 with BOM', content: { 'text/csv': { schema: z.string() } } };

const report = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/report/interaction',
  tags: ['Reports'],
  summary: 'The session’s questions (with votes and answer times), poll results and reactions (organizers)',
  request: { params: refParams },
  responses: {
    200: jsonResponse(interactionReportSchema, 'The report'),
    ...organizersOnly,
    404: problem('No such session'),
  },
});

const questionsExport = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/report/questions.csv',
  tags: ['Reports'],
  summary: 'The session’s questions as CSV (organizers)',
  request: { params: refParams },
  responses: { 200: csvAnswer, ...organizersOnly, 404: problem('No such session') },
});

const pollsExport = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/report/polls.csv',
  tags: ['Reports'],
  summary: 'The session’s poll results as CSV (organizers)',
  request: { params: refParams },
  responses: { 200: csvAnswer, ...organizersOnly, 404: problem('No such session') },
});

/** The organizer's view of a session's Q&A and polls (signed in, community organizers). */
export function interactionReportRoutes(ctx: AppContext, sources: InteractionSources) {
  const organizerSession = async (ref: string, user: SessionUser | null) => {
    const { session } = await visibleSession(ctx.db, ref, user);
    await authorizeCommunityById(ctx.db, session.communityId, user, 'manage');
    return session;
  };
  const csvHeaders = (name: string) => ({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
  return createRouter()
    .openapi(report, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      c.header('Cache-Control', 'no-store');
      return c.json(await interactionReport(ctx.db, session, sources), 200);
    })
    .openapi(questionsExport, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      const body = questionsCsv(await interactionReport(ctx.db, session, sources));
      return c.body(body, 200, csvHeaders(`questions-${session.slug}.csv`));
    })
    .openapi(pollsExport, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      const body = pollsCsv(await interactionReport(ctx.db, session, sources));
      return c.body(body, 200, csvHeaders(`polls-${session.slug}.csv`));
    });
}
