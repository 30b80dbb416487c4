import type { Locale } from '@serambi/shared';
import { preferredLocale } from '../i18n/locale-preference.ts';

/**
 * better-auth's endpoints under /api/auth, as plain typed calls: its own client would add more
 * to every page than these few requests need. The session lives in an HttpOnly cookie.
 */

export interface AccountUser {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
}

/**
 * A refusal of better-auth: its stable `code` (e.g. INVALID_EMAIL_OR_PASSWORD) and its English
 * message; or our own problem in front of it (a limit, code `rate_limited`), whose message is
 * the problem's `detail` in the reader's language.
 */
export class AuthProblem extends Error {
  override readonly name = 'AuthProblem';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const AUTH_BASE = '/api/auth';

async function callAuth<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${AUTH_BASE}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'Accept-Language': preferredLocale(),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const json: unknown = (response.headers.get('Content-Type') ?? '').includes('json') ? await response.json() : null;
  if (!response.ok) {
    const { code, message, detail } = (json ?? {}) as { code?: unknown; message?: unknown; detail?: unknown };
    throw new AuthProblem(
      response.status,
      typeof code === 'string' ? code : `HTTP_${response.status}`,
      typeof detail === 'string'
        ? detail
        : typeof message === 'string'
          ? message
          : `better-auth answered ${response.status}`,
    );
  }
  return json as T;
}

/** The signed-in person, or null. */
export async function fetchCurrentUser(): Promise<AccountUser | null> {
  const session = await callAuth<{ user: AccountUser } | null>('/get-session');
  return session?.user ?? null;
}

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  /** The language of the mails this person gets. */
  locale: Locale;
  /** Where the confirmation link in the sign-up mail brings them: a path on this site. */
  callbackURL?: string;
}

export async function signUp(input: SignUpInput): Promise<AccountUser> {
  return (await callAuth<{ user: AccountUser }>('/sign-up/email', input)).user;
}

export async function signIn(input: { email: string; password: string }): Promise<AccountUser> {
  return (await callAuth<{ user: AccountUser }>('/sign-in/email', input)).user;
}

export async function signOut(): Promise<void> {
  await callAuth('/sign-out', {});
}

/** Mails a reset link; the link passes through better-auth and lands on /reset-password?token=…. */
export async function requestPasswordReset(email: string): Promise<void> {
  await callAuth('/request-password-reset', { email, redirectTo: `${location.origin}/reset-password` });
}

export async function resetPassword(input: { token: string; newPassword: string }): Promise<void> {
  await callAuth('/reset-password', input);
}

/**
 * Mails the signed-in person a new link to confirm their address (better-auth's own mail); the
 * link confirms it and brings them back to `returnTo`, a path on this site.
 */
export async function resendConfirmation(input: { email: string; returnTo: string }): Promise<void> {
  await callAuth('/send-verification-email', { email: input.email, callbackURL: input.returnTo });
}
