import type { FeedbackForm, FeedbackResults } from '@serambi/shared';
import type { FeedbackResponseRow } from './schema.ts';

/**
 * What the answers add up to, for the organizers: the ratings, each of the form's questions
 * (choices counted per option, checkboxes as yes/no, short texts listed), and the comments in
 * the order of `rows` (newest first, as `feedbackResults` reads them).
 */
export function resultsOf(
  form: FeedbackForm,
  rows: Pick<FeedbackResponseRow, 'rating' | 'comment' | 'answers' | 'name' | 'updatedAt'>[],
): FeedbackResults {
  const ratingCounts = [0, 0, 0, 0, 0];
  for (const row of rows) ratingCounts[row.rating - 1] = (ratingCounts[row.rating - 1] ?? 0) + 1;
  const total = rows.reduce((sum, row) => sum + row.rating, 0);
  return {
    responses: rows.length,
    averageRating: rows.length === 0 ? null : Math.round((total / rows.length) * 100) / 100,
    ratingCounts,
    questions: form.questions.map((question) => ({
      id: question.id,
      label: question.label,
      kind: question.kind,
      ...tally(question, rows),
    })),
    comments: rows
      .filter((row) => row.comment !== '')
      .map((row) => ({ name: row.name, rating: row.rating, comment: row.comment, at: row.updatedAt.toISOString() })),
  };
}

function tally(
  question: FeedbackForm['questions'][number],
  rows: Pick<FeedbackResponseRow, 'answers'>[],
): { counts: Record<string, number>; texts: string[] } {
  const answersTo = rows.map((row) => row.answers[question.id]).filter((value) => value !== undefined);
  if (question.kind === 'short-text') {
    return {
      counts: {},
      texts: answersTo.filter((value): value is string => typeof value === 'string' && value !== ''),
    };
  }
  if (question.kind === 'checkbox') {
    return {
      counts: {
        yes: answersTo.filter((value) => value === true).length,
        no: answersTo.filter((value) => value === false).length,
      },
      texts: [],
    };
  }
  // Options the organizer removed later still show with the answers they got.
  const counts: Record<string, number> = Object.fromEntries(question.options.map((option) => [option, 0]));
  for (const value of answersTo) if (typeof value === 'string') counts[value] = (counts[value] ?? 0) + 1;
  return { counts, texts: [] };
}
