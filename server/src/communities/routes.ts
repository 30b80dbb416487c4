import { createRoute, z } from '@hono/zod-openapi';
import { communitySchema, communitySlugSchema } from '@serambi/shared';
import type { AppContext } from '../context.ts';
import { createRouter, problem } from '../http/openapi.ts';
import { findCommunityBySlug } from './service.ts';

const getCommunity = createRoute({
  method: 'get',
  path: '/communities/{slug}',
  tags: ['Communities'],
  summary: 'A community’s public profile',
  request: { params: z.object({ slug: communitySlugSchema }) },
  responses: {
    200: { description: 'The community', content: { 'application/json': { schema: communitySchema } } },
    404: problem('No community has this address'),
    422: problem('The address is not a valid community slug'),
  },
});

export function communityRoutes(ctx: AppContext) {
  return createRouter().openapi(getCommunity, async (c) => {
    const community = await findCommunityBySlug(ctx.db, c.req.valid('param').slug);
    return c.json(community, 200);
  });
}
