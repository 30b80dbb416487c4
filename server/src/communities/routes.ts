import { z } from '@hono/zod-openapi';
import {
  communityMemberSchema,
  communitySchema,
  communitySlugSchema,
  createCommunityRequestSchema,
  inviteOrganizerRequestSchema,
  joinSecretSchema,
  myCommunitySchema,
  organizerInvitationSchema,
  updateCommunityRequestSchema,
} from '@serambi/shared';
import type { AppContext } from '../context.ts';
import { requireUser } from '../http/current-user.ts';
import { fromAccount } from '../http/mail-limits.ts';
import { apiRoute, createRouter, jsonResponse, problem } from '../http/openapi.ts';
import { acceptOrganizerInvitation, inviteOrganizer, listInvitations } from './invitations.ts';
import type { CommunityNotifications } from './notify.ts';
import {
  authorizeCommunity,
  createCommunity,
  findCommunityBySlug,
  listMembers,
  listMyCommunities,
  updateCommunity,
} from './service.ts';

const slugParams = z.object({ slug: communitySlugSchema });

const getCommunity = apiRoute({
  method: 'get',
  path: '/communities/{slug}',
  tags: ['Communities'],
  summary: 'A community’s public profile',
  request: { params: slugParams },
  responses: {
    200: jsonResponse(communitySchema, 'The community'),
    404: problem('No community has this address'),
    422: problem('The address is not a valid community slug'),
  },
});

const postCommunity = apiRoute({
  method: 'post',
  path: '/communities',
  tags: ['Communities'],
  summary: 'Create a community; the caller becomes its owner',
  request: { body: { required: true, content: { 'application/json': { schema: createCommunityRequestSchema } } } },
  responses: {
    201: jsonResponse(myCommunitySchema, 'The new community'),
    401: problem('Not signed in'),
    409: problem('The address is taken'),
    422: problem('Invalid fields'),
  },
});

const patchCommunity = apiRoute({
  method: 'patch',
  path: '/communities/{slug}',
  tags: ['Communities'],
  summary: 'Change a community’s profile (organizers)',
  request: {
    params: slugParams,
    body: { required: true, content: { 'application/json': { schema: updateCommunityRequestSchema } } },
  },
  responses: {
    200: jsonResponse(communitySchema, 'The updated community'),
    401: problem('Not signed in'),
    403: problem('Not an organizer of this community'),
    404: problem('No community has this address'),
    422: problem('Invalid fields'),
  },
});

const getMyCommunities = apiRoute({
  method: 'get',
  path: '/me/communities',
  tags: ['Communities'],
  summary: 'The communities the caller organizes',
  responses: {
    200: jsonResponse(z.array(myCommunitySchema), 'Communities with the caller’s role'),
    401: problem('Not signed in'),
  },
});

const getMembers = apiRoute({
  method: 'get',
  path: '/communities/{slug}/members',
  tags: ['Communities'],
  summary: 'Organizers of a community and pending invitations (organizers)',
  request: { params: slugParams },
  responses: {
    200: jsonResponse(
      z.object({ members: z.array(communityMemberSchema), invitations: z.array(organizerInvitationSchema) }),
      'Members and invitations',
    ),
    401: problem('Not signed in'),
    403: problem('Not an organizer of this community'),
    404: problem('No community has this address'),
  },
});

const postInvitation = apiRoute({
  method: 'post',
  path: '/communities/{slug}/invitations',
  tags: ['Communities'],
  summary: 'Invite a co-organizer by email (only owners may invite owners)',
  request: {
    params: slugParams,
    body: { required: true, content: { 'application/json': { schema: inviteOrganizerRequestSchema } } },
  },
  responses: {
    201: jsonResponse(organizerInvitationSchema, 'The invitation; the link is mailed'),
    401: problem('Not signed in'),
    403: problem('Not allowed to invite with this role'),
    404: problem('No community has this address'),
    422: problem('Invalid fields'),
    429: problem('This address was just invited, or too many invitations: the message says how long to wait'),
  },
});

const acceptInvitation = apiRoute({
  method: 'post',
  path: '/organizer-invitations/{secret}/accept',
  tags: ['Communities'],
  summary: 'Accept a co-organizer invitation with the invited account',
  request: { params: z.object({ secret: joinSecretSchema }) },
  responses: {
    200: jsonResponse(myCommunitySchema, 'The community, with the caller’s role (an owner stays owner)'),
    401: problem('Not signed in'),
    403: problem(
      'Signed in with another address than the invited one (invitation_other_email), or with the invited one not confirmed yet (email_unconfirmed)',
    ),
    404: problem('The link is not valid, was revoked or has expired'),
    409: problem('The invitation was already accepted (invitation_used): a link works once'),
  },
});

export function communityRoutes(ctx: AppContext, notify: CommunityNotifications) {
  return createRouter()
    .openapi(getCommunity, async (c) => {
      return c.json(await findCommunityBySlug(ctx.db, c.req.valid('param').slug), 200);
    })
    .openapi(postCommunity, async (c) => {
      const user = requireUser(c.get('user'));
      const body = c.req.valid('json');
      return c.json(await createCommunity(ctx.db, body, user.id), 201);
    })
    .openapi(patchCommunity, async (c) => {
      const { community } = await authorizeCommunity(ctx.db, c.req.valid('param').slug, c.get('user'), 'update');
      return c.json(await updateCommunity(ctx.db, community, c.req.valid('json'), ctx.now()), 200);
    })
    .openapi(getMyCommunities, async (c) => {
      const user = requireUser(c.get('user'));
      return c.json(await listMyCommunities(ctx.db, user.id), 200);
    })
    .openapi(getMembers, async (c) => {
      const { community } = await authorizeCommunity(ctx.db, c.req.valid('param').slug, c.get('user'), 'listMembers');
      const [members, invitations] = await Promise.all([
        listMembers(ctx.db, community),
        listInvitations(ctx.db, community),
      ]);
      return c.json({ members, invitations }, 200);
    })
    .openapi(postInvitation, async (c) => {
      const body = c.req.valid('json');
      const action = body.role === 'owner' ? 'inviteOwner' : 'inviteOrganizer';
      const { community } = await authorizeCommunity(ctx.db, c.req.valid('param').slug, c.get('user'), action);
      const user = requireUser(c.get('user'));
      // Whichever community asks: one address gets one such invitation in five minutes.
      const limited = {
        sender: fromAccount('invitingOrganizers', user.id),
        mails: [{ kind: 'organizer-invitation', to: body.email }] as const,
      };
      const invitation = await ctx.mailLimits.guard(limited, async () => {
        const made = await inviteOrganizer(ctx.db, community, body, user, ctx.now());
        // The invitee's language is unknown: the inviting organizer's is the best guess.
        await notify.organizerInvited(community, made.invitation, user, made.secret, c.get('locale'));
        return made.invitation;
      });
      return c.json(invitation, 201);
    })
    .openapi(acceptInvitation, async (c) => {
      const user = requireUser(c.get('user'));
      return c.json(await acceptOrganizerInvitation(ctx.db, c.req.valid('param').secret, user, ctx.now()), 200);
    });
}
