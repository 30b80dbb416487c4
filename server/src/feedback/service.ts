import type { FeedbackForm, FeedbackResults, feedbackSubmissionSchema, Locale, MyFeedback } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { and, avg, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../db/client.ts';
import { AppError, type FieldError } from '../http/errors.ts';
import { checkAnswers } from '../registrations/answers.ts';
import type { Tx } from '../room/events.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { type FeedbackResponseRow, feedbackForms, feedbackResponses } from './schema.ts';

/**
 * What else happens when someone answers after the session ended, in the transaction that saves
 * the answer: certificates look at this person again (a rule may ask for feedback). Certificates'
 * `checkCertificatesAfterFeedback`, given where the app is composed: feedback does not import them.
 */
export type WhileAnsweringAfterEnd = (tx: Tx, session: SessionRow, email: string, at: Date) => Promise<void>;

/** What feedback uses: the database, the clock, and what an answer after the end sets off. */
export interface FeedbackDeps {
  db: Database;
  now: () => Date;
  whileAnsweringAfterEnd: WhileAnsweringAfterEnd;
}

/** Who answers: a registrant by their join link, or someone in the room by their ticket. */
export interface FeedbackGiver {
  email: string;
  name: string;
  registrationId: string | null;
}

const DEFAULT_FORM: FeedbackForm = { enabled: true, questions: [] };

/** The session's form; one never edited is on, with no extra questions. */
export async function feedbackFormOf(db: Database, sessionId: string): Promise<FeedbackForm> {
  const [row] = await db.select().from(feedbackForms).where(eq(feedbackForms.sessionId, sessionId));
  return row ? { enabled: row.enabled, questions: row.questions } : DEFAULT_FORM;
}

export async function updateFeedbackForm(
  deps: FeedbackDeps,
  session: SessionRow,
  input: FeedbackForm,
): Promise<FeedbackForm> {
  const values = { enabled: input.enabled, questions: input.questions, updatedAt: deps.now() };
  await deps.db
    .insert(feedbackForms)
    .values({ sessionId: session.id, ...values })
    .onConflictDoUpdate({ target: feedbackForms.sessionId, set: values });
  return { enabled: input.enabled, questions: input.questions };
}

/** Answers are taken once the session is live, and after it ends; never before, nor when it was cancelled. */
const takesAnswers = (session: SessionRow) => session.status === 'live' || session.status === 'ended';

/** The form as one person sees it, with what they answered before. `refused`: may not answer (e.g. cancelled). */
export async function myFeedback(
  db: Database,
  session: SessionRow,
  email: string,
  options: { refused?: boolean } = {},
): Promise<MyFeedback> {
  const form = await feedbackFormOf(db, session.id);
  const [row] = await db
    .select()
    .from(feedbackResponses)
    .where(and(eq(feedbackResponses.sessionId, session.id), eq(feedbackResponses.email, email.toLowerCase())));
  return {
    sessionTitle: session.title,
    form,
    open: form.enabled && takesAnswers(session) && !options.refused,
    response: row
      ? { rating: row.rating, comment: row.comment, answers: row.answers, updatedAt: row.updatedAt.toISOString() }
      : null,
  };
}

/**
 * Saves one person's feedback, replacing what they sent before (one answer per email and
 * session). The answers are checked against the organizer's questions. An answer saved after
 * the session ended queues, in the same transaction, a certificate check for this person (a
 * certificate's rule may ask for feedback).
 */
export async function submitFeedback(
  deps: FeedbackDeps,
  session: SessionRow,
  giver: FeedbackGiver,
  submission: z.output<typeof feedbackSubmissionSchema>,
  locale: Locale,
): Promise<MyFeedback> {
  if (session.status === 'cancelled') throw new AppError(409, 'feedback_closed', 'feedback.problems.sessionCancelled');
  if (!takesAnswers(session)) throw new AppError(409, 'feedback_not_open', 'feedback.problems.notYet');
  const form = await feedbackFormOf(deps.db, session.id);
  if (!form.enabled) throw new AppError(409, 'feedback_disabled', 'feedback.problems.disabled');
  const answers = checkedAnswers(form, submission.answers, locale);
  const email = giver.email.toLowerCase();
  await deps.db.transaction(async (tx) => {
    const at = deps.now();
    const values = {
      name: giver.name,
      registrationId: giver.registrationId,
      rating: submission.rating,
      comment: submission.comment,
      answers,
      updatedAt: at,
    };
    await tx
      .insert(feedbackResponses)
      .values({ sessionId: session.id, email, createdAt: at, ...values })
      .onConflictDoUpdate({ target: [feedbackResponses.sessionId, feedbackResponses.email], set: values });
    // A certificate's rule may ask for feedback: look at this person again.
    if (session.status === 'ended') await deps.whileAnsweringAfterEnd(tx, session, email, at);
  });
  return myFeedback(deps.db, session, email);
}

/** Answers to the form's questions as registration answers are checked, and no answers to questions it does not have. */
function checkedAnswers(
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

/**
 * What the answers add up to, for the organizers: the ratings, each of the form's questions
 * (choices counted per option, checkboxes as yes/no, short texts listed), and the comments,
 * newest first.
 */
export async function feedbackResults(db: Database, session: SessionRow): Promise<FeedbackResults> {
  const [form, rows] = await Promise.all([
    feedbackFormOf(db, session.id),
    db
      .select()
      .from(feedbackResponses)
      .where(eq(feedbackResponses.sessionId, session.id))
      .orderBy(desc(feedbackResponses.updatedAt), desc(feedbackResponses.id)),
  ]);
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
  rows: FeedbackResponseRow[],
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

/** Lower-cased emails of those who answered the session's form (attendance's `feedbackEmails`). */
export async function feedbackEmails(db: Database, sessionId: string): Promise<string[]> {
  const rows = await db
    .select({ email: feedbackResponses.email })
    .from(feedbackResponses)
    .where(eq(feedbackResponses.sessionId, sessionId));
  return rows.map((row) => row.email.toLowerCase());
}

/** Each session's average rating, for those with feedback (attendance's `averageRatings`). */
export async function averageRatings(
  db: Database,
  sessionIds: string[],
): Promise<{ sessionId: string; rating: number | null }[]> {
  const rows = await db
    .select({ sessionId: feedbackResponses.sessionId, rating: avg(feedbackResponses.rating) })
    .from(feedbackResponses)
    .where(inArray(feedbackResponses.sessionId, sessionIds))
    .groupBy(feedbackResponses.sessionId);
  return rows.map((row) => ({ sessionId: row.sessionId, rating: row.rating === null ? null : Number(row.rating) }));
}
