/**
 * Q&A limits, question states and their groups, modes and actions: values without zod, so a page that reads them does not download the schemas
 * (qa.ts holds those and re-exports these).
 */

export const QUESTION_MAX_LENGTH = 300;

/**
 * `pending` waits in the review list (reviewed mode); `open` and `answered` are what the
 * audience sees; `dismissed`, `merged` and `withdrawn` are gone from the audience's view.
 */
export const QUESTION_STATUSES = ['pending', 'open', 'answered', 'dismissed', 'merged', 'withdrawn'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const audienceQuestionStatuses: readonly QuestionStatus[] = ['open', 'answered'];
export const isVisibleToAudience = (status: QuestionStatus) => audienceQuestionStatuses.includes(status);
/** The asker may change or take back a question until it is answered (or a moderator took it away). */
export const isEditableByAsker = (status: QuestionStatus) => status === 'pending' || status === 'open';

/** Open mode: questions appear at once. Reviewed mode: a moderator approves each first. */
export const QA_MODES = ['open', 'reviewed'] as const;
export type QaMode = (typeof QA_MODES)[number];

/**
 * Asking anonymously: `off` (everyone asks by name), `hidden` (nobody, moderators included,
 * sees who asked), `moderators` (the audience does not, moderators do). The asker is told which
 * before asking, and a question keeps the rule it was asked under.
 */
export const ANONYMOUS_QUESTIONS = ['off', 'hidden', 'moderators'] as const;
export type AnonymousQuestions = (typeof ANONYMOUS_QUESTIONS)[number];

export const QUESTION_ACTIONS = ['approve', 'dismiss', 'answer', 'reopen', 'pin', 'unpin', 'invite'] as const;
export type QuestionAction = (typeof QUESTION_ACTIONS)[number];
