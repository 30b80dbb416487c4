import type { feedbackMessages as reference } from './feedback.id.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English messages of feedback; the same keys as feedback.id.ts. */
export const feedbackMessages: Widen<typeof reference> = {
  /** Helper C: the feedback form, its editor and its results. */
  form: {},
  editor: {},
  results: {},
  problems: {},
};
