import { createRoute, z } from '@hono/zod-openapi';
import {
  communitySchema,
  communitySlugSchema,
  createCommunityRequestSchema,
  myCommunitySchema,
  updateCommunityRequestSchema,
} from '@serambi/shared';
import type { AppContext } from '../context.ts';
import { requireUser } from '../http/current-user.ts';
import { createRouter, problem } from '../http/openapi.ts';
import {
  authorizeCommunity,
  createCommunity,
  findCommunityBySlug,
  listMyCommunities,
  updateCommunity,
} from './service.ts';

const slugParams = z.object({ slug: communitySlugSchema });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const getCommunity = createRoute({
  method: 'get',
  path: '/communities/{slug}',
  tags: ['Communities'],
  summary: 'A community’s public profile',
  request: { params: slugParams },
  responses: {
    200: json(communitySchema, 'The community'),
    404: problem('No community has this address'),
    422: problem('The address is not a valid community slug'),
  },
});

const postCommunity = createRoute({
  method: 'post',
  path: '/communities',
  tags: ['Communities'],
  summary: 'Create a community; the caller becomes its owner',
  request: { body: { required: true, content: { 'application/json': { schema: createCommunityRequestSchema } } } },
  responses: {
    201: json(myCommunitySchema, 'The new community'),
    401: problem('Not signed in'),
    409: problem('The address is taken'),
    422: problem('Invalid fields'),
  },
});

const patchCommunity = createRoute({
  method: 'patch',
  path: '/communities/{slug}',
  tags: ['Communities'],
  summary: 'Change a community’s profile (organizers)',
  request: {
    params: slugParams,
    body: { required: true, content: { 'application/json': { schema: updateCommunityRequestSchema } } },
  },
  responses: {
    200: json(communitySchema, 'The updated community'),
    401: problem('Not signed in'),
    403: problem('Not an organizer of this community'),
    404: problem('No community has this address'),
    422: problem('Invalid fields'),
  },
});

const getMyCommunities = createRoute({
  method: 'get',
  path: '/me/communities',
  tags: ['Communities'],
  summary: 'The communities the caller organizes',
  responses: {
    200: json(z.array(myCommunitySchema), 'Communities with the caller’s role'),
    401: problem('Not signed in'),
  },
});

export function communityRoutes(ctx: AppContext) {
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
    });
}
