import { negotiateLocale } from '@serambi/shared';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { AppEnv } from './env.ts';
import { pathForLogs } from './log-path.ts';

/**
 * Gives every request a logger bound to its request id (set by hono/request-id before this),
 * the caller's language, and one access-log line when it ends. The line names the route that
 * answered (`/api/registrations/:secret`) and the path with its secrets left out
 * (`/j/:secret`): personal links, invitations and reset tokens are bearer secrets, and logs
 * travel to more people and places than the database does.
 */
export function requestContext(log: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const requestLog = log.child({ requestId: c.get('requestId') });
    c.set('log', requestLog);
    c.set('locale', negotiateLocale(c.req.header('Accept-Language')));
    await next();
    const level = c.res.status >= 500 ? 'error' : 'info';
    requestLog[level](
      {
        method: c.req.method,
        // After next(), the route index points at the handler that answered.
        route: routePath(c) || undefined,
        path: pathForLogs(c),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
}
