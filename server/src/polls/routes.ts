import { z } from '@hono/zod-openapi';
import { POLL_ACTIONS, pollDraftSchema, pollSchema, pollVoteRequestSchema } from '@serambi/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { apiRoute, createRouter, jsonBody, jsonResponse, problem } from '../http/openapi.ts';
import { roomRequest } from '../room/caller.ts';
import type { RoomDeps } from '../room/deps.ts';
import { bearer, done, idParams, moderatorAnswers, refParams, ticketAnswers } from '../room/route-parts.ts';
import { actOnPoll, createPoll, deletePoll, updatePoll, votePoll } from './service.ts';

const create = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/polls',
  tags: ['Polls'],
  summary: 'Prepare a poll (a draft only moderators see), before the session or during it (moderators)',
  security: bearer,
  request: { params: refParams, body: jsonBody(pollDraftSchema) },
  responses: { 201: jsonResponse(pollSchema, 'The draft'), ...moderatorAnswers, 422: problem('Invalid') },
});

const update = apiRoute({
  method: 'put',
  path: '/sessions/{ref}/room/polls/{id}',
  tags: ['Polls'],
  summary: 'Change a draft poll (moderators)',
  security: bearer,
  request: { params: idParams, body: jsonBody(pollDraftSchema) },
  responses: {
    200: jsonResponse(pollSchema, 'The draft'),
    ...moderatorAnswers,
    409: problem('Already launched'),
    422: problem('Invalid'),
  },
});

const remove = apiRoute({
  method: 'delete',
  path: '/sessions/{ref}/room/polls/{id}',
  tags: ['Polls'],
  summary: 'Delete a draft poll (moderators)',
  security: bearer,
  request: { params: idParams },
  responses: { ...done, ...moderatorAnswers, 409: problem('Already launched') },
});

const vote = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/polls/{id}/vote',
  tags: ['Polls'],
  summary: 'Vote in a running poll: once, with one option (single choice) or several (multiple choice)',
  security: bearer,
  request: { params: idParams, body: jsonBody(pollVoteRequestSchema) },
  responses: {
    200: jsonResponse(pollSchema, 'The poll as you now see it'),
    ...ticketAnswers,
    409: problem('Not running, or you already voted'),
    422: problem('Not one of its options, or several in a single-choice poll'),
  },
});

const act = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/polls/{id}/{action}',
  tags: ['Polls'],
  summary: 'Launch (one poll runs at a time), close, show or hide the results (moderators)',
  security: bearer,
  request: { params: idParams.extend({ action: z.enum(POLL_ACTIONS) }) },
  responses: {
    200: jsonResponse(pollSchema, 'The poll'),
    ...moderatorAnswers,
    409: problem('Not possible in its state, or another poll is running'),
  },
});

/** Polls' HTTP API (room ticket): thin routes over `service.ts`. */
export function pollRoutes(deps: RoomDeps) {
  const caller = (c: Context<AppEnv>, ref: string) => roomRequest(deps, ref, c.req.header('Authorization'));
  const full = (draft: z.infer<typeof pollDraftSchema>) => ({ ...draft, kind: draft.kind ?? 'single' });
  return createRouter()
    .openapi(create, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      return c.json(await createPoll(deps, session, me, full(c.req.valid('json'))), 201);
    })
    .openapi(update, async (c) => {
      const { ref, id } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      return c.json(await updatePoll(deps, session, me, id, full(c.req.valid('json'))), 200);
    })
    .openapi(remove, async (c) => {
      const { ref, id } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      await deletePoll(deps, session, me, id);
      return c.body(null, 204);
    })
    .openapi(vote, async (c) => {
      const { ref, id } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      return c.json(await votePoll(deps, session, me, id, c.req.valid('json').optionIds), 200);
    })
    .openapi(act, async (c) => {
      const { ref, id, action } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      return c.json(await actOnPoll(deps, session, me, id, action), 200);
    });
}
