import { healthSchema } from '@serambi/shared';
import type { AppContext } from '../context.ts';
import { apiRoute, createRouter } from '../http/openapi.ts';
import { checkHealth } from './service.ts';

const getHealth = apiRoute({
  method: 'get',
  path: '/health',
  tags: ['System'],
  summary: 'Whether the database and LiveKit answer',
  responses: {
    200: { description: 'Every part works', content: { 'application/json': { schema: healthSchema } } },
    503: { description: 'At least one part is down', content: { 'application/json': { schema: healthSchema } } },
  },
});

export function healthRoutes(ctx: AppContext) {
  return createRouter().openapi(getHealth, async (c) => {
    const health = await checkHealth(ctx);
    c.header('Cache-Control', 'no-store');
    return health.status === 'ok' ? c.json(health, 200) : c.json(health, 503);
  });
}
