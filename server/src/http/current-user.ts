import { createMiddleware } from 'hono/factory';
import type { Auth } from '../accounts/auth.ts';
import type { AppEnv, SessionUser } from './env.ts';
import { AppError } from './errors.ts';

/** Reads the session cookie once per API request; `user` is null for anonymous callers. */
export function currentUser(auth: Auth) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const session = await auth.api.getSession({ headers: c.req.raw.headers });
    c.set('user', session ? toSessionUser(session.user) : null);
    await next();
  });
}

/** The signed-in caller, or a 401 that says to sign in. */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError(401, 'unauthorized', 'problems.unauthorized');
  return user;
}

function toSessionUser(user: { id: string; email: string; name: string; emailVerified: boolean }): SessionUser {
  return { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified };
}
