import type { FeedbackForm, Locale } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { AppError, type FieldError } from '../http/errors.ts';
import { checkAnswers } from '../registrations/answers.ts';

/** Answers to the form's questions as registration answers are checked, and no answers to questions it does not have. */
export function checkedAnswers(
  form: FeedbackForm,
  answers: Record<string, string | boolean>,
  locale: Locale,
): Record<string, string | boolean> {
  const known = new Set(form.questions.map((question) => question.id));
  const unknown: FieldError[] = Object.keys(answers)
    .filter((id) => !known.has(id))
    .map((id) => ({ path: `answers.${id}`, message: translate(locale, 'feedback.problems.unknownQuestion') }));
  const checked = checkAnswers(form.questions, answers, {
    missing: translate(locale, 'problems.missingAnswer'),
    invalid: translate(locale, 'problems.invalidAnswer'),
  });
  const errors = [...checked.errors, ...unknown];
  if (errors.length > 0) throw AppError.validation(errors);
  return checked.answers;
}
