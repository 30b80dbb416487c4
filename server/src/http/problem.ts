import { type Locale, PROBLEM_CONTENT_TYPE, type Problem } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { isMessageKey, localizeIssue } from '@serambi/shared/i18n/validation';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { isDatabaseUnavailable, isUnstorableText } from '../db/errors.ts';
import type { AppEnv } from './env.ts';
import { AppError } from './errors.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
};

export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  const locale = c.get('locale') ?? 'id';
  // Every 429 says how long to wait in its params; clients and proxies read it from Retry-After.
  const wait = error.extra.params?.seconds;
  if (error.status === 429 && typeof wait === 'number') c.header('Retry-After', String(Math.max(1, Math.ceil(wait))));
  const body: Problem = {
    type: `urn:serambi:problem:${error.code}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    detail: translate(locale, error.messageKey, error.extra.params),
    code: error.code,
    instance: c.req.path,
    requestId: c.get('requestId'),
    ...(error.extra.errors
      ? {
          errors: error.extra.errors.map(({ path, message, params }) => ({
            path,
            message: isMessageKey(message) ? translate(locale, message, params) : message,
          })),
        }
      : {}),
  };
  return c.body(JSON.stringify(body), error.status, { 'Content-Type': PROBLEM_CONTENT_TYPE });
}

/** Turns every thrown error into problem details; unexpected ones are logged and answered without internals. */
export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof AppError) return problemResponse(c, error);
  if (error instanceof z.ZodError) {
    return problemResponse(c, AppError.validation(fieldErrors(error, c.get('locale') ?? 'id')));
  }
  if (error instanceof HTTPException) {
    return problemResponse(c, fromHttpException(error));
  }
  if (isUnstorableText(error)) {
    return problemResponse(c, new AppError(422, 'unstorable_text', 'problems.unstorableText'));
  }
  if (isDatabaseUnavailable(error)) {
    // Not a bug to investigate per request: /api/health and the pool's own log say it is down.
    c.get('log')?.warn({ err: error }, 'database unavailable');
    c.header('Retry-After', '5');
    return problemResponse(c, new AppError(503, 'database_unavailable', 'problems.databaseUnavailable'));
  }
  c.get('log')?.error({ err: error }, 'unhandled error');
  const locale = c.get('locale') ?? 'id';
  const body: Problem = {
    type: 'urn:serambi:problem:internal',
    title: TITLES[500] as string,
    status: 500,
    detail: translate(locale, 'problems.internal'),
    code: 'internal',
    requestId: c.get('requestId'),
  };
  return c.body(JSON.stringify(body), 500, { 'Content-Type': PROBLEM_CONTENT_TYPE });
};

function fromHttpException(error: HTTPException): AppError {
  switch (error.status) {
    case 400:
      // Hono's validators throw 400 for a body that is not JSON.
      return new AppError(400, 'malformed_body', 'problems.malformedJson');
    case 401:
      return new AppError(401, 'unauthorized', 'problems.unauthorized');
    case 403:
      return new AppError(403, 'forbidden', 'problems.forbidden');
    case 404:
      return AppError.notFound();
    case 413:
      return new AppError(413, 'payload_too_large', 'problems.payloadTooLarge');
    default:
      return new AppError(400, 'bad_request', 'problems.validation');
  }
}

export const handleApiNotFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(c, new AppError(404, 'route_not_found', 'problems.routeNotFound'));

/** Every invalid field with a message in the caller's language. */
export function fieldErrors(error: z.ZodError, locale: Locale): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: localizeIssue(issue, locale),
  }));
}
