import { z } from 'zod';
import { instantSchema } from './events.ts';
import { FEEDBACK_COMMENT_MAX_LENGTH, MAX_FEEDBACK_QUESTIONS, MAX_RATING } from './feedback-values.ts';
import { registrationAnswersSchema } from './registrations.ts';
import { registrationQuestionSchema } from './sessions.ts';

export * from './feedback-values.ts';

/**
 * The short form attendees get after leaving the room or when the session ends: a rating of
 * 1–5, a comment, and the organizer's own questions (the same kinds as registration questions).
 * One answer per person (by email) per session; sending again replaces it.
 */

export const feedbackFormSchema = z
  .object({
    enabled: z.boolean(),
    questions: z
      .array(registrationQuestionSchema)
      .max(MAX_FEEDBACK_QUESTIONS)
      .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'validation.questionIdsUnique'),
  })
  .meta({ id: 'FeedbackForm' });
export type FeedbackForm = z.infer<typeof feedbackFormSchema>;
export const updateFeedbackFormRequestSchema = feedbackFormSchema.strict().meta({ id: 'UpdateFeedbackFormRequest' });
export type UpdateFeedbackFormRequest = z.input<typeof updateFeedbackFormRequestSchema>;

export const feedbackSubmissionSchema = z
  .object({
    rating: z.number().int().min(1, 'validation.rating').max(MAX_RATING, 'validation.rating'),
    comment: z.string().trim().max(FEEDBACK_COMMENT_MAX_LENGTH).default(''),
    answers: registrationAnswersSchema.default({}),
  })
  .strict()
  .meta({ id: 'FeedbackSubmission' });
export type FeedbackSubmission = z.input<typeof feedbackSubmissionSchema>;

/** The form as the attendee sees it, with what they answered before. */
export const myFeedbackSchema = z
  .object({
    sessionTitle: z.string(),
    form: feedbackFormSchema,
    /** The form takes answers once the session is live, and keeps taking them after it ends. */
    open: z.boolean(),
    response: z
      .object({
        rating: z.number().int(),
        comment: z.string(),
        answers: registrationAnswersSchema,
        updatedAt: instantSchema,
      })
      .nullable(),
  })
  .meta({ id: 'MyFeedback' });
export type MyFeedback = z.infer<typeof myFeedbackSchema>;

export const feedbackResultsSchema = z
  .object({
    responses: z.number().int(),
    averageRating: z.number().nullable(),
    /** How many gave 1, 2, 3, 4, 5 stars (index 0 is one star). */
    ratingCounts: z.array(z.number().int()).length(MAX_RATING),
    questions: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        kind: z.enum(['short-text', 'choice', 'checkbox']),
        /** choice: count per option; checkbox: `{ yes, no }`. */
        counts: z.record(z.string(), z.number().int()),
        /** short-text answers, newest first. */
        texts: z.array(z.string()),
      }),
    ),
    comments: z.array(z.object({ name: z.string(), rating: z.number().int(), comment: z.string(), at: instantSchema })),
  })
  .meta({ id: 'FeedbackResults' });
export type FeedbackResults = z.infer<typeof feedbackResultsSchema>;
