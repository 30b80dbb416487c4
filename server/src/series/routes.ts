import { z } from '@hono/zod-openapi';
import {
  communitySlugSchema,
  createSeriesRequestSchema,
  followingChangeSchema,
  registerRequestSchema,
  seriesRegistrationResultSchema,
  seriesSchema,
} from '@serambi/shared';
import { authorizeCommunity, authorizeCommunityById } from '../communities/service.ts';
import type { AppContext } from '../context.ts';
import { clientAddress } from '../http/client-address.ts';
import { requireUser } from '../http/current-user.ts';
import { fromAccount, fromClient } from '../http/mail-limits.ts';
import { apiRoute, createRouter, jsonBody, jsonResponse, organizersOnly, problem } from '../http/openapi.ts';
import { mailDepsOf } from '../sessions/mail-context.ts';
import type { SessionNotifications } from '../sessions/notify.ts';
import { announceSeries, queueSeriesRegistrationMail } from './mails.ts';
import { createSeries, findSeries, registerForSeries, rescheduleSeriesFrom, seriesView } from './service.ts';

const seriesParams = z.object({ id: z.uuid('Use the series’ id.') });

const postSeries = apiRoute({
  method: 'post',
  path: '/communities/{slug}/series',
  tags: ['Series'],
  summary: 'Create a series; its numbered sessions are generated from the schedule (organizers)',
  request: { params: z.object({ slug: communitySlugSchema }), body: jsonBody(createSeriesRequestSchema) },
  responses: {
    201: jsonResponse(seriesSchema, 'The series and its sessions'),
    ...organizersOnly,
    404: problem('No such community'),
    422: problem('Invalid fields'),
    429: problem('A speaker or moderator was just invited, or too many invitations: the message says how long to wait'),
  },
});

const getSeries = apiRoute({
  method: 'get',
  path: '/series/{id}',
  tags: ['Series'],
  summary: 'A series with the sessions the caller may see',
  request: { params: seriesParams },
  responses: {
    200: jsonResponse(seriesSchema, 'The series'),
    404: problem('No such series, or nothing in it visible'),
  },
});

const patchFollowing = apiRoute({
  method: 'patch',
  path: '/series/{id}/sessions/{number}/following',
  tags: ['Series'],
  summary: 'Move a session and all following ones: new time, rule or date (organizers); registrants are told',
  request: {
    params: seriesParams.extend({ number: z.coerce.number().int().min(1).max(52) }),
    body: jsonBody(followingChangeSchema),
  },
  responses: {
    200: jsonResponse(seriesSchema, 'The series'),
    ...organizersOnly,
    404: problem('No such series or session'),
    422: problem('Invalid change'),
  },
});

const postSeriesRegistration = apiRoute({
  method: 'post',
  path: '/series/{id}/registrations',
  tags: ['Series'],
  summary: 'Register for every open session of a series at once; one mail with all personal links',
  request: { params: seriesParams, body: jsonBody(registerRequestSchema) },
  responses: {
    201: jsonResponse(seriesRegistrationResultSchema, 'One result per session'),
    404: problem('No such series'),
    409: problem('No session of the series is open'),
    422: problem('Invalid fields or answers'),
    429: problem(
      'Too many registrations from this client, or the confirmation just went to this email: the message says how long to wait',
    ),
  },
});

export function seriesRoutes(ctx: AppContext, notify: SessionNotifications) {
  const mailDeps = mailDepsOf(ctx);
  return createRouter()
    .openapi(postSeries, async (c) => {
      const { community } = await authorizeCommunity(ctx.db, c.req.valid('param').slug, c.get('user'), 'manage');
      const body = c.req.valid('json');
      const limited = {
        sender: fromAccount('invitingTeam', requireUser(c.get('user')).id),
        mails: body.people.map((person) => ({ kind: 'session-invitation' as const, to: person.email })),
      };
      const announced = announceSeries(notify, c.get('locale'));
      const created = await ctx.mailLimits.guard(limited, () =>
        createSeries(ctx.db, community, body, ctx.now(), announced),
      );
      return c.json(await seriesView(ctx.db, ctx.sessionParts, created.series, c.get('user')), 201);
    })
    .openapi(getSeries, async (c) => {
      const row = await findSeries(ctx.db, c.req.valid('param').id);
      return c.json(await seriesView(ctx.db, ctx.sessionParts, row, c.get('user')), 200);
    })
    .openapi(patchFollowing, async (c) => {
      const { id, number } = c.req.valid('param');
      const row = await findSeries(ctx.db, id);
      await authorizeCommunityById(ctx.db, row.communityId, c.get('user'), 'manage');
      await rescheduleSeriesFrom(ctx.db, row, number, c.req.valid('json'), ctx.now(), (tx, change) =>
        notify.using(tx).changed(change),
      );
      return c.json(await seriesView(ctx.db, ctx.sessionParts, await findSeries(ctx.db, id), c.get('user')), 200);
    })
    .openapi(postSeriesRegistration, async (c) => {
      const row = await findSeries(ctx.db, c.req.valid('param').id);
      const person = c.req.valid('json');
      // One mail, like registering for one session; the client's budget is the same one.
      const limited = {
        sender: fromClient('registering', clientAddress(c)),
        mails: [{ kind: 'registration', to: person.email, about: row.id }] as const,
      };
      const results = await ctx.mailLimits.guard(limited, async () => {
        const registered = await registerForSeries(ctx.db, ctx.links, row, person, c.get('locale'), ctx.now());
        await queueSeriesRegistrationMail(mailDeps, row, registered);
        return registered;
      });
      return c.json(
        {
          sessions: results.map(({ session, registered }) => ({
            sessionId: session.id,
            slug: session.slug,
            number: session.seriesNumber ?? 0,
            status: registered.result.status,
            waitlistPosition: registered.result.waitlistPosition,
          })),
        },
        201,
      );
    });
}
