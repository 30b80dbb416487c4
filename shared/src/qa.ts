import { z } from 'zod';
import { authorSchema, eventEnvelope, instantSchema as instant } from './events.ts';
import { pollSchema } from './polls.ts';
import { QUESTION_MAX_LENGTH, QUESTION_STATUSES } from './qa-values.ts';

export * from './qa-values.ts';

/**
 * The Q&A queue: questions asked in the room (or from the session page before it starts),
 * upvoted by the audience, reviewed, merged, pinned as "now answering" and marked answered by
 * moderators (server-authoritative, versioned events through LiveKit:
 * docs/architecture.md#realtime-events).
 */

const questionText = z
  .string()
  .trim()
  .min(1, 'validation.questionEmpty')
  .max(QUESTION_MAX_LENGTH, 'validation.questionTooLong');

/**
 * A question as one viewer may see it. `author` is null when the question is anonymous and the
 * viewer may not know who asked; `rev` grows with every change, so a client keeps the newest.
 */
export const questionSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    status: z.enum(QUESTION_STATUSES),
    anonymous: z.boolean(),
    author: authorSchema.nullable(),
    votes: z.number().int(),
    createdAt: instant,
    /** Set when the text changed after it was asked; `editedByModerator` says who changed it. */
    editedAt: instant.nullable(),
    editedByModerator: z.boolean(),
    answeredAt: instant.nullable(),
    /** The question this one was merged into (its votes went there). */
    mergedInto: z.string().nullable(),
    /** Turned from a chat message into a question by a moderator. */
    fromChat: z.boolean(),
    rev: z.number().int(),
  })
  .meta({ id: 'Question' });
export type Question = z.infer<typeof questionSchema>;

/** The Q&A part of the room snapshot. */
export const qaStateSchema = z
  .object({
    /** What this viewer may see: the audience's questions, plus their own, plus (moderators) the review list. */
    questions: z.array(questionSchema),
    /** The question pinned as "now answering", if any. */
    answeringId: z.string().nullable(),
    /** Ids of the questions this viewer asked (anonymous ones included). */
    mine: z.array(z.string()),
    /** Ids of the questions this viewer upvoted. */
    myVotes: z.array(z.string()),
  })
  .meta({ id: 'QaState' });
export type QaState = z.infer<typeof qaStateSchema>;

export const askQuestionRequestSchema = z
  .object({ text: questionText, anonymous: z.boolean().default(false) })
  .strict()
  .meta({ id: 'AskQuestionRequest' });
export type AskQuestionRequest = z.input<typeof askQuestionRequestSchema>;

export const editQuestionRequestSchema = z.object({ text: questionText }).strict().meta({ id: 'EditQuestionRequest' });

export const voteQuestionRequestSchema = z.object({ voted: z.boolean() }).strict().meta({ id: 'VoteQuestionRequest' });

export const voteResultSchema = z.object({ voted: z.boolean(), votes: z.number().int() }).meta({ id: 'VoteResult' });
export type VoteResult = z.infer<typeof voteResultSchema>;

export const mergeQuestionRequestSchema = z
  .object({ into: z.string().min(1).max(64) })
  .strict()
  .meta({ id: 'MergeQuestionRequest' });

/** After the session: every question, with who asked (as the organizer may know it) and when it was answered. */
export const qaReportQuestionSchema = questionSchema
  .extend({
    /** When it was pinned as "now answering", each time (the recording's chapters). */
    answering: z.array(z.object({ startedAt: instant, endedAt: instant.nullable() })),
  })
  .meta({ id: 'QaReportQuestion' });
export type QaReportQuestion = z.infer<typeof qaReportQuestionSchema>;

// ---- Realtime ---------------------------------------------------------------------------------

export const qaEventSchema = z.discriminatedUnion('type', [
  /** A question appeared or changed (upsert by id; keep the higher `rev`). */
  eventEnvelope('qa.question', questionSchema),
  /** A question left the audience's view (withdrawn, dismissed or merged: the audience is not told which). */
  eventEnvelope('qa.removed', z.object({ id: z.string() })),
  /** Vote counts, coalesced: at most a few of these a second per session, however many vote. */
  eventEnvelope('qa.votes', z.object({ votes: z.array(z.object({ id: z.string(), votes: z.number().int() })) })),
  eventEnvelope('qa.answering', z.object({ id: z.string().nullable() })),
]);
export type QaEvent = z.infer<typeof qaEventSchema>;

// ---- After the session ------------------------------------------------------------------------

/** What the organizer's session page shows after the session: the Q&A, the polls, the room's mood. */
export const interactionReportSchema = z
  .object({
    /** Every question but withdrawn ones, in the order asked; anonymous askers as moderators could see them. */
    questions: z.array(qaReportQuestionSchema),
    /** Launched polls with their results. */
    polls: z.array(pollSchema),
    /** Reactions sent, by kind. */
    reactions: z.record(z.string(), z.number().int()),
    chatMessages: z.number().int(),
  })
  .meta({ id: 'InteractionReport' });
export type InteractionReport = z.infer<typeof interactionReportSchema>;
