import { z } from '@hono/zod-openapi';
import {
  askBreakoutHelpRequestSchema,
  breakoutConnectionSchema,
  breakoutConnectRequestSchema,
  breakoutStateSchema,
  broadcastBreakoutsRequestSchema,
  chooseBreakoutRequestSchema,
  extendBreakoutsRequestSchema,
  openBreakoutsRequestSchema,
  placeBreakoutRequestSchema,
  roomIdentitySchema,
  sessionRefSchema,
} from '@serambi/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { apiRoute, createRouter, jsonBody, jsonResponse, problem } from '../http/openapi.ts';
import { roomRequest } from '../room/caller.ts';
import type { RoomDeps } from '../room/deps.ts';
import { bearer, done, moderatorAnswers, refParams, ticketAnswers } from '../room/route-parts.ts';
import { connectTo } from './connect.ts';
import {
  askForHelp,
  broadcastToTables,
  chooseTable,
  endBreakouts,
  extendBreakouts,
  openBreakouts,
  placeParticipant,
} from './service.ts';

const tags = ['Breakout tables'];
const state = (what: string) => jsonResponse(breakoutStateSchema, what);
const notOpen = { 409: problem('No breakout tables are open') };

const open = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/breakouts',
  tags,
  summary:
    'Open breakout tables for some minutes, with the people placed at random, by hand or by their own choice (moderators; the session must be live)',
  security: bearer,
  request: { params: refParams, body: jsonBody(openBreakoutsRequestSchema) },
  responses: {
    201: state('The tables, open'),
    ...moderatorAnswers,
    409: problem('Tables are open already, the session is not live, or a table of the placements is over its limit'),
    422: problem('Invalid (a table number beyond the count, someone not a participant let in)'),
    503: problem('LiveKit cannot be reached'),
  },
});

const place = apiRoute({
  method: 'put',
  path: '/sessions/{ref}/room/breakouts/placements/{identity}',
  tags,
  summary: 'Seat a participant at a table, or back in the main room with tableId null (moderators)',
  security: bearer,
  request: {
    params: z.object({ ref: sessionRefSchema, identity: roomIdentitySchema }),
    body: jsonBody(placeBreakoutRequestSchema),
  },
  responses: {
    200: state('The tables now'),
    ...moderatorAnswers,
    409: problem('No tables open, the table is full, or the person is not a participant let in'),
  },
});

const choose = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/breakouts/choose',
  tags,
  summary: 'Take a place at a table with room, or leave it with tableId null (participants, when they choose)',
  security: bearer,
  request: { params: refParams, body: jsonBody(chooseBreakoutRequestSchema) },
  responses: {
    200: state('The tables now, with your place'),
    ...ticketAnswers,
    409: problem('No tables open, a moderator places people, or the table is full'),
  },
});

const extend = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/breakouts/extend',
  tags,
  summary: 'Give the tables more minutes (moderators)',
  security: bearer,
  request: { params: refParams, body: jsonBody(extendBreakoutsRequestSchema) },
  responses: { 200: state('The tables with their new end'), ...moderatorAnswers, ...notOpen },
});

const broadcast = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/breakouts/broadcast',
  tags,
  summary: 'Show a message in every table (moderators)',
  security: bearer,
  request: { params: refParams, body: jsonBody(broadcastBreakoutsRequestSchema) },
  responses: { ...done, ...moderatorAnswers, ...notOpen },
});

const help = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/breakouts/help',
  tags,
  summary: 'Call the speakers and moderators to your table (participants at a table)',
  security: bearer,
  request: { params: refParams, body: jsonBody(askBreakoutHelpRequestSchema) },
  responses: { ...done, ...ticketAnswers, 409: problem('No tables open, or you are not at a table') },
});

const end = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/breakouts/end',
  tags,
  summary: 'End the tables now: everyone goes back to the main room (moderators)',
  security: bearer,
  request: { params: refParams },
  responses: { 200: state('The tables, ended'), ...moderatorAnswers, ...notOpen },
});

const connect = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/breakouts/connect',
  tags,
  summary:
    'A short-lived LiveKit token for your table (speakers and moderators: any table), or for the main room with tableId null',
  security: bearer,
  request: { params: refParams, body: jsonBody(breakoutConnectRequestSchema) },
  responses: {
    200: jsonResponse(breakoutConnectionSchema, 'Where to connect'),
    401: ticketAnswers[401],
    403: problem('Not your table, or banned, removed or not let in'),
    404: problem('No such session or table'),
    409: problem('No tables open, or no main room to go back to (the session is not live)'),
    503: problem('LiveKit cannot be reached'),
  },
});

/** Breakout tables' HTTP API (room ticket): thin routes over `service.ts` and `connect.ts`. */
export function breakoutRoutes(deps: RoomDeps) {
  const caller = (c: Context<AppEnv>, ref: string) => roomRequest(deps, ref, c.req.header('Authorization'));
  return createRouter()
    .openapi(open, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      return c.json(await openBreakouts(deps, session, me, c.req.valid('json')), 201);
    })
    .openapi(place, async (c) => {
      const { ref, identity } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      return c.json(await placeParticipant(deps, session, me, identity, c.req.valid('json').tableId), 200);
    })
    .openapi(choose, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      return c.json(await chooseTable(deps, session, me, c.req.valid('json').tableId), 200);
    })
    .openapi(extend, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      return c.json(await extendBreakouts(deps, session, me, c.req.valid('json').minutes), 200);
    })
    .openapi(broadcast, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      await broadcastToTables(deps, session, me, c.req.valid('json').message);
      return c.body(null, 204);
    })
    .openapi(help, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      await askForHelp(deps, session, me, c.req.valid('json').note);
      return c.body(null, 204);
    })
    .openapi(end, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      return c.json(await endBreakouts(deps, session, me), 200);
    })
    .openapi(connect, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      c.header('Cache-Control', 'no-store');
      return c.json(await connectTo(deps, session, me, c.req.valid('json').tableId), 200);
    });
}
