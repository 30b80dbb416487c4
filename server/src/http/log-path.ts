import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * Paths whose segment after the prefix is a bearer secret: a personal join link (the web page
 * and its API), a speaker's or co-organizer's invitation, better-auth's password-reset link.
 * These are the paths of web pages and of better-auth, which answer under catch-all routes; the
 * API's own routes are covered by their parameter names as well.
 */
const SECRET_SEGMENTS: ReadonlyArray<{ prefix: string; name: string }> = [
  { prefix: '/j/', name: ':secret' },
  { prefix: '/speak/', name: ':secret' },
  { prefix: '/invitations/', name: ':secret' },
  { prefix: '/api/registrations/', name: ':secret' },
  { prefix: '/api/session-invitations/', name: ':secret' },
  { prefix: '/api/organizer-invitations/', name: ':secret' },
  { prefix: '/api/auth/reset-password/', name: ':token' },
];

/** Route parameters that hold secrets, in any route: `{secret}`, `{token}` and the like. */
const SECRET_PARAMETER = /secret|token/i;

/** Shorter parameter values are no secrets (and replacing them could garble the path). */
const SHORTEST_SECRET = 16;

/**
 * The request's path as logs may keep it: every secret replaced by the name of what it is
 * (`/j/:secret`, `/api/auth/reset-password/:token`). The query string is never logged (media
 * links carry `?token=` there). Call after `next()`: the parameters are the answering route's.
 */
export function pathForLogs(c: Context<AppEnv>): string {
  let path = c.req.path;
  for (const [name, value] of Object.entries(answeringParams(c))) {
    if (!SECRET_PARAMETER.test(name) || value.length < SHORTEST_SECRET) continue;
    path = path.split(value).join(`:${name}`).split(encodeURIComponent(value)).join(`:${name}`);
  }
  const lower = path.toLowerCase();
  for (const { prefix, name } of SECRET_SEGMENTS) {
    if (!lower.startsWith(prefix)) continue;
    const end = path.indexOf('/', prefix.length);
    const rest = end === -1 ? '' : path.slice(end);
    if (end !== prefix.length) path = `${path.slice(0, prefix.length)}${name}${rest}`;
  }
  return path;
}

function answeringParams(c: Context<AppEnv>): Record<string, string> {
  try {
    return c.req.param() as Record<string, string>;
  } catch {
    // A request no route matched has no parameters to read.
    return {};
  }
}
