import { randomBytes } from 'node:crypto';

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

/** Signs a new organizer up through better-auth's real endpoint and keeps the session cookie. */
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

export function sessionCookie(response: Response): string {
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const session = cookies.filter((c) => c.startsWith('serambi.'));
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
