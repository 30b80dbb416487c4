import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signs what a short-lived address grants (a subject such as `<recording id>.play`) until an
 * expiry, and checks it: the HMAC of `<subject>.<expires>`, as `<expires>.<signature>`. Recordings'
 * media links and materials' download links both use it, each with subjects of its own.
 */
export interface LinkSigner {
  /** A token granting `subject` until `expiresAt` (seconds since the epoch). */
  token(subject: string, expiresAt: number): string;
  /** True when `token` grants `subject` at `now`. */
  check(subject: string, token: string | undefined, now: Date): boolean;
}

export function createLinkSigner(secret: string): LinkSigner {
  const sign = (subject: string, expires: number) =>
    createHmac('sha256', secret).update(`${subject}.${expires}`).digest('base64url');
  return {
    token: (subject, expiresAt) => `${expiresAt}.${sign(subject, expiresAt)}`,
    check(subject, token, now) {
      const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
      if (!match) return false;
      const expires = Number(match[1]);
      if (expires * 1000 < now.getTime()) return false;
      const expected = Buffer.from(sign(subject, expires));
      const given = Buffer.from(match[2] ?? '');
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
