/**
 * Feedback limits: values without zod, so a page that reads them does not download the schemas
 * (feedback.ts holds those and re-exports these).
 */

/** Ratings are 1 to this many stars. */
export const MAX_RATING = 5;
export const MAX_FEEDBACK_QUESTIONS = 10;
export const FEEDBACK_COMMENT_MAX_LENGTH = 2000;
