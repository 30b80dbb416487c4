import { z } from '@hono/zod-openapi';
import {
  issueWhipKeyRequestSchema,
  roomIdentitySchema,
  sessionRefSchema,
  whipKeySchema,
  whipKeyStateSchema,
} from '@serambi/shared';
import { apiRoute, createRouter, jsonBody, jsonResponse, problem } from '../http/openapi.ts';
import { createRateLimiter } from '../http/rate-limit.ts';
import { roomRequest } from '../room/caller.ts';
import type { RoomDeps } from '../room/deps.ts';
import { bearer, done, moderatorAnswers, refParams, ticketAnswers } from '../room/route-parts.ts';
import { currentWhipKey, issueWhipKey, revokeOwnWhipKey, revokeWhipKeyOf, type WhipDeps } from './service.ts';

const teamAnswers = {
  ...ticketAnswers,
  403: problem('Not a speaker or moderator of this session (or no longer let in)'),
};

const read = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/room/whip-key',
  tags: ['OBS (WHIP)'],
  summary: 'Your WHIP address and stream key for OBS, if you have one that still counts (speakers and moderators)',
  security: bearer,
  request: { params: refParams },
  responses: { 200: jsonResponse(whipKeyStateSchema, 'Your key, or null'), ...teamAnswers },
});

const issue = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/whip-key',
  tags: ['OBS (WHIP)'],
  summary:
    'A new WHIP stream key for OBS, shown as your camera or as your screen share; the key you had before stops working (speakers and moderators)',
  security: bearer,
  request: { params: refParams, body: jsonBody(issueWhipKeyRequestSchema) },
  responses: {
    200: jsonResponse(whipKeySchema, 'The WHIP address and the new key'),
    ...teamAnswers,
    409: problem('The session is over'),
    422: problem('Invalid'),
    429: problem('Too many new keys in a short time'),
    503: problem('LiveKit cannot be reached'),
  },
});

const revokeOwn = apiRoute({
  method: 'delete',
  path: '/sessions/{ref}/room/whip-key',
  tags: ['OBS (WHIP)'],
  summary: 'Revoke your WHIP stream key: OBS is disconnected and the key stops working (speakers and moderators)',
  security: bearer,
  request: { params: refParams },
  responses: { ...done, ...teamAnswers, 503: problem('LiveKit cannot be reached') },
});

const revokeOf = apiRoute({
  method: 'delete',
  path: '/sessions/{ref}/room/participants/{identity}/whip-key',
  tags: ['OBS (WHIP)'],
  summary: 'Revoke someone’s WHIP stream key: their OBS is disconnected and the key stops working (moderators)',
  security: bearer,
  request: { params: z.object({ ref: sessionRefSchema, identity: roomIdentitySchema }) },
  responses: { ...done, ...moderatorAnswers, 503: problem('LiveKit cannot be reached') },
});

/** WHIP stream keys (room ticket): thin routes over service.ts. OBS's own requests go through proxy.ts. */
export function whipRoutes(deps: { room: RoomDeps; whip: WhipDeps }) {
  // Each new key signs a token and disconnects the one before: a loop of them must not hammer LiveKit.
  const newKeys = createRateLimiter({ burst: 5, everyMs: 60_000, now: deps.whip.now });
  const caller = (ref: string, authorization: string | undefined) => roomRequest(deps.room, ref, authorization);
  return createRouter()
    .openapi(read, async (c) => {
      const { session, me } = await caller(c.req.valid('param').ref, c.req.header('Authorization'));
      c.header('Cache-Control', 'no-store');
      return c.json({ key: await currentWhipKey(deps.whip, session, me) }, 200);
    })
    .openapi(issue, async (c) => {
      const { session, me } = await caller(c.req.valid('param').ref, c.req.header('Authorization'));
      newKeys.take(`${session.id}:${me.identity}`);
      c.header('Cache-Control', 'no-store');
      return c.json(await issueWhipKey(deps.whip, session, me, c.req.valid('json').as), 200);
    })
    .openapi(revokeOwn, async (c) => {
      const { session, me } = await caller(c.req.valid('param').ref, c.req.header('Authorization'));
      await revokeOwnWhipKey(deps.whip, session, me);
      return c.body(null, 204);
    })
    .openapi(revokeOf, async (c) => {
      const { ref, identity } = c.req.valid('param');
      const { session, me } = await caller(ref, c.req.header('Authorization'));
      await revokeWhipKeyOf(deps.whip, session, me, identity);
      return c.body(null, 204);
    });
}
