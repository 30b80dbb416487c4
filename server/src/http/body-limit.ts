import { bodyLimit } from 'hono/body-limit';
import { AppError } from './errors.ts';

/** The largest request body any API route reads; the OpenAPI document says so on every 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Refuses a request whose body is over MAX_BODY_BYTES with a 413 problem. */
export const limitBodySize = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => {
    // The rest of the body is never read: the connection cannot carry another request, and a
    // client that reuses it (keep-alive) would see its next request cut off.
    c.header('Connection', 'close');
    throw new AppError(413, 'payload_too_large', 'problems.payloadTooLarge');
  },
});
