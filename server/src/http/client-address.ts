import type { Context } from 'hono';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * Who is asking, for per-client rate limits of public endpoints: the connection's address.
 * Behind a reverse proxy on the same machine every connection comes from loopback, so there
 * the last address the proxy appended to X-Forwarded-For names the client (an address a
 * client writes into the header itself comes earlier in the list and is not read).
 */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (!LOOPBACK.test(peer)) return peer;
  const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
  return forwarded || peer;
}
