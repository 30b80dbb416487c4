import { dictionaries, issueParams, type MessageKey } from '@serambi/shared/i18n';
import { createSignal } from 'solid-js';
import { AuthProblem } from '../../api/auth.ts';
import { ApiProblem } from '../../api/client.ts';
import type { MessageParams } from '../../i18n/I18nProvider.tsx';

/** Messages by dotted field path ("name", "answers.company", "questions.0.label"). */
export type FieldErrors = Readonly<Record<string, string>>;

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The parts of a zod issue the messages need; zod's own messages are English, these are the reader's. */
export interface ValidationIssue {
  code: string;
  message: string;
  path: readonly PropertyKey[];
  input?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  format?: string;
  /** What a refinement's own message names ("years {earliest} to {latest}"). */
  params?: Record<string, unknown>;
}

export interface ValidatingSchema<T> {
  safeParse(
    input: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly ValidationIssue[] } };
}

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Checks form values with the same shared schema the server validates with, so the browser
 * says what is wrong before a round trip, in the reader's language. `patterns` names the
 * message for a field whose format is a pattern (a slug, a question id).
 */
export function validateWith<T>(
  schema: ValidatingSchema<T>,
  values: unknown,
  t: Translate,
  patterns: Readonly<Record<string, MessageKey>> = {},
): Validation<T> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    // The first problem of a field is the one to fix first.
    errors[path] ??= messageForIssue(issue, path, t, patterns);
  }
  return { ok: false, errors };
}

function messageForIssue(
  issue: ValidationIssue,
  path: string,
  t: Translate,
  patterns: Readonly<Record<string, MessageKey>>,
): string {
  // The shared schemas name their own messages by key ("validation.slug"); those come first.
  const ownKey = validationKey(issue.message);
  if (ownKey) return t(ownKey, issueParams(issue));
  const lastSegment = path.split('.').at(-1) ?? '';
  const isEmpty = issue.input === undefined || issue.input === null || issue.input === '';
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return isEmpty || issue.minimum === 1
          ? t('forms.required')
          : t('forms.tooShort', { min: Number(issue.minimum) });
      }
      if (issue.origin === 'array') return t('forms.tooFewItems', { min: Number(issue.minimum) });
      return t('forms.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('forms.tooLong', { max: Number(issue.maximum) });
      if (issue.origin === 'array') return t('forms.tooManyItems', { max: Number(issue.maximum) });
      return t('forms.tooBig', { max: Number(issue.maximum) });
    case 'invalid_type':
      if (isEmpty) return t('forms.required');
      return issue.origin === 'number' || typeof issue.input === 'number' ? t('forms.wholeNumber') : t('forms.invalid');
    case 'invalid_format':
      if (issue.format === 'email') return t('forms.email');
      if (issue.format === 'url') return t('forms.url');
      if (issue.format === 'date') return t('forms.date');
      if (issue.format === 'time') return t('forms.time');
      return t(patterns[path] ?? patterns[lastSegment] ?? 'forms.invalid');
    case 'custom':
      return lastSegment === 'timeZone' ? t('forms.timeZone') : t(patterns[path] ?? 'forms.invalid');
    default:
      return t('forms.invalid');
  }
}

function validationKey(message: string): MessageKey | undefined {
  const [group, name] = message.split('.');
  if (group !== 'validation' || !name || !(name in dictionaries.id.validation)) return undefined;
  return message as MessageKey;
}

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
