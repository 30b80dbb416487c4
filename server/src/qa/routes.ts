import { z } from '@hono/zod-openapi';
import {
  askQuestionRequestSchema,
  editQuestionRequestSchema,
  mergeQuestionRequestSchema,
  QUESTION_ACTIONS,
  questionSchema,
  voteQuestionRequestSchema,
  voteResultSchema,
} from '@serambi/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { apiRoute, createRouter, jsonBody, jsonResponse, problem } from '../http/openapi.ts';
import { createRateLimiter } from '../http/rate-limit.ts';
import { roomRequest } from '../room/caller.ts';
import type { RoomDeps } from '../room/deps.ts';
import {
  bearer,
  done,
  idParams,
  moderatorAnswers,
  rateLimited,
  refParams,
  ticketAnswers,
} from '../room/route-parts.ts';
import {
  askQuestion,
  editQuestion,
  mergeQuestion,
  moderateQuestion,
  voteQuestion,
  withdrawQuestion,
} from './service.ts';

const ask = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/questions',
  tags: ['Q&A'],
  summary:
    'Ask a question, by name or anonymously (as the session allows); before the session too. In reviewed mode it waits for a moderator',
  security: bearer,
  request: { params: refParams, body: jsonBody(askQuestionRequestSchema) },
  responses: {
    201: jsonResponse(questionSchema, 'Asked'),
    ...ticketAnswers,
    409: problem('The session has ended'),
    422: problem('Empty, too long, or anonymous where the session does not allow it'),
    ...rateLimited,
  },
});

const edit = apiRoute({
  method: 'patch',
  path: '/sessions/{ref}/room/questions/{id}',
  tags: ['Q&A'],
  summary: 'Rewrite your question until it is answered; moderators correct typos (the question shows it was edited)',
  security: bearer,
  request: { params: idParams, body: jsonBody(editQuestionRequestSchema) },
  responses: {
    200: jsonResponse(questionSchema, 'The question'),
    ...ticketAnswers,
    409: problem('Answered or taken off the list'),
    422: problem('Empty or too long'),
    ...rateLimited,
  },
});

const withdraw = apiRoute({
  method: 'delete',
  path: '/sessions/{ref}/room/questions/{id}',
  tags: ['Q&A'],
  summary: 'Withdraw your question (until it is answered)',
  security: bearer,
  request: { params: idParams },
  responses: { ...done, ...ticketAnswers, 409: problem('Answered or taken off the list') },
});

const vote = apiRoute({
  method: 'put',
  path: '/sessions/{ref}/room/questions/{id}/vote',
  tags: ['Q&A'],
  summary: 'Upvote a question or take the upvote back (one per person; sending the same twice changes nothing)',
  security: bearer,
  request: { params: idParams, body: jsonBody(voteQuestionRequestSchema) },
  responses: {
    200: jsonResponse(voteResultSchema, 'Your vote and the count now'),
    ...ticketAnswers,
    409: problem('Not on the list (answered, or waiting for review)'),
    ...rateLimited,
  },
});

const merge = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/questions/{id}/merge',
  tags: ['Q&A moderation'],
  summary: 'Merge a duplicate into another question: its votes are carried over (moderators)',
  security: bearer,
  request: { params: idParams, body: jsonBody(mergeQuestionRequestSchema) },
  responses: { ...done, ...moderatorAnswers, 409: problem('Not mergeable (the same question, or not on the list)') },
});

const act = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/questions/{id}/{action}',
  tags: ['Q&A moderation'],
  summary:
    'Approve, dismiss (the asker is told, others are not), mark answered, reopen, pin as "now answering", unpin, or invite the asker on stage (moderators)',
  security: bearer,
  request: { params: idParams.extend({ action: z.enum(QUESTION_ACTIONS) }) },
  responses: {
    ...done,
    ...moderatorAnswers,
    409: problem('Not possible in its state, or the asker left or asked anonymously'),
    503: problem('LiveKit cannot be reached'),
  },
});

/** The Q&A queue's HTTP API (room ticket): thin routes over `service.ts`. */
export function qaRoutes(deps: RoomDeps) {
  // Asking and editing are words everyone reads; votes are cheap but each one is a write.
  const writing = createRateLimiter({ burst: 3, everyMs: 20_000, now: deps.now });
  const voting = createRateLimiter({ burst: 20, everyMs: 500, now: deps.now });
  const caller = (c: Context<AppEnv>, ref: string) => roomRequest(deps, ref, c.req.header('Authorization'));
  return createRouter()
    .openapi(ask, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      writing.take(`${session.id}:${me.identity}`);
      const { text, anonymous } = c.req.valid('json');
      return c.json(await askQuestion(deps, session, me, { text, anonymous: anonymous ?? false }), 201);
    })
    .openapi(edit, async (c) => {
      const { ref, id } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      if (me.role !== 'moderator') writing.take(`${session.id}:${me.identity}`);
      return c.json(await editQuestion(deps, session, me, id, c.req.valid('json').text), 200);
    })
    .openapi(withdraw, async (c) => {
      const { ref, id } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      await withdrawQuestion(deps, session, me, id);
      return c.body(null, 204);
    })
    .openapi(vote, async (c) => {
      const { ref, id } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      voting.take(`${session.id}:${me.identity}`);
      return c.json(await voteQuestion(deps, session, me, id, c.req.valid('json').voted), 200);
    })
    .openapi(merge, async (c) => {
      const { ref, id } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      await mergeQuestion(deps, session, me, id, c.req.valid('json').into);
      return c.body(null, 204);
    })
    .openapi(act, async (c) => {
      const { ref, id, action } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      await moderateQuestion(deps, session, me, id, action);
      return c.body(null, 204);
    });
}
