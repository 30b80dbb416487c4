import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE, problemSchema } from '@serambi/shared';
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
