import { z } from '@hono/zod-openapi';
import { sessionRefSchema } from '@serambi/shared';
import { problem } from '../http/openapi.ts';

/** Pieces every room route's OpenAPI description shares (room, Q&A, chat, polls, reactions). */
export const refParams = z.object({ ref: sessionRefSchema });
export const idParams = z.object({ ref: sessionRefSchema, id: z.string().min(1).max(64) });
export const bearer = [{ roomTicket: [] }];
export const ticketAnswers = {
  401: problem('No valid room ticket (expired, or your role in the session changed): join again'),
  403: problem(
    'Banned or removed from this session, registration cancelled, or not (yet) let in from the lobby of a private session',
  ),
  404: problem('No such session'),
};
export const moderatorAnswers = {
  401: problem('No valid room ticket (expired, or your role in the session changed): join again'),
  403: problem('Not a moderator of this session (or no longer let in)'),
  404: problem('No such session or participant'),
};
export const done = { 204: { description: 'Done' } };
export const rateLimited = { 429: problem('Too many in a short time: the message says how long to wait') };
