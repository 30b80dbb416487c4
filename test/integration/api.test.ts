import { RoomServiceClient, type WebhookEvent } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lintErrors, refusalsNotAsProblems } from '../support/openapi-lint.ts';

describe.each(['pglite', 'postgres'] as const)('the API on %s', (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ database });
  });
  afterAll(() => app?.stop());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });

  it('reports the database and LiveKit healthy', async () => {
    const response = await get('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: 'ok', livekit: 'ok' });
  });

  it('answers an invalid parameter with problem details naming the field, in the caller’s language', async () => {
    const response = await get('/api/communities/Not%20A%20Slug', { 'Accept-Language': 'en-US' });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = await response.json();
    expect(body).toMatchObject({
      status: 422,
      code: 'validation',
      detail: 'The request is not valid. Check the fields listed and try again.',
      errors: [{ path: 'slug' }],
    });
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('says not found in Indonesian by default, for a missing community and an unknown API path', async () => {
    const missing = await get('/api/communities/tidak-ada');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found', detail: 'Yang Anda cari tidak ditemukan.' });
    const unknown = await get('/api/tidak/ada');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'route_not_found' });
  });

  it('gives every response a request id, and keeps a sane one the caller sent', async () => {
    expect((await get('/api/health')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await get('/api/health', { 'X-Request-Id': 'trace-42' })).headers.get('x-request-id')).toBe('trace-42');
  });

  it('publishes an OpenAPI 3.1 document of its routes and a readable reference', async () => {
    const doc = await (await get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/communities/{slug}']));
    expect(doc.components.schemas).toHaveProperty('Problem');
    const docs = await get('/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/docs/init.js');
    expect(await (await get('/api/docs/init.js')).text()).toContain("url: '/api/openapi.json'");
    expect((await get('/api/docs/swagger-ui-bundle.js')).status).toBe(200);
  });

  // The document does not depend on the database: it is read once.
  it.runIf(database === 'pglite')(
    'publishes a document an independent OpenAPI linter finds valid, every refusal in it as problem details',
    async () => {
      const doc = await (await get('/api/openapi.json')).json();
      expect(await lintErrors(doc)).toEqual([]);
      expect(refusalsNotAsProblems(doc)).toEqual([]);
    },
  );

  it('refuses a webhook whose signature is not LiveKit’s', async () => {
    const response = await fetch(`${app.url}/api/livekit/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/webhook+json', Authorization: 'forged' },
      body: JSON.stringify({ event: 'room_started' }),
    });
    expect(response.status).toBe(401);
    expect((await response.json()).code).toBe('webhook_signature');
  });

  it('receives LiveKit’s signed webhooks from its own LiveKit server', async () => {
    const started = new Promise<WebhookEvent>((resolve) => {
      const off = app.context.liveKitEvents.on('room_started', (event) => {
        if (event.room?.name === `webhook-${database}`) {
          off();
          resolve(event);
        }
      });
    });
    const rooms = new RoomServiceClient(
      app.liveKit.url.replace(/^ws/, 'http'),
      app.liveKit.apiKey,
      app.liveKit.apiSecret,
    );
    await rooms.createRoom({ name: `webhook-${database}` });
    expect((await started).room?.name).toBe(`webhook-${database}`);
  });
});
