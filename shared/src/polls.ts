import { z } from 'zod';
import { eventEnvelope, instantSchema as instant } from './events.ts';
import {
  POLL_KINDS,
  POLL_MAX_OPTIONS,
  POLL_MIN_OPTIONS,
  POLL_OPTION_MAX_LENGTH,
  POLL_QUESTION_MAX_LENGTH,
  POLL_STATUSES,
} from './polls-values.ts';

export * from './polls-values.ts';

/** Polls: prepared by moderators (before the session too), launched, closed, results shown live. */

/**
 * A poll as one viewer may see it: `votes` and `voters` are null while its results are hidden
 * from this viewer (moderators always see them).
 */
export const pollSchema = z
  .object({
    id: z.string(),
    question: z.string(),
    kind: z.enum(POLL_KINDS),
    status: z.enum(POLL_STATUSES),
    resultsVisible: z.boolean(),
    options: z.array(z.object({ id: z.string(), text: z.string(), votes: z.number().int().nullable() })),
    voters: z.number().int().nullable(),
    openedAt: instant.nullable(),
    closedAt: instant.nullable(),
    rev: z.number().int(),
  })
  .meta({ id: 'Poll' });
export type Poll = z.infer<typeof pollSchema>;

export const pollDraftSchema = z
  .object({
    question: z
      .string()
      .trim()
      .min(1, 'validation.pollQuestionEmpty')
      .max(POLL_QUESTION_MAX_LENGTH, 'validation.pollQuestionTooLong'),
    kind: z.enum(POLL_KINDS).default('single'),
    options: z
      .array(
        z
          .string()
          .trim()
          .min(1, 'validation.pollOptionEmpty')
          .max(POLL_OPTION_MAX_LENGTH, 'validation.pollOptionTooLong'),
      )
      .min(POLL_MIN_OPTIONS, 'validation.pollTooFewOptions')
      .max(POLL_MAX_OPTIONS, 'validation.pollTooManyOptions'),
  })
  .strict()
  .meta({ id: 'PollDraft' });
export type PollDraft = z.input<typeof pollDraftSchema>;

export const pollVoteRequestSchema = z
  .object({ optionIds: z.array(z.string().min(1).max(64)).min(1).max(POLL_MAX_OPTIONS) })
  .strict()
  .meta({ id: 'PollVoteRequest' });

export const pollsStateSchema = z
  .object({
    /** Launched polls for everyone; drafts too for moderators. In the order they were made. */
    polls: z.array(pollSchema),
    /** The options this viewer chose, by poll id. */
    myVotes: z.record(z.string(), z.array(z.string())),
  })
  .meta({ id: 'PollsState' });
export type PollsState = z.infer<typeof pollsStateSchema>;

export const pollCountsSchema = z.object({
  id: z.string(),
  options: z.array(z.object({ id: z.string(), votes: z.number().int() })),
  voters: z.number().int(),
});

export const pollEventSchema = z.discriminatedUnion('type', [
  /** A poll appeared or changed (upsert by id; keep the higher `rev`). */
  eventEnvelope('poll.updated', pollSchema),
  eventEnvelope('poll.removed', z.object({ id: z.string() })),
  /** Counts, coalesced: at most a few a second per session. */
  eventEnvelope('poll.votes', pollCountsSchema),
]);
export type PollEvent = z.infer<typeof pollEventSchema>;
