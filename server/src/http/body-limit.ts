import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './env.ts';
import { AppError } from './errors.ts';

/** The largest request body any API route reads (but the streamed uploads); the OpenAPI document says so on every 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

const limitToMax = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => {
    // The rest of the body is never read: the connection cannot carry another request, and a
    // client that reuses it (keep-alive) would see its next request cut off.
    c.header('Connection', 'close');
    throw new AppError(413, 'payload_too_large', 'problems.payloadTooLarge');
  },
});

/**
 * Refuses a request whose body is over MAX_BODY_BYTES with a 413 problem, except on the routes
 * that stream their body to disk (a session's materials), which count and refuse it themselves
 * against their own, larger limit, without holding it in memory.
 */
export function limitBodySize(options: { streamedUploads: RegExp[] }): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    if (c.req.method === 'POST' && options.streamedUploads.some((path) => path.test(c.req.path))) return next();
    return limitToMax(c, next);
  };
}
