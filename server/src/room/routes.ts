import { z } from '@hono/zod-openapi';
import {
  auditEntrySchema,
  joinRoomByLinkRequestSchema,
  joinRoomRequestSchema,
  joinRoomResultSchema,
  muteRequestSchema,
  participantPageSchema,
  participantSearchSchema,
  raiseHandRequestSchema,
  roomIdentitySchema,
  roomOrLobbySnapshotSchema,
  roomSettingsSchema,
  sessionRefSchema,
  stageAnswerRequestSchema,
  updateRoomSettingsRequestSchema,
} from '@serambi/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { apiRoute, createRouter, jsonBody, jsonResponse, problem } from '../http/openapi.ts';
import { createRateLimiter } from '../http/rate-limit.ts';
import { roomRequest, roomVisitor } from './caller.ts';
import type { RoomDeps } from './deps.ts';
import { joinRoom } from './join.ts';
import { auditLog, endSession, goLive, type RoomLifecycleHooks, updateRoomSettings } from './lifecycle.ts';
import { decideLobby, muteParticipant, removeFromSession, unbanParticipant } from './moderation.ts';
import { searchParticipants } from './participants.ts';
import { bearer, done, moderatorAnswers, refParams, ticketAnswers } from './route-parts.ts';
import { roomSnapshot } from './snapshot.ts';
import { answerInvitation, inviteToStage, leaveStage, lowerHandOf, raiseHand, removeFromStage } from './stage.ts';

export type { RoomLifecycleHooks } from './lifecycle.ts';

const targetParams = z.object({ ref: sessionRefSchema, identity: roomIdentitySchema });

const join = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/join',
  tags: ['Room'],
  summary:
    'Enter the live room, by personal link secret or signed in: a room ticket, the room snapshot and, when there is somewhere to be, a short-lived LiveKit token with the grants of your role',
  request: { params: refParams, body: jsonBody(joinRoomRequestSchema) },
  responses: {
    200: jsonResponse(joinRoomResultSchema, 'In (or waiting: see livekit, and the snapshot’s view)'),
    401: problem('Not signed in and no personal link'),
    403: problem(
      'Banned, locked out, not admitted, or signed in with an address not confirmed yet (email_unconfirmed)',
    ),
    404: problem('No such session, or the link is not valid'),
    409: problem('Not registered, on the waitlist, registration cancelled, or the session was cancelled'),
    503: problem('LiveKit cannot be reached'),
  },
});

const joinByLink = apiRoute({
  method: 'post',
  path: '/room/join',
  tags: ['Room'],
  summary:
    'Enter the live room of the session a personal link is for, without naming it: the same entry, checks and answer as /sessions/{ref}/room/join with that link',
  request: { body: jsonBody(joinRoomByLinkRequestSchema) },
  responses: {
    200: jsonResponse(joinRoomResultSchema, 'In (or waiting: see livekit, and the snapshot’s view)'),
    403: problem('Banned, locked out or not admitted'),
    404: problem('The link is not valid (or its session is not open yet)'),
    409: problem('On the waitlist, registration cancelled, or the session was cancelled'),
    503: problem('LiveKit cannot be reached'),
  },
});

const snapshot = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/room',
  tags: ['Room'],
  summary:
    'The room as the caller sees it now (after a reconnect or a gap in event versions); someone waiting in the lobby or turned away sees the session and their own standing only',
  security: bearer,
  request: { params: refParams },
  responses: { 200: jsonResponse(roomOrLobbySnapshotSchema, 'The room, or the lobby'), ...ticketAnswers },
});

const hand = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/hand',
  tags: ['Room'],
  summary: 'Raise or lower your hand',
  security: bearer,
  request: { params: refParams, body: jsonBody(raiseHandRequestSchema) },
  responses: { ...done, ...ticketAnswers, 429: problem('Hand raised and lowered too often') },
});

const answer = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/stage/answer',
  tags: ['Room'],
  summary: 'Accept or decline an invitation to the stage; accepting grants publishing',
  security: bearer,
  request: { params: refParams, body: jsonBody(stageAnswerRequestSchema) },
  responses: { ...done, ...ticketAnswers, 409: problem('Not invited'), 503: problem('LiveKit cannot be reached') },
});

const leave = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/stage/leave',
  tags: ['Room'],
  summary: 'Leave the stage: publishing is revoked and your tracks are unpublished',
  security: bearer,
  request: { params: refParams },
  responses: { ...done, ...ticketAnswers, 409: problem('Not on stage'), 503: problem('LiveKit cannot be reached') },
});

const live = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/live',
  tags: ['Room moderation'],
  summary: 'Go live (moderators)',
  security: bearer,
  request: { params: refParams },
  responses: { ...done, ...moderatorAnswers, 409: problem('Not scheduled'), 503: problem('LiveKit cannot be reached') },
});

const end = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/end',
  tags: ['Room moderation'],
  summary: 'End the session for everyone and close its rooms (moderators)',
  security: bearer,
  request: { params: refParams },
  responses: { ...done, ...moderatorAnswers, 409: problem('Not live'), 503: problem('LiveKit cannot be reached') },
});

const settings = apiRoute({
  method: 'patch',
  path: '/sessions/{ref}/room/settings',
  tags: ['Room moderation'],
  summary: 'Doors-open time, lock against new joins, stage guest limit (moderators)',
  security: bearer,
  request: { params: refParams, body: jsonBody(updateRoomSettingsRequestSchema) },
  responses: { 200: jsonResponse(roomSettingsSchema, 'The settings'), ...moderatorAnswers, 422: problem('Invalid') },
});

