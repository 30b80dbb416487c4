import type { MessageKey } from '@serambi/shared/i18n';

export interface FieldError {
  path: string;
  /** Already in the caller's language, or a message key translated when the problem is answered. */
  message: string;
  params?: Record<string, string | number>;
}

/**
 * The one error type services and routes throw. The problem handler turns it into
 * `application/problem+json` with the message in the caller's language.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 416 | 422 | 429 | 502 | 503 | 507,
    /** Stable, machine-readable; clients switch on it. */
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly extra: { params?: Record<string, string | number>; errors?: FieldError[] } = {},
  ) {
    super(`${code}: ${messageKey}`);
  }

  static notFound(): AppError {
    return new AppError(404, 'not_found', 'problems.notFound');
  }

  static validation(errors: FieldError[]): AppError {
    return new AppError(422, 'validation', 'problems.validation', { errors });
  }

  static conflict(messageKey: MessageKey = 'problems.conflict', params?: Record<string, string | number>): AppError {
    return new AppError(409, 'conflict', messageKey, params ? { params } : {});
  }
}
