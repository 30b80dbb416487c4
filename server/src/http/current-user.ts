import { createMiddleware } from 'hono/factory';
import type { AppEnv, SessionUser } from './env.ts';
import { AppError } from './errors.ts';

/**
 * Who a request's session cookie names, if anyone: the one thing this middleware asks of
 * accounts (better-auth's `getSession`, given where the app is composed).
 */
export type SessionLookup = (
  headers: Headers,
) => Promise<{ user: { id: string; email: string; name: string; emailVerified: boolean } } | null>;

/**
 * Reads the session cookie once per API request; `user` is null for anonymous callers. A request
 * without cookies (a personal link's join, a room call with its ticket) has no session to look
 * up: the lookup is not asked (accounts sign in by cookie only).
 */
export function currentUser(lookup: SessionLookup) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const session = c.req.raw.headers.has('cookie') ? await lookup(c.req.raw.headers) : null;
    c.set('user', session ? toSessionUser(session.user) : null);
    await next();
  });
}

/** The signed-in caller, or a 401 that says to sign in. */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError(401, 'unauthorized', 'problems.unauthorized');
  return user;
}

/**
 * The caller, when their address is confirmed. Whatever an account's address grants (a
 * registration made with it, an invitation sent to it) is theirs only once they have shown they
 * receive its mail: anyone can sign up with someone else's address. Otherwise a 403 that says
 * where the link went (better-auth's /api/auth/send-verification-email sends it again).
 */
export function requireConfirmedEmail(user: SessionUser): SessionUser {
  if (!user.emailVerified) throw emailUnconfirmed(user);
  return user;
}

export function emailUnconfirmed(user: Pick<SessionUser, 'email'>): AppError {
  return new AppError(403, 'email_unconfirmed', 'problems.emailUnconfirmed', { params: { email: user.email } });
}

function toSessionUser(user: { id: string; email: string; name: string; emailVerified: boolean }): SessionUser {
  return { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified };
}
