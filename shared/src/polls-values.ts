/**
 * Poll limits, kinds, states and actions: values without zod, so a page that reads them does not download the schemas
 * (polls.ts holds those and re-exports these).
 */

export const POLL_QUESTION_MAX_LENGTH = 200;
export const POLL_OPTION_MAX_LENGTH = 100;
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 10;

export const POLL_KINDS = ['single', 'multiple'] as const;
export type PollKind = (typeof POLL_KINDS)[number];
/** `draft` is seen by moderators alone; `open` takes votes; `closed` keeps its results with the session. */
export const POLL_STATUSES = ['draft', 'open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];
export const POLL_ACTIONS = ['launch', 'close', 'show-results', 'hide-results'] as const;
export type PollAction = (typeof POLL_ACTIONS)[number];
