import { z } from '@hono/zod-openapi';
import {
  MATERIAL_TYPES,
  materialSchema,
  pinMaterialRequestSchema,
  pinnedMaterialSchema,
  sessionMaterialsSchema,
  sessionRefSchema,
  uploadMaterialQuerySchema,
} from '@serambi/shared';
import type { Context } from 'hono';
import { requireUser } from '../http/current-user.ts';
import type { AppEnv } from '../http/env.ts';
import { apiRoute, createRouter, jsonBody, jsonResponse, problem } from '../http/openapi.ts';
import { replayAudienceByLink, replayAudienceByRef } from '../registrations/replay-viewer.ts';
import { secretParams } from '../registrations/route-parts.ts';
import { roomRequest } from '../room/caller.ts';
import { bearer, done, moderatorAnswers, refParams, ticketAnswers } from '../room/route-parts.ts';
import { visibleSession } from '../sessions/service.ts';
import type { MaterialDeps } from './deps.ts';
import { attachmentDisposition } from './names.ts';
import { pinMaterial } from './pin.ts';
import { deleteMaterial, materialFile, materialsFor, materialsInRoom } from './service.ts';
import { attachMaterial } from './upload.ts';

/** The upload's path, streamed to disk: the API's 1 MiB body limit does not apply to it (app.ts). */
export const MATERIAL_UPLOAD_PATH = /^\/api\/sessions\/[^/]+\/materials$/;

const binary = z.string().meta({ format: 'binary' });
const teamOnly = {
  401: problem('Not signed in'),
  403: problem('Not an organizer of this community, nor a speaker or moderator of this session'),
};

const upload = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/materials',
  tags: ['Materials'],
  summary:
    'Attach a file to the session (organizers, speakers, moderators): the body is the file itself, up to 50 MiB; a PDF, PPTX, PNG, JPEG or WebP, as its bytes say (its name and Content-Type are not trusted)',
  request: {
    params: refParams,
    query: uploadMaterialQuerySchema,
    body: { required: true, content: { 'application/octet-stream': { schema: binary } } },
  },
  responses: {
    201: jsonResponse(materialSchema, 'The file, stored'),
    ...teamOnly,
    404: problem('No such session'),
    409: problem('The session was cancelled'),
    413: problem(
      'The file is over 50 MiB (code material_too_large), or the community’s materials would go over its limit (code materials_quota_exceeded): nothing was stored',
    ),
    415: problem('The file is not a PDF, PowerPoint (PPTX), PNG, JPEG or WebP image (code material_type)'),
    422: problem('The file is empty, or its name is missing'),
  },
});

const list = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/materials',
  tags: ['Materials'],
  summary:
    'The session’s materials with download addresses, as its replay access allows (registrants by default), or why not; with the community’s total for organizers, speakers and moderators',
  request: { params: refParams },
  responses: {
    200: jsonResponse(sessionMaterialsSchema, 'The materials'),
    403: problem(
      'Signed in with an address not confirmed yet, and the materials are for registrants (code email_unconfirmed)',
    ),
    404: problem('No such session'),
  },
});

const listByLink = apiRoute({
  method: 'get',
  path: '/registrations/{secret}/materials',
  tags: ['Materials'],
  summary: 'The session’s materials, for the holder of a personal join link',
  request: { params: secretParams },
  responses: { 200: jsonResponse(sessionMaterialsSchema, 'The materials'), 404: problem('The link is not valid') },
});

const remove = apiRoute({
  method: 'delete',
  path: '/sessions/{ref}/materials/{id}',
  tags: ['Materials'],
  summary: 'Delete a file (organizers, speakers, moderators); if it was pinned, the room hears it is not',
  request: { params: z.object({ ref: sessionRefSchema, id: z.uuid() }) },
  responses: { ...done, ...teamOnly, 404: problem('No such session or file') },
});

const roomList = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/room/materials',
  tags: ['Materials'],
  summary: 'The session’s materials with download addresses, for everyone let in the room',
  security: bearer,
  request: { params: refParams },
  responses: { 200: jsonResponse(sessionMaterialsSchema, 'The materials'), ...ticketAnswers },
});

