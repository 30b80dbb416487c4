import { negotiateLocale } from '@serambi/shared';
import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import type { AppEnv } from './env.ts';

/**
 * Gives every request a logger bound to its request id (set by hono/request-id before this),
 * the caller's language, and one access-log line when it ends.
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
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
}
