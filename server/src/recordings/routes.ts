import { z } from '@hono/zod-openapi';
import {
  communitySlugSchema,
  recordingSettingsSchema,
  replaySchema,
  roomRecordingSchema,
  sessionRecordingsSchema,
  sessionRefSchema,
  updateRecordingSettingsRequestSchema,
  updateRetentionRequestSchema,
} from '@serambi/shared';
import type { Context } from 'hono';
import { authorizeCommunity, authorizeCommunityById } from '../communities/service.ts';
import type { AppEnv, SessionUser } from '../http/env.ts';
import { apiRoute, createRouter, jsonBody, jsonResponse, organizersOnly, problem } from '../http/openapi.ts';
import { replayAudienceByLink, replayAudienceByRef } from '../registrations/replay-viewer.ts';
import { secretParams } from '../registrations/route-parts.ts';
import { roomRequest } from '../room/caller.ts';
import { bearer, done, moderatorAnswers, refParams } from '../room/route-parts.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { visibleSession } from '../sessions/service.ts';
import type { RecordingDeps } from './deps.ts';
import {
  type RecordingActor,
  startAutomaticRecording,
  startRecording,
  startRecordingInRoom,
  stopRecording,
  stopRecordingInRoom,
} from './lifecycle.ts';
import { stopLiveStream } from './live-stream/service.ts';
import { serveRecordingFile } from './media.ts';
import { type ChapterMarks, replayOf } from './replay.ts';
import { updateRetention } from './retention.ts';
import { deleteRecording, listRecordings, updateRecordingSettings } from './service.ts';

const cannotRecord = {
  409: problem('The session is not live'),
  503: problem('ffmpeg is missing on the server, LiveKit cannot be reached, or Egress is not available'),
  507: problem('Not enough free disk space to record'),
};

const roomStart = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/recording/start',
  tags: ['Recordings'],
  summary: 'Start recording the stage (moderators); starting twice returns the running recording',
  security: bearer,
  request: { params: refParams },
  responses: { 200: jsonResponse(roomRecordingSchema, 'Recording'), ...moderatorAnswers, ...cannotRecord },
});

const roomStop = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/room/recording/stop',
  tags: ['Recordings'],
  summary: 'Stop recording (moderators); the file is finished afterwards',
  security: bearer,
  request: { params: refParams },
  responses: { ...done, ...moderatorAnswers, 503: problem('LiveKit cannot be reached') },
});

const list = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/recordings',
  tags: ['Recordings'],
  summary: 'The session’s recordings, their finishing progress and the recording settings (organizers)',
  request: { params: refParams },
  responses: {
    200: jsonResponse(sessionRecordingsSchema, 'Recordings'),
    ...organizersOnly,
    404: problem('No such session'),
  },
});

const organizerStart = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/recordings/start',
  tags: ['Recordings'],
  summary: 'Start recording the stage (organizers)',
  request: { params: refParams },
  responses: {
    200: jsonResponse(roomRecordingSchema, 'Recording'),
    ...organizersOnly,
    404: problem('No such session'),
    ...cannotRecord,
  },
});

const organizerStop = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/recordings/stop',
  tags: ['Recordings'],
  summary: 'Stop recording (organizers)',
  request: { params: refParams },
  responses: { ...done, ...organizersOnly, 404: problem('No such session'), 503: problem('LiveKit cannot be reached') },
});

const settings = apiRoute({
  method: 'patch',
  path: '/sessions/{ref}/recordings/settings',
  tags: ['Recordings'],
  summary: 'Who may watch the replay, and whether the session (or its series) records by itself (organizers)',
  request: { params: refParams, body: jsonBody(updateRecordingSettingsRequestSchema) },
  responses: {
    200: jsonResponse(recordingSettingsSchema, 'The settings now'),
    ...organizersOnly,
    404: problem('No such session'),
    422: problem('Invalid settings'),
  },
});

const remove = apiRoute({
  method: 'delete',
  path: '/sessions/{ref}/recordings/{id}',
  tags: ['Recordings'],
  summary: 'Delete a recording and its files (organizers)',
  request: { params: z.object({ ref: sessionRefSchema, id: z.uuid() }) },
  responses: {
    ...done,
    ...organizersOnly,
    404: problem('No such session or recording'),
    409: problem('The recording is still running or being finished'),
  },
});

const retention = apiRoute({
  method: 'patch',
  path: '/communities/{slug}/recording-retention',
  tags: ['Recordings'],
  summary: 'How many days the community keeps recordings (null: until deleted) (organizers)',
  request: { params: z.object({ slug: communitySlugSchema }), body: jsonBody(updateRetentionRequestSchema) },
  responses: {
    200: jsonResponse(updateRetentionRequestSchema, 'The retention now'),
    ...organizersOnly,
    404: problem('No such community'),
  },
});

const retentionNow = apiRoute({
  method: 'get',
  path: '/communities/{slug}/recording-retention',
  tags: ['Recordings'],
  summary: 'How many days the community keeps recordings (null: until deleted) (organizers)',
  request: { params: z.object({ slug: communitySlugSchema }) },
  responses: {
    200: jsonResponse(updateRetentionRequestSchema, 'The retention'),
    ...organizersOnly,
    404: problem('No such community'),
  },
});

const replay = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/replay',
  tags: ['Recordings'],
  summary: 'The replay of a session: its parts with chapters, or why there is none to watch',
  request: { params: refParams },
  responses: {
    200: jsonResponse(replaySchema, 'The replay'),
    403: problem(
      'Signed in with an address not confirmed yet, and the replay is for registrants (code email_unconfirmed)',
    ),
    404: problem('No such session'),
  },
});

