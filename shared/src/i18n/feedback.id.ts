/** Indonesian messages of feedback; the reference for feedback.en.ts. */
export const feedbackMessages = {
  /** Helper C: the feedback form, its editor and its results. */
  form: {},
  editor: {},
  results: {},
  problems: {},
} as const;
