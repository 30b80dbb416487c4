import { createRoute, OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE, problemSchema } from '@serambi/shared';
import { MAX_BODY_BYTES } from './body-limit.ts';
import type { AppEnv } from './env.ts';
import { AppError } from './errors.ts';
import { fieldErrors } from './problem.ts';

/**
 * A router whose invalid requests become 422 problem details naming each field. Every
 * capability builds its routes with this, so validation answers look the same everywhere.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) throw AppError.validation(fieldErrors(result.error, c.get('locale')));
    },
  });
}

/**
 * An API route (`createRoute` of @hono/zod-openapi) whose OpenAPI description also lists the
 * refusals any route gives by what it is, not by what it does: those of the middleware in front
 * of it (`sharedAnswers`) and of its input (`inputAnswers`). A route declares only what it does
 * itself: who may (401, 403), what it finds (404), what state it needs (409), its limits (429),
 * the services it calls (503, 507). The fuzz checks that together they name every status an
 * operation answers (test/integration/fuzz.test.ts).
 */
export function apiRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(route: R) {
  // Typed as declared: the added answers are all problems, which the typed client never reads.
  return createRoute<P, R>({ ...route, responses: withStandardAnswers(route) });
}

type Responses = RouteConfig['responses'];
/** The methods the CSRF check lets through and that carry no body (csrf.ts). */
const READ_ONLY_METHODS: readonly string[] = ['get', 'head', 'options'];
type ResponseEntry = Responses[string];

/**
 * What the middleware in front of every API route can refuse (app.ts): a cause added to what a
 * route says about the same status, because the route cannot know of it.
 */
function sharedAnswers(route: Pick<RouteConfig, 'method'>): Record<number, string> {
  const answers: Record<number, string> = {
    // The session cookie is read from the database before any route runs.
    503: 'the database cannot be reached for a moment (Retry-After says when to try again)',
  };
  if (!READ_ONLY_METHODS.includes(route.method)) {
    answers[403] = "the session cookie came with a request from another site's page (its Origin is not this app's)";
    answers[413] = `the request body is over ${MAX_BODY_BYTES / (1024 * 1024)} MiB`;
  }
  return answers;
}

/**
 * The refusals of a route's input, by what it takes: used where the route does not describe
 * them itself (its own words say better which field or thing it means).
 */
function inputAnswers(route: Pick<RouteConfig, 'request' | 'path'>): Record<number, string> {
  const { params, query, body } = route.request ?? {};
  const answers: Record<number, string> = {};
  const takes = [params && 'a path parameter', query && 'a query parameter', body && 'a field of the body'].filter(
    (part): part is string => typeof part === 'string',
  );
  if (body) answers[400] = 'The body is not valid JSON';
  if (takes.length > 0) {
    answers[422] = `${sentence(takes.join(' or '))} is not valid (\`errors\` names each) or holds text that cannot be stored (a NUL character)`;
  }
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  if (names.length > 0) answers[404] = `Nothing found for this ${names.join(' and ')} (or nothing you may see)`;
  return answers;
}

/** The route's own responses, with the shared and input answers added. */
function withStandardAnswers(route: Omit<RouteConfig, 'path'> & { path: string }): Responses {
  const responses: Responses = { ...route.responses };
  for (const [status, description] of Object.entries(inputAnswers(route))) {
    responses[status] ??= problem(description);
  }
  for (const [status, cause] of Object.entries(sharedAnswers(route))) {
    const own = responses[status];
    responses[status] = own ? alsoWhen(own, cause) : problem(sentence(cause));
  }
  return responses;
}

/** A declared response that the shared machinery can also give, for its own cause: as problem details. */
function alsoWhen(own: ResponseEntry, cause: string): ResponseEntry {
  if ('$ref' in own) throw new Error('apiRoute: a response given by reference cannot be extended');
  return {
    ...own,
    description: `${own.description}; or ${cause}`,
    content: { ...own.content, [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
  };
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An OpenAPI response entry for a problem-details answer. */
export function problem(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } };
}

/** An OpenAPI response entry for a JSON answer. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

/** The answers of an organizers-only route to everyone else. */
export const organizersOnly = {
  401: problem('Not signed in'),
  403: problem('Not an organizer of this community'),
};
