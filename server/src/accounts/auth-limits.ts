import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import type { MailKind, MailLimits } from '../http/mail-limits.ts';
import { problemResponse } from '../http/problem.ts';
import { tooManyRequests } from '../http/rate-limit.ts';

/**
 * better-auth's endpoints that mail an address the caller names. better-auth limits them per
 * client (3 a minute, counted in `rate_limits`), not per recipient: many clients could still
 * bury one inbox. Here each gets the recipient limit every mail has (once in five minutes).
 */
const MAILING: Record<string, MailKind> = {
  '/api/auth/request-password-reset': 'password-reset',
  '/api/auth/send-verification-email': 'email-verification',
};
const SIGN_UP = '/api/auth/sign-up/email';

/**
 * Wraps the hand-over to better-auth (`forward`):
 * - a reset link or a confirmation mail asked for an address is counted before better-auth
 *   looks the address up, so the answer (200, or 429 within five minutes) is the same whether
 *   or not an account has it: the limit tells nobody which addresses have accounts. The 429 is
 *   answered rather than a silent 200 because the first mail did go out, and its link still
 *   works for an hour: the person is told to look for it instead of waiting for one that never
 *   comes. A request better-auth refuses gives its count back.
 * - a sign-up's confirmation mail is counted too (never refused), so "send it again" right
 *   after signing up waits like any second mail.
 * - better-auth's own 429 (its per-client limits) becomes our problem+json, with Retry-After
 *   and a message in the caller's language.
 */
export function accountMailLimits(limits: MailLimits) {
  return async (c: Context<AppEnv>, forward: (request: Request) => Promise<Response>): Promise<Response> => {
    const path = c.req.path.replace(/\/+$/, '');
    const kind = c.req.method === 'POST' ? MAILING[path] : undefined;
    const signUp = c.req.method === 'POST' && path === SIGN_UP;
    const email = kind || signUp ? await emailIn(c.req.raw) : undefined;
    const counted = kind && email ? await limits.count({ mails: [{ kind, to: email }] }) : undefined;
    const response = await forward(c.req.raw);
    if (counted && !response.ok) await counted.giveBack();
    if (signUp && email && response.ok) await limits.note([{ kind: 'email-verification', to: email }]);
    if (response.status === 429) {
      const seconds = Number(response.headers.get('X-Retry-After'));
      return problemResponse(c, tooManyRequests(Number.isFinite(seconds) && seconds > 0 ? seconds : 60));
    }
    return response;
  };
}

/** The `email` of a JSON body, read from a copy so better-auth still gets the body; none when there is none. */
async function emailIn(request: Request): Promise<string | undefined> {
  const body: unknown = await request
    .clone()
    .json()
    .catch(() => undefined);
  if (typeof body !== 'object' || body === null || !('email' in body)) return undefined;
  return typeof body.email === 'string' && body.email.includes('@') ? body.email : undefined;
}
