import { z } from '@hono/zod-openapi';
import { communitySlugSchema, sessionRefSchema } from '@serambi/shared';
import type { Context } from 'hono';
import { authorizeCommunity } from '../communities/service.ts';
import type { AppContext } from '../context.ts';
import type { AppEnv } from '../http/env.ts';
import { apiRoute, createRouter, problem } from '../http/openapi.ts';
import { visibleSession } from '../sessions/service.ts';
import { type CalendarFile, communityCalendar, seriesCalendar, sessionCalendar } from './service.ts';

const calendar = (description: string) => ({
  description,
  content: { 'text/calendar': { schema: z.string() } },
});

const getSessionCalendar = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/calendar.ics',
  tags: ['Calendar'],
  summary: 'A session as an iCalendar file to add to a calendar (METHOD:PUBLISH)',
  request: { params: z.object({ ref: sessionRefSchema }) },
  responses: {
    200: calendar('The session; its UID stays the same and its SEQUENCE rises when it moves'),
    404: problem('No such session, or not visible to the caller'),
  },
});

const getCommunityCalendar = apiRoute({
  method: 'get',
  path: '/communities/{slug}/calendar.ics',
  tags: ['Calendar'],
  summary: 'A feed of a community’s public sessions to subscribe to; cancelled ones as STATUS:CANCELLED',
  request: { params: z.object({ slug: communitySlugSchema }) },
  responses: { 200: calendar('The feed'), 404: problem('No such community') },
});

const getSeriesCalendar = apiRoute({
  method: 'get',
  path: '/series/{id}/calendar.ics',
  tags: ['Calendar'],
  summary: 'A feed of a series’ sessions to subscribe to; cancelled ones as STATUS:CANCELLED',
  request: { params: z.object({ id: z.uuid('Use the series’ id.') }) },
  responses: { 200: calendar('The feed'), 404: problem('No such series, or nothing in it public') },
});

/** How long a feed may be reused: short, so a moved session reaches subscribers soon. */
const FEED_MAX_AGE_SECONDS = 300;

export function calendarRoutes(ctx: AppContext) {
  const deps = { db: ctx.db, publicUrl: ctx.config.publicUrl, mailFrom: ctx.config.mailFrom, now: ctx.now };
  return createRouter()
    .openapi(getSessionCalendar, async (c) => {
      const { session } = await visibleSession(ctx.db, c.req.valid('param').ref, c.get('user'));
      // Who may see it depends on the caller's cookie: no shared cache may keep it.
      return send(c, await sessionCalendar(deps, session), 'private, no-cache');
    })
    .openapi(getCommunityCalendar, async (c) => {
      const { community } = await authorizeCommunity(ctx.db, c.req.valid('param').slug, c.get('user'), 'view');
      return send(c, await communityCalendar(deps, community), `public, max-age=${FEED_MAX_AGE_SECONDS}`);
    })
    .openapi(getSeriesCalendar, async (c) =>
      send(c, await seriesCalendar(deps, c.req.valid('param').id), `public, max-age=${FEED_MAX_AGE_SECONDS}`),
    );
}

function send(c: Context<AppEnv>, file: CalendarFile, cacheControl: string) {
  return c.body(file.text, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'Cache-Control': cacheControl,
  });
}
