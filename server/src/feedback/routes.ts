import {
  feedbackFormSchema,
  feedbackResultsSchema,
  feedbackSubmissionSchema,
  myFeedbackSchema,
  updateFeedbackFormRequestSchema,
} from '@serambi/shared';
import type { Context } from 'hono';
import { authorizeCommunityById } from '../communities/service.ts';
import type { AppEnv, SessionUser } from '../http/env.ts';
import { apiRoute, createRouter, jsonBody, jsonResponse, organizersOnly, problem } from '../http/openapi.ts';
import { createRateLimiter } from '../http/rate-limit.ts';
import { secretParams } from '../registrations/route-parts.ts';
import { findBySecret } from '../registrations/service.ts';
import { roomRequest } from '../room/caller.ts';
import type { RoomDeps } from '../room/deps.ts';
import { bearer, rateLimited, refParams, ticketAnswers } from '../room/route-parts.ts';
import { findSessionByRef, visibleSession } from '../sessions/service.ts';
import {
  type FeedbackDeps,
  type FeedbackGiver,
  feedbackFormOf,
  feedbackResults,
  myFeedback,
  myFeedbackInRoom,
  submitFeedbackByLink,
  submitFeedbackInRoom,
  updateFeedbackForm,
} from './service.ts';

const notTakingAnswers = problem(
  'The form takes no answers now: the session has not started, feedback is off, it was cancelled, or so was the registration',
);

const getForm = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/feedback/form',
  tags: ['Feedback'],
  summary: 'The session’s feedback form: on or off, and the organizer’s questions (organizers)',
  request: { params: refParams },
  responses: { 200: jsonResponse(feedbackFormSchema, 'The form'), ...organizersOnly, 404: problem('No such session') },
});

const putForm = apiRoute({
  method: 'put',
  path: '/sessions/{ref}/feedback/form',
  tags: ['Feedback'],
  summary: 'Turn feedback on or off and set its questions (organizers)',
  request: { params: refParams, body: jsonBody(updateFeedbackFormRequestSchema) },
  responses: {
    200: jsonResponse(feedbackFormSchema, 'The form now'),
    ...organizersOnly,
    404: problem('No such session'),
    422: problem('Invalid questions'),
  },
});

const results = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/report/feedback',
  tags: ['Reports'],
  summary: 'What the feedback adds up to: ratings, answers per question, comments newest first (organizers)',
  request: { params: refParams },
  responses: {
    200: jsonResponse(feedbackResultsSchema, 'The results'),
    ...organizersOnly,
    404: problem('No such session'),
  },
});

const getByLink = apiRoute({
  method: 'get',
  path: '/registrations/{secret}/feedback',
  tags: ['Feedback'],
  summary: 'The feedback form for the holder of a personal join link, with what they answered before',
  request: { params: secretParams },
  responses: { 200: jsonResponse(myFeedbackSchema, 'The form and the answer'), 404: problem('The link is not valid') },
});

const putByLink = apiRoute({
  method: 'put',
  path: '/registrations/{secret}/feedback',
  tags: ['Feedback'],
  summary: 'Give feedback by personal join link, once the session is live or after it; sending again replaces it',
  request: { params: secretParams, body: jsonBody(feedbackSubmissionSchema) },
  responses: {
    200: jsonResponse(myFeedbackSchema, 'Saved'),
    404: problem('The link is not valid'),
    409: notTakingAnswers,
    422: problem('No rating, or answers that do not fit the questions'),
    ...rateLimited,
  },
});

const getInRoom = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/room/feedback',
  tags: ['Feedback'],
  summary: 'The feedback form for the holder of a room ticket, with what they answered before',
  security: bearer,
  request: { params: refParams },
  responses: { 200: jsonResponse(myFeedbackSchema, 'The form and the answer'), ...ticketAnswers },
});

const putInRoom = apiRoute({
  method: 'put',
  path: '/sessions/{ref}/room/feedback',
  tags: ['Feedback'],
  summary: 'Give feedback from the room (on leaving, or when the session ends); sending again replaces it',
  security: bearer,
  request: { params: refParams, body: jsonBody(feedbackSubmissionSchema) },
  responses: {
    200: jsonResponse(myFeedbackSchema, 'Saved'),
    ...ticketAnswers,
    409: notTakingAnswers,
    422: problem('No rating, or answers that do not fit the questions'),
    ...rateLimited,
  },
});

/**
 * The feedback form: its organizers set it and read the results; attendees answer it by their
 * personal link or from the room. One answer per person (email) and session.
 */
export function feedbackRoutes(deps: FeedbackDeps & { room: RoomDeps }) {
  // Sending again replaces the answer; more than a few in a row is a stuck button or a script.
  const sending = createRateLimiter({ burst: 5, everyMs: 10_000, now: deps.now });
  const organizerSession = async (ref: string, user: SessionUser | null) => {
    const { session } = await visibleSession(deps.db, ref, user);
    await authorizeCommunityById(deps.db, session.communityId, user, 'manage');
    return session;
  };
  const byLink = async (secret: string) => {
    const registration = await findBySecret(deps.db, secret);
    const session = await findSessionByRef(deps.db, registration.sessionId);
    const giver: FeedbackGiver = {
      email: registration.email,
      name: registration.name,
      registrationId: registration.id,
    };
    return { session, giver, cancelled: registration.status === 'cancelled' };
  };
  const inRoom = (c: Context<AppEnv>, ref: string) => roomRequest(deps.room, ref, c.req.header('Authorization'));
  return createRouter()
    .openapi(getForm, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      c.header('Cache-Control', 'no-store');
      return c.json(await feedbackFormOf(deps.db, session.id), 200);
    })
    .openapi(putForm, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      return c.json(await updateFeedbackForm(deps, session, c.req.valid('json')), 200);
    })
    .openapi(results, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      c.header('Cache-Control', 'no-store');
      return c.json(await feedbackResults(deps.db, session), 200);
    })
    .openapi(getByLink, async (c) => {
      const { session, giver, cancelled } = await byLink(c.req.valid('param').secret);
      c.header('Cache-Control', 'private, no-store');
      return c.json(await myFeedback(deps.db, session, giver.email, { refused: cancelled }), 200);
    })
    .openapi(putByLink, async (c) => {
      const { session, ...holder } = await byLink(c.req.valid('param').secret);
      const options = { locale: c.get('locale'), sending };
      return c.json(await submitFeedbackByLink(deps, session, holder, c.req.valid('json'), options), 200);
    })
    .openapi(getInRoom, async (c) => {
      const { session, me } = await inRoom(c, c.req.valid('param').ref);
      c.header('Cache-Control', 'private, no-store');
      return c.json(await myFeedbackInRoom(deps.db, session, me), 200);
    })
    .openapi(putInRoom, async (c) => {
      const { session, me } = await inRoom(c, c.req.valid('param').ref);
      const options = { locale: c.get('locale'), sending };
      return c.json(await submitFeedbackInRoom(deps, session, me, c.req.valid('json'), options), 200);
    });
}
