import { z } from '@hono/zod-openapi';
import { LOCALES, sessionRefSchema } from '@serambi/shared';
import { authorizeCommunityById } from '../communities/service.ts';
import type { AppContext } from '../context.ts';
import { apiRoute, createRouter, problem } from '../http/openapi.ts';
import { canSeeSession } from '../sessions/rules.ts';
import { visibleSession } from '../sessions/service.ts';
import { createPreviewRenderer, sessionPreviewCard } from './preview-image.ts';

const getPreview = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/preview.png',
  tags: ['Sessions'],
  summary: 'The session as a 1200×630 picture for link previews (Open Graph image)',
  request: {
    params: z.object({ ref: sessionRefSchema }),
    query: z.object({
      lang: z.enum(LOCALES).default('id').meta({ description: 'Language of the date and labels' }),
      v: z.string().max(64).optional().meta({ description: 'Changes when the picture does; only for caches' }),
    }),
  },
  responses: {
    200: { description: 'PNG, 1200×630', content: { 'image/png': { schema: z.string().meta({ format: 'binary' }) } } },
    404: problem('No such session, or not visible to the caller'),
  },
});

/** Pictures kept in memory; a few dozen are what a busy week of shared links asks for. */
const CACHED_PICTURES = 64;
const ONE_HOUR_SECONDS = 60 * 60;

export function previewRoutes(ctx: AppContext) {
  const renderer = createPreviewRenderer({ cacheSize: CACHED_PICTURES });
  return createRouter().openapi(getPreview, async (c) => {
    const { session } = await visibleSession(ctx.db, c.req.valid('param').ref, c.get('user'));
    const { community } = await authorizeCommunityById(ctx.db, session.communityId, null, 'view');
    const png = await renderer.png(sessionPreviewCard(session, community.name, c.req.valid('query').lang));
    // A session only its team sees must not land in a shared cache.
    const audience = canSeeSession(session, { communityRole: null, sessionRole: null }) ? 'public' : 'private';
    return c.body(new Uint8Array(png), 200, {
      'Content-Type': 'image/png',
      'Cache-Control': `${audience}, max-age=${ONE_HOUR_SECONDS}`,
    });
  });
}
