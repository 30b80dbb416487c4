import { z } from '@hono/zod-openapi';
import {
  joinSecretSchema,
  sessionInvitationDetailsSchema,
  sessionPersonSchema,
  sessionRefSchema,
  updateSessionPersonRequestSchema,
} from '@serambi/shared';
import type { TeamMemberRemoved } from '../communities/notify.ts';
import { authorizeCommunityById } from '../communities/service.ts';
import type { AppContext } from '../context.ts';
import type { SessionUser } from '../http/env.ts';
import { apiRoute, createRouter, organizersOnly, problem } from '../http/openapi.ts';
import { sessionInvitationDetails } from './invitation-details.ts';
import { removeSessionPerson, updateSessionPerson } from './people.ts';
import { toSessionPerson, visibleSession } from './service.ts';

const personParams = z.object({ ref: sessionRefSchema, personId: z.string().min(1).max(100) });

const getInvitation = apiRoute({
  method: 'get',
  path: '/session-invitations/{secret}',
  tags: ['Sessions'],
  summary: 'What a speaker’s or moderator’s personal link invites to, shown before accepting',
  request: { params: z.object({ secret: joinSecretSchema }) },
  responses: {
    200: {
      description: 'The invitation',
      content: { 'application/json': { schema: sessionInvitationDetailsSchema } },
    },
    404: problem('The link is not valid'),
  },
});

const patchPerson = apiRoute({
  method: 'patch',
  path: '/sessions/{ref}/people/{personId}',
  tags: ['Sessions'],
  summary: 'Change how a speaker or moderator is presented (organizers); role and address stay',
  request: {
    params: personParams,
    body: { required: true, content: { 'application/json': { schema: updateSessionPersonRequestSchema } } },
  },
  responses: {
    200: { description: 'The person', content: { 'application/json': { schema: sessionPersonSchema } } },
    ...organizersOnly,
    404: problem('No such session or person'),
    422: problem('Invalid fields'),
  },
});

const deletePerson = apiRoute({
  method: 'delete',
  path: '/sessions/{ref}/people/{personId}',
  tags: ['Sessions'],
  summary: 'Remove a speaker or moderator from this session only (organizers)',
  request: { params: personParams },
  responses: { 204: { description: 'Removed' }, ...organizersOnly, 404: problem('No such session or person') },
});

export function sessionPeopleRoutes(ctx: AppContext, teamMemberRemoved: TeamMemberRemoved) {
  const manage = async (ref: string, user: SessionUser | null) => {
    const { session } = await visibleSession(ctx.db, ref, user);
    await authorizeCommunityById(ctx.db, session.communityId, user, 'manage');
    return session;
  };
  return createRouter()
    .openapi(getInvitation, async (c) => {
      return c.json(await sessionInvitationDetails(ctx.db, ctx.sessionParts, c.req.valid('param').secret), 200);
    })
    .openapi(patchPerson, async (c) => {
      const { ref, personId } = c.req.valid('param');
      const session = await manage(ref, c.get('user'));
      const person = await updateSessionPerson(ctx.db, session, personId, c.req.valid('json'));
      return c.json(toSessionPerson(person), 200);
    })
    .openapi(deletePerson, async (c) => {
      const { ref, personId } = c.req.valid('param');
      const session = await manage(ref, c.get('user'));
      const person = await removeSessionPerson(ctx.db, session, personId);
      // Their room ticket stops working by itself; a LiveKit connection has to be ended.
      if (person.userId) await teamMemberRemoved(person.userId, { sessionId: session.id });
      return c.body(null, 204);
    });
}
