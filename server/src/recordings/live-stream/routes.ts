import { liveStreamSchema, putStreamDestinationRequestSchema, streamDestinationAnswerSchema } from '@serambi/shared';
import type { Context } from 'hono';
import { authorizeCommunityById } from '../../communities/service.ts';
import type { AppEnv, SessionUser } from '../../http/env.ts';
import { apiRoute, createRouter, jsonBody, jsonResponse, organizersOnly, problem } from '../../http/openapi.ts';
import { roomRequest } from '../../room/caller.ts';
import { bearer, done, moderatorAnswers, refParams } from '../../room/route-parts.ts';
import { visibleSession } from '../../sessions/service.ts';
import type { RecordingDeps } from '../deps.ts';
import {
  liveStreamInRoom,
  removeStreamDestination,
  saveStreamDestination,
  startLiveStreamInRoom,
  stopLiveStreamInRoom,
  streamDestination,
} from './service.ts';

const destinationGet = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/stream-destination',
  tags: ['Live stream'],
  summary: 'Where the session streams to: the RTMP(S) address and the key’s last 4 characters (organizers)',
  request: { params: refParams },
  responses: {
    200: jsonResponse(streamDestinationAnswerSchema, 'The destination, or null'),
    ...organizersOnly,
    404: problem('No such session'),
  },
});

const destinationPut = apiRoute({
  method: 'put',
  path: '/sessions/{ref}/stream-destination',
  tags: ['Live stream'],
  summary:
    'Set where the session streams to (organizers): an rtmp:// or rtmps:// address and the stream key, stored encrypted; without a key the saved one is kept',
  request: { params: refParams, body: jsonBody(putStreamDestinationRequestSchema) },
  responses: {
    200: jsonResponse(streamDestinationAnswerSchema, 'The destination now'),
    ...organizersOnly,
    404: problem('No such session'),
    422: problem(
      'Not an rtmp(s):// address with a host, a key with spaces, or (in production) a host that is not public',
    ),
  },
});

const destinationDelete = apiRoute({
  method: 'delete',
  path: '/sessions/{ref}/stream-destination',
  tags: ['Live stream'],
  summary: 'Forget the destination and its key (organizers)',
  request: { params: refParams },
  responses: {
    ...done,
    ...organizersOnly,
    404: problem('No such session'),
    409: problem('The stream is running: stop it first'),
  },
});

const roomState = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/room/stream',
  tags: ['Live stream'],
  summary: 'The live stream’s state as the console shows it (moderators)',
  security: bearer,
  request: { params: refParams },
  responses: { 200: jsonResponse(liveStreamSchema, 'The live stream'), ...moderatorAnswers },
});

const roomStart = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/stream/start',
  tags: ['Live stream'],
  summary:
    'Start streaming the stage to the session’s RTMP destination (moderators); starting twice keeps the running stream',
  security: bearer,
  request: { params: refParams },
  responses: {
    200: jsonResponse(liveStreamSchema, 'The live stream'),
    ...moderatorAnswers,
    409: problem('The session is not live, or no destination is set'),
    422: problem('The destination is not allowed any more (production: not a public host)'),
  },
});

const roomStop = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/stream/stop',
  tags: ['Live stream'],
  summary: 'Stop streaming (moderators); the recording and the room go on',
  security: bearer,
  request: { params: refParams },
  responses: { 200: jsonResponse(liveStreamSchema, 'The live stream'), ...moderatorAnswers },
});

/** The stream's destination (organizers, on the session's page) and its control from the console (moderators). */
export function liveStreamRoutes(deps: RecordingDeps) {
  const roomCaller = (c: Context<AppEnv>, ref: string) => roomRequest(deps.room, ref, c.req.header('Authorization'));
  const organizerSession = async (ref: string, user: SessionUser | null) => {
    const { session } = await visibleSession(deps.db, ref, user);
    await authorizeCommunityById(deps.db, session.communityId, user, 'manage');
    return session;
  };
  return createRouter()
    .openapi(destinationGet, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      c.header('Cache-Control', 'no-store');
      return c.json(await streamDestination(deps, session), 200);
    })
    .openapi(destinationPut, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      return c.json(await saveStreamDestination(deps, session, c.req.valid('json')), 200);
    })
    .openapi(destinationDelete, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      await removeStreamDestination(deps, session);
      return c.body(null, 204);
    })
    .openapi(roomState, async (c) => {
      const { session, me } = await roomCaller(c, c.req.valid('param').ref);
      c.header('Cache-Control', 'no-store');
      return c.json(await liveStreamInRoom(deps, session, me), 200);
    })
    .openapi(roomStart, async (c) => {
      const { session, me } = await roomCaller(c, c.req.valid('param').ref);
      return c.json(await startLiveStreamInRoom(deps, session, me), 200);
    })
    .openapi(roomStop, async (c) => {
      const { session, me } = await roomCaller(c, c.req.valid('param').ref);
      return c.json(await stopLiveStreamInRoom(deps, session, me), 200);
    });
}
