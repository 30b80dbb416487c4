import { WHIP_PATH } from '@serambi/shared';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { clientAddress } from '../http/client-address.ts';
import type { AppEnv } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { roomOfName } from '../room/events.ts';
import { sessionById } from '../sessions/service.ts';
import { mintObsToken, obsOwnerOf, publishingRoomOf } from './keys.ts';
import { checkKey, type KeyRefusal, type WhipDeps } from './service.ts';

/**
 * WHIP through Serambi's origin (RFC 9725 as livekit-server v1.13.5 serves it at /whip/v1), so
 * OBS needs only Serambi's public address and LiveKit's HTTP port stays private. Only OBS keys
 * Serambi handed out pass: each request's key is checked against the room's state (the newest
 * key of its holder, not revoked, holder still on the team) before LiveKit sees it, and is
 * exchanged for the same grants in the room the holder presents in now (the backstage before
 * the session is live, the stage after), so one key serves the whole session.
 */

/** An SDP offer is a few KiB; LiveKit itself takes up to 1 MiB. */
export const WHIP_MAX_BODY_BYTES = 64 * 1024;
/** Creating the session waits for LiveKit to place the room and answer the offer. */
const FORWARD_TIMEOUT_MS = 15_000;

const CONTENT_TYPE_OF: Record<string, string> = {
  POST: 'application/sdp',
  PATCH: 'application/trickle-ice-sdpfrag',
};

const REFUSAL_KEY = {
  unknown: 'problems.whipKeyInvalid',
  replaced: 'problems.whipKeyRevoked',
  revoked: 'problems.whipKeyRevoked',
  expired: 'problems.whipKeyExpired',
  session_over: 'problems.whipSessionOver',
  holder_lost_place: 'problems.whipKeyRevoked',
} as const satisfies Record<KeyRefusal, string>;

export function whipProxyRoutes(deps: WhipDeps) {
  const forward = async (c: Context<AppEnv>) => {
    const method = c.req.method;
    const resource = c.req.param('resource');
    if (resource !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(resource)) throw AppError.notFound();
    const wanted = CONTENT_TYPE_OF[method];
    const contentType = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (wanted && contentType !== wanted) {
      throw new AppError(415, 'whip_content_type', 'problems.whipContentType', { params: { type: wanted } });
    }
    const token = await liveKitTokenFor(deps, c.req.header('Authorization'));
    const body = wanted ? await c.req.text() : undefined;
    if (method === 'POST' && !body?.trim()) {
      throw new AppError(400, 'whip_no_offer', 'problems.whipNoOffer');
    }
    const path = resource === undefined ? WHIP_PATH : `${WHIP_PATH}/${resource}`;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      'X-Forwarded-For': clientAddress(c),
    };
    if (wanted) headers['Content-Type'] = wanted;
    const ifMatch = c.req.header('If-Match');
    if (ifMatch) headers['If-Match'] = ifMatch;
    const answer = await toAnyNode(deps, path, { method, headers, ...(body !== undefined ? { body } : {}) });
    return relay(answer);
  };

  const limit = bodyLimit({
    maxSize: WHIP_MAX_BODY_BYTES,
    onError: (c) => {
      c.header('Connection', 'close');
      throw new AppError(413, 'payload_too_large', 'problems.payloadTooLarge');
    },
  });
  // OPTIONS is answered here (RFC 9725 §4.1): no CORS, a key is for OBS, not for other sites' pages.
  const options = (c: Context<AppEnv>) => {
    c.header('Accept-Post', 'application/sdp');
    c.header('Allow', c.req.param('resource') === undefined ? 'OPTIONS, POST' : 'OPTIONS, PATCH, DELETE');
    return c.body(null, 204);
  };
  return new Hono<AppEnv>()
    .options(WHIP_PATH, options)
    .options(`${WHIP_PATH}/:resource`, options)
    .post(WHIP_PATH, limit, forward)
    .patch(`${WHIP_PATH}/:resource`, limit, forward)
    .delete(`${WHIP_PATH}/:resource`, forward);
}

/**
 * The LiveKit token to forward for the key in `authorization`: 401 without a key or with one
 * this deployment did not sign, 403 for a key that is not an OBS key or no longer counts.
 */
async function liveKitTokenFor(deps: WhipDeps, authorization: string | undefined): Promise<string> {
  const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!key) throw new AppError(401, 'whip_key_missing', 'problems.whipKeyMissing');
  const claims = await deps.livekit.readToken(key);
  if (!claims) throw new AppError(401, 'whip_key_invalid', 'problems.whipKeyInvalid');
  const obs = obsOwnerOf(claims.identity);
  if (!obs || claims.canSubscribe) throw new AppError(403, 'whip_key_not_obs', 'problems.whipKeyNotObs');
  const { sessionId } = roomOfName(claims.room);
  const session = await sessionById(deps.db, sessionId);
  if (!session) throw new AppError(401, 'whip_key_invalid', 'problems.whipKeyInvalid');
  const checked = await checkKey(deps, session, obs.identity, obs.generation);
  if (checked.refusal !== null) {
    deps.log.info({ sessionId, identity: claims.identity, refusal: checked.refusal }, 'WHIP key refused');
    throw new AppError(403, `whip_key_${checked.refusal}`, REFUSAL_KEY[checked.refusal]);
  }
  return mintObsToken(deps.livekit, checked.owner, checked.row, publishingRoomOf(session), deps.now());
}

/** Sends the request to the first LiveKit node that answers (any node serves any room: LiveKit routes it). */
async function toAnyNode(deps: WhipDeps, path: string, init: RequestInit): Promise<Response> {
  for (const base of deps.livekit.nodeUrls()) {
    try {
      return await fetch(`${base}${path}`, {
        ...init,
        redirect: 'manual',
        signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      });
    } catch (error) {
      deps.log.warn({ node: base, err: (error as Error).message }, 'WHIP: LiveKit node unreachable');
    }
  }
  throw new AppError(503, 'livekit_unavailable', 'problems.liveKitUnavailable');
}

/** Headers of LiveKit's answer OBS needs: the answer's type, the resource, ICE servers, the ICE session's tag. */
const RELAYED = ['content-type', 'link', 'etag', 'accept-patch'];

/**
 * LiveKit's answer as OBS gets it. Success passes as it is, with `Location` made a path on this
 * origin (v1.13.5 answers a relative `/whip/v1/<id>` already; an absolute one is cut to its
 * path), so OBS's PATCH and DELETE come back here too. A refusal becomes a problem whose message
 * says what LiveKit said.
 */
async function relay(answer: Response): Promise<Response> {
  if (!answer.ok) {
    const said = await answer.text().catch(() => '');
    let reason = said.slice(0, 300);
    try {
      reason = String((JSON.parse(said) as { error?: unknown }).error ?? reason);
    } catch {
      // not JSON: LiveKit's text as it is
    }
    const status = ([400, 401, 403, 404, 409, 413, 415] as const).find((s) => s === answer.status) ?? 502;
    throw new AppError(status, 'whip_refused', 'problems.whipRefused', {
      params: { reason: reason || String(answer.status) },
    });
  }
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  for (const name of RELAYED) {
    const value = answer.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const location = answer.headers.get('Location');
  if (location) {
    const path = new URL(location, 'http://livekit.invalid').pathname;
    if (path.startsWith(`${WHIP_PATH}/`)) headers.set('Location', path);
  }
  return new Response(answer.status === 204 ? null : answer.body, { status: answer.status, headers });
}
