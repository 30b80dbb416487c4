import { sendReactionRequestSchema } from '@serambi/shared';
import { apiRoute, createRouter, jsonBody, problem } from '../http/openapi.ts';
import { createRateLimiter } from '../http/rate-limit.ts';
import { roomRequest } from '../room/caller.ts';
import type { RoomDeps } from '../room/deps.ts';
import { bearer, done, rateLimited, refParams, ticketAnswers } from '../room/route-parts.ts';
import { sendReaction } from './service.ts';

const react = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/reactions',
  tags: ['Reactions'],
  summary:
    'Send a reaction that floats over the stage; reactions are counted and sent to everyone a few times a second',
  security: bearer,
  request: { params: refParams, body: jsonBody(sendReactionRequestSchema) },
  responses: {
    ...done,
    ...ticketAnswers,
    409: problem('The session is not live'),
    ...rateLimited,
  },
});

/**
 * Reactions (room ticket). They are not stored one by one: the coalescer counts them, adds them
 * to the session's totals and announces each burst (see `room/bursts.ts` and `counts.ts`).
 */
export function reactionRoutes(deps: RoomDeps) {
  const reacting = createRateLimiter({ burst: 10, everyMs: 300, now: deps.now });
  return createRouter().openapi(react, async (c) => {
    const { session, me } = await roomRequest(deps, c.req.valid('param').ref, c.req.header('Authorization'));
    sendReaction(deps, session, me, c.req.valid('json').reaction, reacting);
    return c.body(null, 204);
  });
}
