import { problemSchema } from '@serambi/shared';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppEnv } from './env.ts';
import { AppError } from './errors.ts';
import { handleApiNotFound, handleError } from './problem.ts';

/** A small app with the one error handler, throwing what each path names; the log is kept to read. */
function anApp(locale: 'id' | 'en' = 'en') {
  const logged: { level: string; message: string }[] = [];
  const log = {
    warn: (_: unknown, message: string) => logged.push({ level: 'warn', message }),
    error: (_: unknown, message: string) => logged.push({ level: 'error', message }),
  };
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('locale', locale);
      c.set('requestId', 'req-1');
      c.set('log', log as never);
      await next();
    })
    .get('/app-error', () => {
      throw new AppError(409, 'room_not_live', 'problems.roomNotLive');
    })
    .get('/slow-down', () => {
      throw new AppError(429, 'rate_limited', 'problems.rateLimited', { params: { seconds: 2.2, minutes: 1 } });
    })
    .get('/fields', () => {
      throw AppError.validation([{ path: 'doorsOpenAt', message: 'validation.doorsOpen', params: { hours: 3 } }]);
    })
    .get('/zod', (c) => c.json(z.object({ title: z.string() }).parse({})))
    .get('/not-json', () => {
      throw new HTTPException(400);
    })
    .get('/nul', () => {
      throw new Error('Failed query', { cause: { code: '22021' } });
    })
    .get('/db-down', () => {
      throw new Error('Failed query', { cause: { code: 'ECONNREFUSED' } });
    })
    .get('/bug', () => {
      throw new Error('secret internals: password=hunter2');
    });
  app.onError(handleError);
  app.notFound(handleApiNotFound);
  return { app, logged };
}

async function problemAt(path: string, locale: 'id' | 'en' = 'en') {
  const { app, logged } = anApp(locale);
  const response = await app.request(path);
  // Read through the shared schema: every answer here must be problem details in the first place.
  return { response, body: problemSchema.parse(await response.json()), logged };
}

describe('every error answers as problem+json', () => {
  it('answers an AppError with its status, stable code and message in the caller’s language', async () => {
    const { response, body } = await problemAt('/app-error');
    expect(response.status).toBe(409);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(body).toMatchObject({
      type: 'urn:serambi:problem:room_not_live',
      title: 'Conflict',
      status: 409,
      code: 'room_not_live',
      instance: '/app-error',
      requestId: 'req-1',
    });
    expect(body.detail).toEqual(expect.any(String));
    const inIndonesian = await problemAt('/app-error', 'id');
    expect(inIndonesian.body.detail).not.toBe(body.detail);
  });

  it('tells a client held back how long to wait in Retry-After, rounded up to whole seconds', async () => {
    const { response } = await problemAt('/slow-down');
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('3');
  });

  it('translates each field error that is a message key, with its parameters', async () => {
    const { body } = await problemAt('/fields');
    expect(body.status).toBe(422);
    expect(body.errors).toEqual([{ path: 'doorsOpenAt', message: expect.stringContaining('3') }]);
    expect(body.errors?.[0]?.message).not.toBe('validation.doorsOpen');
  });

  it('answers a schema’s refusal as 422 with the field that failed', async () => {
    const { body } = await problemAt('/zod');
    expect(body).toMatchObject({ status: 422, code: 'validation', errors: [{ path: 'title' }] });
  });

  it('answers a body that is not JSON as 400 malformed_body', async () => {
    expect((await problemAt('/not-json')).body).toMatchObject({ status: 400, code: 'malformed_body' });
  });

  it('answers text the database cannot store as 422, not 500', async () => {
    expect((await problemAt('/nul')).body).toMatchObject({ status: 422, code: 'unstorable_text' });
  });

  it('answers a database that is down as 503 with Retry-After, logged as a warning only', async () => {
    const { response, body, logged } = await problemAt('/db-down');
    expect(body).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(response.headers.get('Retry-After')).toBe('5');
    expect(logged.map((entry) => entry.level)).toEqual(['warn']);
  });

  it('answers an unexpected error as a plain 500 without internals, and logs it as an error', async () => {
    const { response, body, logged } = await problemAt('/bug');
    expect(response.status).toBe(500);
    expect(body).toMatchObject({ code: 'internal', status: 500, requestId: 'req-1' });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(logged).toEqual([{ level: 'error', message: 'unhandled error' }]);
  });

  it('answers a path no route serves as 404 route_not_found', async () => {
    const { response, body } = await problemAt('/nowhere');
    expect(response.status).toBe(404);
    expect(body).toMatchObject({ code: 'route_not_found', instance: '/nowhere' });
  });
});
