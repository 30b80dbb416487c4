import { issueParams, type MessageKey } from '@serambi/shared/i18n';
import type { FieldErrors, Translate } from './field-errors.ts';

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

/** The shared schemas' own messages are keys of `validation` ("validation.slug"); zod's are English sentences. */
function validationKey(message: string): MessageKey | undefined {
  return /^validation\.[A-Za-z]+$/.test(message) ? (message as MessageKey) : undefined;
}
