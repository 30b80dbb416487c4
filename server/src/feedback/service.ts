import type { FeedbackForm, FeedbackResults, feedbackSubmissionSchema, Locale, MyFeedback } from '@serambi/shared';
import { and, avg, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Tx } from '../db/client.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import { authorizeInRoom } from '../room/rules.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { checkedAnswers } from './answers.ts';
import { resultsOf } from './results.ts';
import { feedbackRules, isOpenTo, refuseCancelledRegistration, refuseClosedForm } from './rules.ts';
import { feedbackForms, feedbackResponses } from './schema.ts';

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
    open: isOpenTo(form, session, options.refused),
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
  const form = await feedbackFormOf(deps.db, session.id);
  refuseClosedForm(session, form);
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

/** The form as someone in the room sees it, with what they answered before. */
export async function myFeedbackInRoom(
  db: Database,
  session: SessionRow,
  caller: RoomParticipantRow,
): Promise<MyFeedback> {
  authorizeInRoom(feedbackRules, 'read', caller);
  return myFeedback(db, session, caller.email);
}

/**
 * Someone in the room answers (on leaving, or when the session ends). `sending` holds back
 * someone sending too often, once they may send at all.
 */
export async function submitFeedbackInRoom(
  deps: FeedbackDeps,
  session: SessionRow,
  caller: RoomParticipantRow,
  submission: z.output<typeof feedbackSubmissionSchema>,
  options: { locale: Locale; sending: RateLimiter },
): Promise<MyFeedback> {
  authorizeInRoom(feedbackRules, 'answer', caller);
  const giver = giverInRoom(caller);
  options.sending.take(`${session.id}:${giver.email}`);
  return submitFeedback(deps, session, giver, submission, options.locale);
}

/** The holder of a personal link answers, unless their registration was cancelled. */
export async function submitFeedbackByLink(
  deps: FeedbackDeps,
  session: SessionRow,
  holder: { giver: FeedbackGiver; cancelled: boolean },
  submission: z.output<typeof feedbackSubmissionSchema>,
  options: { locale: Locale; sending: RateLimiter },
): Promise<MyFeedback> {
  refuseCancelledRegistration(holder.cancelled);
  options.sending.take(`${session.id}:${holder.giver.email}`);
  return submitFeedback(deps, session, holder.giver, submission, options.locale);
}

const giverInRoom = (caller: RoomParticipantRow): FeedbackGiver => ({
  email: caller.email,
  name: caller.name,
  registrationId: caller.registrationId,
});

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
  return resultsOf(form, rows);
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
