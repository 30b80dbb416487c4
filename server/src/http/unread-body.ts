import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * Closes the connection after an answer given without reading the request's body (a refusal
 * on the path, the sign-in or the size). The Node adapter then drains the unread body for a
 * moment and cuts the socket, while the client, told "keep-alive", has already sent its next
 * request on it: that request failed with "other side closed" (seen with bodies of ~64 KB and
 * more). Saying `Connection: close` makes the client open a new connection instead.
 */
export const closeWhenBodyUnread: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.req.raw.body && !c.req.raw.bodyUsed) c.header('Connection', 'close');
};
