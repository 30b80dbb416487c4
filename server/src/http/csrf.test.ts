import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { appOrigins, sameOriginMutations } from './csrf.ts';
import type { AppEnv } from './env.ts';
import { handleError } from './problem.ts';

/** One cookie-authorized endpoint behind the check, for the app at PUBLIC_URL in `mode`. */
function appIn(mode: 'development' | 'production') {
  const origins = appOrigins({ production: mode === 'production', publicUrl: 'https://serambi.example' });
  return new Hono<AppEnv>()
    .use('*', sameOriginMutations(origins))
    .post('/api/change', (c) => c.text('done'))
    .get('/api/read', (c) => c.text('read'))
    .onError(handleError);
}

const withCookie = (headers: Record<string, string>, cookie = 'serambi.session_token=abc') => ({
  method: 'POST',
  headers: { Cookie: cookie, Host: 'serambi.example', ...headers },
});

describe('changes authorized by the session cookie', () => {
  it('come only from the app: PUBLIC_URL or the host they were sent to', async () => {
    const app = appIn('production');
    expect((await app.request('/api/change', withCookie({ Origin: 'https://serambi.example' }))).status).toBe(200);
    expect((await app.request('/api/change', withCookie({ Origin: 'https://evil.example' }))).status).toBe(403);
    expect(
      (await app.request('/api/change', withCookie({ Origin: 'https://serambi.example.evil.example' }))).status,
    ).toBe(403);
    expect((await app.request('/api/change', withCookie({ Origin: 'null' }))).status).toBe(403);
  });

  it('also with the __Secure- cookie of an https deployment', async () => {
    const request = withCookie({ Origin: 'https://evil.example' }, '__Secure-serambi.session_token=abc');
    expect((await appIn('production').request('/api/change', request)).status).toBe(403);
  });

  it("accept Vite's dev server in development only", async () => {
    const fromVite = withCookie({ Origin: 'http://localhost:5173' });
    expect((await appIn('development').request('/api/change', fromVite)).status).toBe(200);
    expect((await appIn('production').request('/api/change', fromVite)).status).toBe(403);
  });

  it('leave reads, cookieless requests and other cookies alone', async () => {
    const app = appIn('production');
    expect(
      (
        await app.request('/api/read', {
          headers: { Cookie: 'serambi.session_token=abc', Origin: 'https://evil.example' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await app.request('/api/change', { method: 'POST', headers: { Origin: 'https://evil.example' } })).status,
    ).toBe(200);
    expect(
      (await app.request('/api/change', withCookie({ Origin: 'https://evil.example' }, 'theme=dark'))).status,
    ).toBe(200);
  });
});
