import { z } from '@hono/zod-openapi';
import { communitySlugSchema, joinSecretSchema, organizerInvitationDetailsSchema } from '@serambi/shared';
import type { AppContext } from '../context.ts';
import { apiRoute, createRouter, organizersOnly, problem } from '../http/openapi.ts';
import { organizerInvitationDetails, revokeInvitation } from './invitations.ts';
import type { TeamMemberRemoved } from './notify.ts';
import { authorizeCommunity, removeMember } from './service.ts';

const idParam = z.string().min(1).max(100);

const getInvitation = apiRoute({
  method: 'get',
  path: '/organizer-invitations/{secret}',
  tags: ['Communities'],
  summary: 'What a co-organizer invitation link invites to, shown before accepting',
  request: { params: z.object({ secret: joinSecretSchema }) },
  responses: {
    200: {
      description: 'The invitation',
      content: { 'application/json': { schema: organizerInvitationDetailsSchema } },
    },
    404: problem('The link is not valid'),
  },
});

const deleteInvitation = apiRoute({
  method: 'delete',
  path: '/communities/{slug}/invitations/{id}',
  tags: ['Communities'],
  summary: 'Revoke a co-organizer invitation (organizers); its link stops working',
  request: { params: z.object({ slug: communitySlugSchema, id: idParam }) },
  responses: { 204: { description: 'Revoked' }, ...organizersOnly, 404: problem('No such community or invitation') },
});

const deleteMember = apiRoute({
  method: 'delete',
  path: '/communities/{slug}/members/{userId}',
  tags: ['Communities'],
  summary: 'Remove an organizer or owner (owners); the last owner cannot be removed',
  request: { params: z.object({ slug: communitySlugSchema, userId: idParam }) },
  responses: {
    204: { description: 'Removed' },
    ...organizersOnly,
    404: problem('No such community or member'),
    409: problem('The last owner of the community'),
  },
});

export function communityTeamRoutes(ctx: AppContext, teamMemberRemoved: TeamMemberRemoved) {
  return createRouter()
    .openapi(getInvitation, async (c) => {
      return c.json(await organizerInvitationDetails(ctx.db, c.req.valid('param').secret, ctx.now()), 200);
    })
    .openapi(deleteInvitation, async (c) => {
      const { slug, id } = c.req.valid('param');
      const { community } = await authorizeCommunity(ctx.db, slug, c.get('user'), 'revokeInvitation');
      await revokeInvitation(ctx.db, community, id);
      return c.body(null, 204);
    })
    .openapi(deleteMember, async (c) => {
      const { slug, userId } = c.req.valid('param');
      const { community } = await authorizeCommunity(ctx.db, slug, c.get('user'), 'removeMember');
      await removeMember(ctx.db, community, userId);
      // Their room tickets stop working by themselves; LiveKit connections have to be ended.
      await teamMemberRemoved(userId, { communityId: community.id });
      return c.body(null, 204);
    });
}
