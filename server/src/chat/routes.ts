import { chatMessageSchema, questionSchema, sendChatMessageRequestSchema } from '@serambi/shared';
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
import { type AskFromChat, chatMessageToQuestion, deleteChatMessage, sendChatMessage } from './service.ts';

const send = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/chat',
  tags: ['Chat'],
  summary: 'Send a chat message to everyone; moderators can send it as an announcement that stands out',
  security: bearer,
  request: { params: refParams, body: jsonBody(sendChatMessageRequestSchema) },
  responses: {
    201: jsonResponse(chatMessageSchema, 'Sent'),
    ...ticketAnswers,
    409: problem('The chat is closed or the session has ended'),
    422: problem('Empty or too long'),
    ...rateLimited,
  },
});

const remove = apiRoute({
  method: 'delete',
  path: '/sessions/{ref}/room/chat/{id}',
  tags: ['Chat moderation'],
  summary: 'Delete a message for everyone (moderators; kept in the audit log)',
  security: bearer,
  request: { params: idParams },
  responses: { ...done, ...moderatorAnswers },
});

const toQuestion = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/chat/{id}/question',
  tags: ['Chat moderation'],
  summary:
    'Make a chat message that is really a question into a question on the Q&A list, its author kept (moderators)',
  security: bearer,
  request: { params: idParams },
  responses: {
    201: jsonResponse(questionSchema, 'The question'),
    ...moderatorAnswers,
    409: problem('Already a question'),
  },
});

/** The chat's HTTP API (room ticket): thin routes over `service.ts`. */
export function chatRoutes(deps: RoomDeps, askFromChat: AskFromChat) {
  const sending = createRateLimiter({ burst: 5, everyMs: 2_000, now: deps.now });
  const caller = (c: Context<AppEnv>, ref: string) => roomRequest(deps, ref, c.req.header('Authorization'));
  return createRouter()
    .openapi(send, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      if (me.role === 'participant') sending.take(`${session.id}:${me.identity}`);
      const { text, announcement } = c.req.valid('json');
      return c.json(await sendChatMessage(deps, session, me, { text, announcement: announcement ?? false }), 201);
    })
    .openapi(remove, async (c) => {
      const { ref, id } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      await deleteChatMessage(deps, session, me, id);
      return c.body(null, 204);
    })
    .openapi(toQuestion, async (c) => {
      const { ref, id } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      return c.json(await chatMessageToQuestion(deps, session, me, id, askFromChat), 201);
    });
}
