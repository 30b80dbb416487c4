import { randomBytes } from 'node:crypto';
import { users } from '@serambi/server/accounts/schema.ts';
import { eq } from 'drizzle-orm';
import type { TestApp } from './app.ts';

/** A signed-in person as the tests drive them: their cookie goes with every request. */
export interface Caller {
  email: string;
  cookie: string | null;
  request(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
}

/** Calls the API as nobody in particular. */
export function anonymous(baseUrl: string): Caller {
  return callerWith(baseUrl, '', null);
}

/**
 * Signs a new person up through better-auth's real endpoint and keeps the session cookie. Their
 * address is not confirmed yet, as right after signing up: enough to run a community, not for
 * anything their address alone grants (entering as a registrant, accepting an organizer
 * invitation). Use `signUpConfirmed` for a person who followed the link.
 */
export async function signUp(baseUrl: string, input: { name?: string; email?: string; password?: string } = {}) {
  const email = input.email ?? `organizer-${randomBytes(4).toString('hex')}@example.id`;
  const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl },
    body: JSON.stringify({
      name: input.name ?? 'Ayu Lestari',
      email,
      password: input.password ?? 'kata-sandi-rahasia',
    }),
  });
  if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  return callerWith(baseUrl, email, sessionCookie(response));
}

/**
 * Signs a person up and confirms their address, as following the mailed link does; arranged in the
 * database (test/integration/email-confirmation.test.ts follows the real link).
 */
export async function signUpConfirmed(
  app: Pick<TestApp, 'url' | 'context'>,
  input: { name?: string; email?: string; password?: string } = {},
): Promise<Caller> {
  const caller = await signUp(app.url, input);
  await confirmEmail(app.context.db, caller.email);
  return caller;
}

/** Marks an account's address confirmed in the server's database, as following the mailed link does. */
export async function confirmEmail(db: TestApp['context']['db'], email: string): Promise<void> {
  const confirmed = await db
    .update(users)
    .set({ emailVerified: true })
    .where(eq(users.email, email.toLowerCase()))
    .returning({ id: users.id });
  if (confirmed.length !== 1) throw new Error(`no account of ${email} to confirm`);
}

export function sessionCookie(response: Response): string {
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  // With an https PUBLIC_URL (production) they carry the __Secure- prefix.
  const session = cookies.filter((c) => /^(__Secure-)?serambi\./.test(c));
  if (session.length === 0) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return session.join('; ');
}

/** A caller whose requests, with `cookie` when there is one, go to the server at `baseUrl`. */
export function callerWith(baseUrl: string, email: string, cookie: string | null): Caller {
  return {
    email,
    cookie,
    request: (path, init = {}) =>
      fetch(`${baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          Origin: baseUrl,
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(cookie ? { Cookie: cookie } : {}),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
  };
}