const roomPin = apiRoute({
  method: 'put',
  path: '/sessions/{ref}/room/materials/pin',
  tags: ['Materials'],
  summary: 'Pin one file for everyone in the room ("Materials available"), or unpin with null (moderators)',
  security: bearer,
  request: { params: refParams, body: jsonBody(pinMaterialRequestSchema) },
  responses: {
    200: jsonResponse(z.object({ pinned: pinnedMaterialSchema.nullable() }), 'What is pinned now'),
    ...moderatorAnswers,
    404: problem('No such session, or no such file in it'),
  },
});

const download = apiRoute({
  method: 'get',
  path: '/materials/{id}/download',
  tags: ['Materials'],
  summary: 'A file, by the signed address a list gives (valid for 15 minutes), as an attachment',
  request: { params: z.object({ id: z.uuid() }), query: z.object({ token: z.string().max(200).optional() }) },
  responses: {
    200: {
      description: 'The file, with the Content-Type of its detected kind',
      content: Object.fromEntries(
        Object.values(MATERIAL_TYPES).map(({ contentType }) => [contentType, { schema: binary }]),
      ),
    },
    403: problem('The address has expired or is not valid: open the list again'),
    404: problem('No such file, or it was deleted'),
  },
});

/** Attaching, listing, deleting and pinning a session's materials, and their downloads. */
export function materialRoutes(deps: MaterialDeps) {
  const roomCaller = (c: Context<AppEnv>, ref: string) => roomRequest(deps.room, ref, c.req.header('Authorization'));
  return createRouter()
    .openapi(upload, async (c) => {
      const user = requireUser(c.get('user'));
      const { session, viewer } = await visibleSession(deps.db, c.req.valid('param').ref, user);
      const length = c.req.header('Content-Length');
      try {
        const material = await attachMaterial(deps, session, viewer, user, {
          name: c.req.valid('query').name,
          body: c.req.raw.body,
          declaredBytes: length && /^\d+$/.test(length) ? Number(length) : null,
        });
        return c.json(material, 201);
      } catch (error) {
        // A refusal may come before the whole body is read: the connection cannot carry another request.
        c.header('Connection', 'close');
        throw error;
      }
    })
    .openapi(list, async (c) => {
      const { session, viewer, replayViewer } = await replayAudienceByRef(
        deps.db,
        c.req.valid('param').ref,
        c.get('user'),
      );
      c.header('Cache-Control', 'private, no-store');
      return c.json(await materialsFor(deps, session, replayViewer, viewer), 200);
    })
    .openapi(listByLink, async (c) => {
      const { session, replayViewer } = await replayAudienceByLink(deps.db, c.req.valid('param').secret);
      c.header('Cache-Control', 'private, no-store');
      return c.json(await materialsFor(deps, session, replayViewer, null), 200);
    })
    .openapi(remove, async (c) => {
      const user = requireUser(c.get('user'));
      const { ref, id } = c.req.valid('param');
      const { session, viewer } = await visibleSession(deps.db, ref, user);
      await deleteMaterial(deps, session, viewer, id);
      return c.body(null, 204);
    })
    .openapi(roomList, async (c) => {
      const { session, me } = await roomCaller(c, c.req.valid('param').ref);
      c.header('Cache-Control', 'private, no-store');
      return c.json(await materialsInRoom(deps, session, me), 200);
    })
    .openapi(roomPin, async (c) => {
      const { session, me } = await roomCaller(c, c.req.valid('param').ref);
      return c.json({ pinned: await pinMaterial(deps, session, me, c.req.valid('json').materialId) }, 200);
    })
    .openapi(download, async (c) => {
      const { row, size } = await materialFile(deps, c.req.valid('param').id, c.req.valid('query').token);
      return c.body(deps.store.read(row.storageKey), 200, {
        'Content-Type': MATERIAL_TYPES[row.kind].contentType,
        'Content-Length': String(size),
        'Content-Disposition': attachmentDisposition(row.name),
        'X-Content-Type-Options': 'nosniff',
        // The address is personal and expires; nothing shared may keep a copy.
        'Cache-Control': 'private, no-store',
      });
    });
}