const participants = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/room/participants',
  tags: ['Room moderation'],
  summary: 'Everyone who entered, connected first, searchable by name (moderators)',
  security: bearer,
  request: { params: refParams, query: participantSearchSchema },
  responses: { 200: jsonResponse(participantPageSchema, 'A page of participants'), ...moderatorAnswers },
});

const audit = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/room/audit',
  tags: ['Room moderation'],
  summary: 'The moderation audit log, newest first (moderators)',
  security: bearer,
  request: { params: refParams },
  responses: { 200: jsonResponse(z.array(auditEntrySchema), 'Audit entries'), ...moderatorAnswers },
});

const ACTIONS = ['invite', 'remove-from-stage', 'lower-hand', 'remove', 'ban', 'unban', 'admit', 'deny'] as const;
const act = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/participants/{identity}/{action}',
  tags: ['Room moderation'],
  summary:
    'Act on one participant (moderators): invite to the stage, remove from the stage, lower their hand, remove from the session, ban, unban, admit from or deny in the lobby',
  security: bearer,
  request: { params: targetParams.extend({ action: z.enum(ACTIONS) }) },
  responses: {
    ...done,
    ...moderatorAnswers,
    409: problem('Not possible now (left, stage full, not on stage, not in the lobby)'),
    503: problem('LiveKit cannot be reached'),
  },
});

const mute = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/participants/{identity}/mute',
  tags: ['Room moderation'],
  summary: 'Mute a microphone or camera, or stop a screen share (moderators)',
  security: bearer,
  request: { params: targetParams, body: jsonBody(muteRequestSchema) },
  responses: { ...done, ...moderatorAnswers, 409: problem('No such track'), 503: problem('LiveKit cannot be reached') },
});

/** The live room's HTTP API: thin routes over join, stage, moderation and lifecycle. */
export function roomRoutes(deps: RoomDeps, hooks: RoomLifecycleHooks[] = []) {
  // Each change is broadcast to the whole room: one person toggling a hand must not flood it.
  const handChanges = createRateLimiter({ burst: 6, everyMs: 5_000, now: deps.now });
  const caller = (c: Context<AppEnv>, ref: string) => roomRequest(deps, ref, c.req.header('Authorization'));
  return createRouter()
    .openapi(join, async (c) => {
      const { ref } = c.req.valid('param');
      const { joinSecret } = c.req.valid('json');
      const toJoin = await (joinSecret
        ? deps.joinQueries.sessionByLink(ref, joinSecret)
        : deps.joinQueries.session(ref));
      const result = await joinRoom(deps, toJoin, c.get('user'));
      c.header('Cache-Control', 'no-store');
      return c.json(result, 200);
    })
    .openapi(joinByLink, async (c) => {
      const { joinSecret } = c.req.valid('json');
      const toJoin = await deps.joinQueries.sessionBySecret(joinSecret);
      const result = await joinRoom(deps, toJoin, c.get('user'));
      c.header('Cache-Control', 'no-store');
      return c.json(result, 200);
    })
    .openapi(snapshot, async (c) => {
      const { session, me } = await roomVisitor(deps, c.req.valid('param').ref, c.req.header('Authorization'));
      c.header('Cache-Control', 'no-store');
      return c.json(await roomSnapshot(deps, session, me), 200);
    })
    .openapi(hand, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      handChanges.take(`${session.id}:${me.identity}`);
      await raiseHand(deps, session, me, c.req.valid('json').raised);
      return c.body(null, 204);
    })
    .openapi(answer, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      await answerInvitation(deps, session, me, c.req.valid('json').accept);
      return c.body(null, 204);
    })
    .openapi(leave, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      await leaveStage(deps, session, me);
      return c.body(null, 204);
    })
    .openapi(live, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      await goLive(deps, session, me, hooks);
      return c.body(null, 204);
    })
    .openapi(end, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      await endSession(deps, session, me, hooks);
      return c.body(null, 204);
    })
    .openapi(settings, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      return c.json(await updateRoomSettings(deps, session, me, c.req.valid('json')), 200);
    })
    .openapi(participants, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      c.header('Cache-Control', 'no-store');
      return c.json(await searchParticipants(deps.db, session, me, c.req.valid('query')), 200);
    })
    .openapi(audit, async (c) => {
      const { session, me } = await caller(c, c.req.valid('param').ref);
      c.header('Cache-Control', 'no-store');
      return c.json(await auditLog(deps.db, session, me), 200);
    })
    .openapi(mute, async (c) => {
      const { ref, identity } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      await muteParticipant(deps, session, me, identity, c.req.valid('json').source);
      return c.body(null, 204);
    })
    .openapi(act, async (c) => {
      const { ref, identity, action } = c.req.valid('param');
      const { session, me } = await caller(c, ref);
      switch (action) {
        case 'invite':
          await inviteToStage(deps, session, me, identity);
          break;
        case 'remove-from-stage':
          await removeFromStage(deps, session, me, identity);
          break;
        case 'lower-hand':
          await lowerHandOf(deps, session, me, identity);
          break;
        case 'remove':
        case 'ban':
          await removeFromSession(deps, session, me, identity, { ban: action === 'ban' });
          break;
        case 'unban':
          await unbanParticipant(deps, session, me, identity);
          break;
        case 'admit':
        case 'deny':
          await decideLobby(deps, session, me, identity, action === 'admit');
          break;
      }
      return c.body(null, 204);
    });
}
