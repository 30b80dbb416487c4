import type { MessageKey } from '@serambi/shared/i18n';
import { createSignal } from 'solid-js';
import { AuthProblem } from '../../api/auth.ts';
import { ApiProblem } from '../../api/problem.ts';
import type { MessageParams } from '../../i18n/I18nProvider.tsx';

/** Messages by dotted field path ("name", "answers.company", "questions.0.label"). */
export type FieldErrors = Readonly<Record<string, string>>;

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Field messages the API sent with a 422, by the same dotted paths. */
export function problemFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiProblem)) return {};
  const errors: Record<string, string> = {};
  for (const entry of error.problem?.errors ?? []) errors[entry.path] ??= entry.message;
  return errors;
}

/** What to say above a form whose request failed: the API's own words, or ours for better-auth and the network. */
export function problemMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiProblem) return error.problem?.detail ?? t('forms.serverError');
  // Our limits in front of better-auth say what happened and how long to wait, in the reader's language.
  if (error instanceof AuthProblem && error.code === 'rate_limited') return error.message;
  if (error instanceof AuthProblem) return t(authMessageKey(error));
  return t('forms.networkError');
}

const AUTH_MESSAGES: Readonly<Record<string, MessageKey>> = {
  INVALID_EMAIL_OR_PASSWORD: 'auth.errors.wrongPassword',
  INVALID_EMAIL: 'forms.email',
  PASSWORD_TOO_SHORT: 'auth.errors.passwordTooShort',
  PASSWORD_TOO_LONG: 'auth.errors.passwordTooLong',
  USER_ALREADY_EXISTS: 'auth.errors.emailTaken',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'auth.errors.emailTaken',
  INVALID_TOKEN: 'auth.errors.resetLinkInvalid',
  TOKEN_EXPIRED: 'auth.errors.resetLinkInvalid',
  EMAIL_NOT_VERIFIED: 'auth.errors.emailNotVerified',
  EMAIL_ALREADY_VERIFIED: 'auth.confirm.alreadyConfirmed',
};

export function authMessageKey(error: AuthProblem): MessageKey {
  if (error.status === 429) return 'auth.errors.tooMany';
  return AUTH_MESSAGES[error.code] ?? 'auth.errors.failed';
}

/** The field a better-auth refusal is about, so its message stands next to that field. */
export function authFieldErrors(error: unknown, t: Translate): FieldErrors {
  if (!(error instanceof AuthProblem)) return {};
  const message = t(authMessageKey(error));
  switch (error.code) {
    case 'PASSWORD_TOO_SHORT':
    case 'PASSWORD_TOO_LONG':
      return { password: message };
    case 'INVALID_EMAIL':
    case 'USER_ALREADY_EXISTS':
    case 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL':
      return { email: message };
    case 'VALIDATION_ERROR':
      // "[body.email] Invalid email address": the field is named in brackets.
      return /\[body\.email\]/.test(error.message) ? { email: t('forms.email') } : {};
    default:
      return {};
  }
}

/** Field errors of a form: set on submit, each cleared as soon as its field is edited. */
export function createFieldErrors() {
  const [errors, setErrors] = createSignal<FieldErrors>({});
  return {
    errors,
    set: setErrors,
    clear(path: string) {
      if (!(path in errors())) return;
      const { [path]: _edited, ...rest } = errors();
      setErrors(rest);
    },
  };
}
