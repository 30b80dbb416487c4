import type { RegistrationQuestion } from '@serambi/shared';
import type { FieldError } from '../http/errors.ts';

/**
 * Checks answers against the session's questions: required ones present, choices among the
 * options, checkboxes booleans; answers to questions that do not exist are dropped.
 */
export function checkAnswers(
  questions: RegistrationQuestion[],
  answers: Record<string, string | boolean>,
  messages: { missing: string; invalid: string },
): { answers: Record<string, string | boolean>; errors: FieldError[] } {
  const kept: Record<string, string | boolean> = {};
  const errors: FieldError[] = [];
  for (const question of questions) {
    const value = answers[question.id];
    const path = `answers.${question.id}`;
    const empty = value === undefined || value === '' || (question.kind === 'checkbox' && value === false);
    if (empty) {
      if (question.required) errors.push({ path, message: messages.missing });
      if (question.kind === 'checkbox') kept[question.id] = false;
      continue;
    }
    const valid =
      question.kind === 'checkbox'
        ? typeof value === 'boolean'
        : typeof value === 'string' && (question.kind !== 'choice' || question.options.includes(value));
    if (valid) kept[question.id] = typeof value === 'string' ? value.trim() : value;
    else errors.push({ path, message: messages.invalid });
  }
  return { answers: kept, errors };
}
