import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './env.ts';
import { pathForLogs } from './log-path.ts';

const secret = 'Zx8kQ2mN7pL4vB9cR1sT';

/** What the log would keep of a request to `path`, answered by a route like the app's. */
async function loggedPath(path: string): Promise<string> {
  let logged = '';
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      await next();
      logged = pathForLogs(c);
    })
    .get('/api/sessions/:ref/recordings/:id/media', (c) => c.text('ok'))
    .get('/api/things/:token/view', (c) => c.text('ok'))
    .get('/api/things/:id', (c) => c.text('ok'))
    .get('*', (c) => c.text('page'));
  await app.request(path);
  return logged;
}

describe('the path a log keeps', () => {
  it.each([
    [`/j/${secret}`, '/j/:secret'],
    [`/j/${secret}/feedback`, '/j/:secret/feedback'],
    [`/speak/${secret}`, '/speak/:secret'],
    [`/invitations/${secret}`, '/invitations/:secret'],
    [`/api/registrations/${secret}/certificates`, '/api/registrations/:secret/certificates'],
    [`/api/session-invitations/${secret}/accept`, '/api/session-invitations/:secret/accept'],
    [`/api/organizer-invitations/${secret}`, '/api/organizer-invitations/:secret'],
    [`/api/auth/reset-password/${secret}`, '/api/auth/reset-password/:token'],
  ])('hides the secret of %s', async (path, kept) => {
    expect(await loggedPath(path)).toBe(kept);
  });

  it('hides a secret segment whatever the case of its prefix', async () => {
    expect(await loggedPath(`/J/${secret}`)).toBe('/J/:secret');
  });

  it('hides a route parameter named as a secret, wherever the route puts it', async () => {
    expect(await loggedPath(`/api/things/${secret}/view`)).toBe('/api/things/:token/view');
  });

  it('keeps parameters that are no secrets, such as ids and slugs', async () => {
    const id = '0b6c1c52-5d0f-4a55-9a0c-1f3c1f0e9b11';
    expect(await loggedPath(`/api/things/${id}`)).toBe(`/api/things/${id}`);
    expect(await loggedPath(`/api/sessions/sharing-3/recordings/${id}/media`)).toBe(
      `/api/sessions/sharing-3/recordings/${id}/media`,
    );
  });

  it('never keeps the query string, where media links carry their token', async () => {
    expect(await loggedPath(`/api/sessions/s/recordings/r/media?token=${secret}`)).toBe(
      '/api/sessions/s/recordings/r/media',
    );
  });
});