const replayByLink = apiRoute({
  method: 'get',
  path: '/registrations/{secret}/replay',
  tags: ['Recordings'],
  summary: 'The replay, for the holder of a personal join link',
  request: { params: secretParams },
  responses: { 200: jsonResponse(replaySchema, 'The replay'), 404: problem('The link is not valid') },
});

/** A recording's file, by the signed address the replay (or the organizer's list) gives. */
const fileRoute = (file: 'media' | 'poster' | 'download', type: string, summary: string) =>
  apiRoute({
    method: 'get',
    path: `/recordings/{id}/${file}`,
    tags: ['Recordings'],
    summary,
    request: { params: z.object({ id: z.uuid() }), query: z.object({ token: z.string().max(200).optional() }) },
    responses: {
      200: { description: 'The whole file', content: { [type]: { schema: z.string().meta({ format: 'binary' }) } } },
      206: {
        description: 'The requested byte range',
        content: { [type]: { schema: z.string().meta({ format: 'binary' }) } },
      },
      403: problem('The address has expired or is not valid: load the replay again'),
      404: problem('No such recording, or its file was deleted'),
      416: problem('The range is outside the file'),
    },
  });

const media = fileRoute('media', 'video/mp4', 'The replay’s video (HTTP Range supported)');
const poster = fileRoute('poster', 'image/jpeg', 'The replay’s poster image');
const download = fileRoute('download', 'video/mp4', 'The replay’s video as a download (organizers)');

/** Recording control (room and organizers), settings, the replay, and its files. */
export function recordingRoutes(deps: RecordingDeps, chapterMarks: ChapterMarks) {
  const roomCaller = (c: Context<AppEnv>, ref: string) => roomRequest(deps.room, ref, c.req.header('Authorization'));
  const organizerSession = async (ref: string, user: SessionUser | null) => {
    const { session } = await visibleSession(deps.db, ref, user);
    await authorizeCommunityById(deps.db, session.communityId, user, 'manage');
    return session;
  };
  const organizerActor = (user: SessionUser | null): RecordingActor =>
    user ? { identity: `u_${user.id}`, name: user.name } : null;
  return createRouter()
    .openapi(roomStart, async (c) => {
      const { session, me } = await roomCaller(c, c.req.valid('param').ref);
      return c.json(await startRecordingInRoom(deps, session, me), 200);
    })
    .openapi(roomStop, async (c) => {
      const { session, me } = await roomCaller(c, c.req.valid('param').ref);
      await stopRecordingInRoom(deps, session, me);
      return c.body(null, 204);
    })
    .openapi(list, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      c.header('Cache-Control', 'no-store');
      return c.json(await listRecordings(deps, session), 200);
    })
    .openapi(organizerStart, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      return c.json(await startRecording(deps, session, organizerActor(c.get('user'))), 200);
    })
    .openapi(organizerStop, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      await stopRecording(deps, session, organizerActor(c.get('user')));
      return c.body(null, 204);
    })
    .openapi(settings, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      return c.json(await updateRecordingSettings(deps.db, session, c.req.valid('json'), deps.now()), 200);
    })
    .openapi(remove, async (c) => {
      const { ref, id } = c.req.valid('param');
      const session = await organizerSession(ref, c.get('user'));
      await deleteRecording(deps, session, id);
      return c.body(null, 204);
    })
    .openapi(retention, async (c) => {
      const { community } = await authorizeCommunity(deps.db, c.req.valid('param').slug, c.get('user'), 'manage');
      const { retentionDays } = c.req.valid('json');
      await updateRetention(deps.db, community.id, retentionDays);
      return c.json({ retentionDays }, 200);
    })
    .openapi(retentionNow, async (c) => {
      const { community } = await authorizeCommunity(deps.db, c.req.valid('param').slug, c.get('user'), 'manage');
      c.header('Cache-Control', 'no-store');
      return c.json({ retentionDays: community.recordingRetentionDays }, 200);
    })
    .openapi(replay, async (c) => {
      const { session, replayViewer } = await replayAudienceByRef(deps.db, c.req.valid('param').ref, c.get('user'));
      c.header('Cache-Control', 'private, no-store');
      return c.json(await replayOf(deps, session, replayViewer, chapterMarks), 200);
    })
    .openapi(replayByLink, async (c) => {
      const { session, replayViewer } = await replayAudienceByLink(deps.db, c.req.valid('param').secret);
      c.header('Cache-Control', 'private, no-store');
      return c.json(await replayOf(deps, session, replayViewer, chapterMarks), 200);
    })
    .openapi(media, (c) => serveRecordingFile(deps, c, c.req.valid('param').id, 'play', c.req.valid('query').token))
    .openapi(poster, (c) => serveRecordingFile(deps, c, c.req.valid('param').id, 'poster', c.req.valid('query').token))
    .openapi(download, (c) =>
      serveRecordingFile(deps, c, c.req.valid('param').id, 'download', c.req.valid('query').token),
    );
}

/** When the session goes live it may record by itself; before it ends the recording and the live stream stop. */
export function recordingLifecycleHooks(deps: RecordingDeps) {
  return {
    afterLive: (session: SessionRow) => startAutomaticRecording(deps, session),
    beforeEnd: async (session: SessionRow, moderator: { identity: string; name: string }) => {
      try {
        await stopRecording(deps, session, moderator);
      } catch (error) {
        // Ending the session must not wait on a recorder: it stops anyway when the room closes.
        deps.log.error({ err: error, session: session.id }, 'could not stop the recording before the end');
      }
      try {
        await stopLiveStream(deps, session.id, moderator);
      } catch (error) {
        // Nor on a streamer: it leaves with the room too.
        deps.log.error({ err: error, session: session.id }, 'could not stop the live stream before the end');
      }
    },
  };
}
