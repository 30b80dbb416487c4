import { z } from '@hono/zod-openapi';
import {
  addSessionPersonRequestSchema,
  communitySlugSchema,
  createSessionRequestSchema,
  joinSecretSchema,
  sessionPersonSchema,
  sessionRefSchema,
  sessionSchema,
  updateSessionRequestSchema,
} from '@serambi/shared';
import { authorizeCommunity } from '../communities/service.ts';
import type { AppContext } from '../context.ts';
import { requireUser } from '../http/current-user.ts';
import { fromAccount } from '../http/mail-limits.ts';
import { apiRoute, createRouter, jsonBody, jsonResponse, organizersOnly, problem } from '../http/openapi.ts';
import type { SeatsGained, SessionNotifications } from './notify.ts';
import { isListedPublicly } from './rules.ts';
import {
  acceptSessionInvitation,
  addSessionPerson,
  createSession,
  listCommunitySessions,
  toSessionPerson,
  toSessionView,
  toSessionViews,
  visibleSession,
} from './service.ts';
import { applySessionChange, managedSession, type SessionChangeDeps } from './transitions.ts';

const slugParams = z.object({ slug: communitySlugSchema });
const refParams = z.object({ ref: sessionRefSchema });

const postSession = apiRoute({
  method: 'post',
  path: '/communities/{slug}/sessions',
  tags: ['Sessions'],
  summary: 'Schedule a session (organizers)',
  request: { params: slugParams, body: jsonBody(createSessionRequestSchema) },
  responses: {
    201: jsonResponse(sessionSchema, 'The session'),
    ...organizersOnly,
    404: problem('No such community'),
    422: problem('Invalid fields'),
  },
});

const listSessions = apiRoute({
  method: 'get',
  path: '/communities/{slug}/sessions',
  tags: ['Sessions'],
  summary: 'A community’s sessions: public ones for everyone, all of them for its organizers',
  request: { params: slugParams },
  responses: { 200: jsonResponse(z.array(sessionSchema), 'Sessions by start time'), 404: problem('No such community') },
});

const getSession = apiRoute({
  method: 'get',
  path: '/sessions/{ref}',
  tags: ['Sessions'],
  summary: 'A session by id or address',
  request: { params: refParams },
  responses: {
    200: jsonResponse(sessionSchema, 'The session'),
    404: problem('No such session, or not visible to the caller'),
  },
});

const patchSession = apiRoute({
  method: 'patch',
  path: '/sessions/{ref}',
  tags: ['Sessions'],
  summary: 'Change, reschedule or cancel a session (organizers); registrants are told of a new time or a cancellation',
  request: { params: refParams, body: jsonBody(updateSessionRequestSchema) },
  responses: {
    200: jsonResponse(sessionSchema, 'The session'),
    ...organizersOnly,
    404: problem('No such session'),
    409: problem('The session has ended'),
    422: problem('Invalid fields'),
  },
});

const postPerson = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/people',
  tags: ['Sessions'],
  summary: 'Add a speaker or moderator; they get a personal invitation link by mail',
  request: { params: refParams, body: jsonBody(addSessionPersonRequestSchema) },
  responses: {
    201: jsonResponse(sessionPersonSchema, 'The person'),
    ...organizersOnly,
    404: problem('No such session'),
    422: problem('Invalid fields'),
    429: problem(
      'This address was just invited to this session, or too many invitations: the message says how long to wait',
    ),
  },
});

const acceptInvitation = apiRoute({
  method: 'post',
  path: '/session-invitations/{secret}/accept',
  tags: ['Sessions'],
  summary: 'A speaker or moderator accepts their personal invitation with their account',
  request: { params: z.object({ secret: joinSecretSchema }) },
  responses: {
    200: jsonResponse(sessionSchema, 'The session the caller now speaks at or moderates'),
    401: problem('Not signed in'),
    404: problem('The link is not valid, or the person was removed'),
    409: problem('Another account already accepted this invitation (invitation_used): a link works once'),
  },
});

export function sessionRoutes(ctx: AppContext, notify: SessionNotifications, seatsGained: SeatsGained) {
  const changes: SessionChangeDeps = { db: ctx.db, now: ctx.now, notify, seatsGained };
  return createRouter()
    .openapi(postSession, async (c) => {
      const { community } = await authorizeCommunity(ctx.db, c.req.valid('param').slug, c.get('user'), 'manage');
      const session = await createSession(ctx.db, community, c.req.valid('json'), ctx.now(), (tx, created) =>
        notify.using(tx).created(created),
      );
      return c.json(await toSessionView(ctx.db, ctx.sessionParts, session), 201);
    })
    .openapi(listSessions, async (c) => {
      const slug = c.req.valid('param').slug;
      const { community, actor } = await authorizeCommunity(ctx.db, slug, c.get('user'), 'view');
      const rows = await listCommunitySessions(ctx.db, community);
      const visible = actor.role ? rows : rows.filter(isListedPublicly);
      return c.json(await toSessionViews(ctx.db, ctx.sessionParts, visible), 200);
    })
    .openapi(getSession, async (c) => {
      const { session } = await visibleSession(ctx.db, c.req.valid('param').ref, c.get('user'));
      return c.json(await toSessionView(ctx.db, ctx.sessionParts, session), 200);
    })
    .openapi(patchSession, async (c) => {
      const after = await applySessionChange(changes, c.req.valid('param').ref, c.get('user'), c.req.valid('json'));
      return c.json(await toSessionView(ctx.db, ctx.sessionParts, after), 200);
    })
    .openapi(postPerson, async (c) => {
      const { session } = await managedSession(ctx.db, c.req.valid('param').ref, c.get('user'));
      const body = c.req.valid('json');
      const limited = {
        sender: fromAccount('invitingTeam', requireUser(c.get('user')).id),
        mails: [{ kind: 'session-invitation', to: body.email, about: session.id }] as const,
      };
      const { person } = await ctx.mailLimits.guard(limited, () =>
        addSessionPerson(ctx.db, session, body, (tx, added) =>
          notify.using(tx).personInvited(session, added.person, added.inviteSecret, c.get('locale')),
        ),
      );
      return c.json(toSessionPerson(person), 201);
    })
    .openapi(acceptInvitation, async (c) => {
      const user = requireUser(c.get('user'));
      const { session } = await acceptSessionInvitation(
        ctx.db,
        ctx.sessionParts,
        c.req.valid('param').secret,
        user,
        ctx.now(),
      );
      return c.json(await toSessionView(ctx.db, ctx.sessionParts, session), 200);
    });
}
