import { z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { apiRoute, createRouter, jsonBody, jsonResponse, problem } from './openapi.ts';

const thing = z.object({ name: z.string() });

/** The responses the served document gives the one operation of `route`. */
function responsesOf(route: ReturnType<typeof apiRoute>) {
  const router = createRouter();
  router.openapi(route, (c) => c.body(null, 204));
  const document = router.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'test', version: '1' } });
  const operation = document.paths?.[route.path]?.[route.method as 'get'];
  return (operation?.responses ?? {}) as Record<string, { description: string; content?: Record<string, unknown> }>;
}

describe('an API route in the OpenAPI document', () => {
  it('is said to refuse what its input and the shared middleware can refuse, each as problem details', () => {
    const responses = responsesOf(
      apiRoute({
        method: 'patch',
        path: '/things/{id}',
        request: { params: z.object({ id: z.string() }), body: jsonBody(thing) },
        responses: { 200: jsonResponse(thing, 'The thing') },
      }),
    );
    expect(Object.keys(responses)).toEqual(['200', '400', '403', '404', '413', '422', '503']);
    for (const status of ['400', '403', '404', '413', '422', '503']) {
      expect(Object.keys(responses[status]?.content ?? {}), status).toEqual([PROBLEM_CONTENT_TYPE]);
    }
    expect(responses[400]?.description).toBe('The body is not valid JSON');
    expect(responses[413]?.description).toBe('The request body is over 1 MiB');
    expect(responses[422]?.description).toMatch(/^A path parameter or a field of the body is not valid/);
    expect(responses[404]?.description).toBe('Nothing found for this id (or nothing you may see)');
  });

  it('that takes nothing and only reads is said to refuse only when the database is down', () => {
    const responses = responsesOf(
      apiRoute({ method: 'get', path: '/things', responses: { 200: jsonResponse(z.array(thing), 'Things') } }),
    );
    expect(Object.keys(responses)).toEqual(['200', '503']);
    expect(responses[503]?.description).toMatch(/^The database cannot be reached/);
  });

  it('keeps what the route says of its input, and adds the causes of the middleware to its own', () => {
    const responses = responsesOf(
      apiRoute({
        method: 'post',
        path: '/things/{id}/rename',
        request: { params: z.object({ id: z.string() }), body: jsonBody(thing) },
        responses: {
          204: { description: 'Renamed' },
          403: problem('Not the owner of this thing'),
          404: problem('No such thing'),
          422: problem('The name is empty'),
          503: problem('The naming service cannot be reached'),
        },
      }),
    );
    expect(responses[404]?.description).toBe('No such thing');
    expect(responses[422]?.description).toBe('The name is empty');
    expect(responses[403]?.description).toMatch(
      /^Not the owner of this thing; or the session cookie came with a request/,
    );
    expect(responses[503]?.description).toMatch(
      /^The naming service cannot be reached; or the database cannot be reached/,
    );
  });
});
