import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import { AppError } from './errors.ts';

/** Vite's dev server (`pnpm dev`) serves the web app from another origin in development. */
const DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

/** The origins the web app runs on: PUBLIC_URL, plus Vite's outside production. */
export function appOrigins(config: Pick<Config, 'production' | 'publicUrl'>): string[] {
  return [new URL(config.publicUrl).origin, ...(config.production ? [] : DEV_ORIGINS)];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** better-auth's session cookie, with or without the `__Secure-` prefix (PUBLIC_URL https). */
const SESSION_COOKIE = /(^|;\s*)(__Secure-)?serambi\.session_token=/;

/**
 * Cross-site request forgery defence for everything the session cookie authorizes. SameSite=Lax
 * already keeps the cookie off cross-site POSTs in current browsers; this check does not rely on
 * it. A state-changing request that carries the cookie must come from the app's own origin:
 * its `Origin` is one of `origins` or names the host it was sent to (the app as reached directly,
 * e.g. http://127.0.0.1:3000 while PUBLIC_URL says localhost; an attacker's page cannot send our
 * cookie to its own host). Without `Origin`, `Sec-Fetch-Site` must say same-origin (or "none": the
 * person typed it). A request with neither header is not from a browser, and forging a request
 * needs a victim's browser to attach the cookie, so it is let through (scripts, the tests).
 * Room tickets (bearer) and LiveKit's webhook carry no cookie and are not affected.
 */
export function sameOriginMutations(origins: string[]): MiddlewareHandler {
  const trusted = new Set(origins);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || !SESSION_COOKIE.test(c.req.header('Cookie') ?? '')) return next();
    if (!fromOwnOrigin(c.req.header('Origin'), c.req.header('Sec-Fetch-Site'), c.req.header('Host'), trusted)) {
      throw new AppError(403, 'cross_site_request', 'problems.crossSiteRequest');
    }
    return next();
  };
}

function fromOwnOrigin(
  origin: string | undefined,
  fetchSite: string | undefined,
  host: string | undefined,
  trusted: Set<string>,
): boolean {
  if (origin !== undefined) return trusted.has(origin) || (host !== undefined && hostOf(origin) === host);
  if (fetchSite !== undefined) return fetchSite === 'same-origin' || fetchSite === 'none';
  return true;
}

/** The host:port an origin names; "null" (sandboxed frames, some redirects) names none. */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
