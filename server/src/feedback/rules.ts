import type { FeedbackForm } from '@serambi/shared';
import { AppError } from '../http/errors.ts';
import { forEveryone } from '../room/rules.ts';
import type { SessionRow } from '../sessions/schema.ts';

/**
 * Who may give feedback, and when (docs/conventions.md#rules-as-named-predicates). From the room,
 * everyone let in reads the form and answers it; by personal link, the link's holder unless
 * their registration was cancelled. The form's results are the organizers' (the community's
 * `manage`).
 */
export const feedbackRules = {
  read: forEveryone,
  answer: forEveryone,
} as const;

/** Answers are taken once the session is live, and after it ends; never before, nor when it was cancelled. */
export const takesAnswers = (session: Pick<SessionRow, 'status'>) =>
  session.status === 'live' || session.status === 'ended';

/** The form is open to someone who may answer (`refused`: they may not, e.g. their registration was cancelled). */
export const isOpenTo = (form: Pick<FeedbackForm, 'enabled'>, session: Pick<SessionRow, 'status'>, refused = false) =>
  form.enabled && takesAnswers(session) && !refused;

/** A holder whose registration was cancelled gives no feedback by their link. */
export function refuseCancelledRegistration(cancelled: boolean): void {
  if (cancelled) throw new AppError(409, 'feedback_registration_cancelled', 'feedback.problems.registrationCancelled');
}

/** Why an answer is not taken now, in the order a person is told: the session, then the form. */
export function refuseClosedForm(session: Pick<SessionRow, 'status'>, form: Pick<FeedbackForm, 'enabled'>): void {
  if (session.status === 'cancelled') throw new AppError(409, 'feedback_closed', 'feedback.problems.sessionCancelled');
  if (!takesAnswers(session)) throw new AppError(409, 'feedback_not_open', 'feedback.problems.notYet');
  if (!form.enabled) throw new AppError(409, 'feedback_disabled', 'feedback.problems.disabled');
}
