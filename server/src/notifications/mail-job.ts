import type { Database } from '../db/client.ts';
import { type JobHandler, PermanentJobError } from '../jobs/runner.ts';
import type { JobRow } from '../jobs/schema.ts';
import { enqueueJob } from '../jobs/service.ts';
import type { Mailer } from './mailer.ts';
import type { MailMessage } from './message.ts';

/**
 * The handler of `send-mail` jobs. A refusal the server calls permanent (5xx) ends the job at
 * once; anything else (connection lost, 4xx) propagates so the runner retries with backoff.
 * Once sent, the job keeps who and what (`sentMail`), not the body: it held personal links.
 */
export function sendMailJobHandler(mailer: Mailer): JobHandler<MailMessage> {
  return async (message, ctx) => {
    try {
      const { messageId } = await mailer.send(message);
      ctx.log.info({ messageId }, 'mail sent');
      return { payloadAfterDone: sentMail(message, messageId) };
    } catch (error) {
      if (isPermanentSmtpRefusal(error)) {
        throw new PermanentJobError(`The mail server refused the message for good: ${(error as Error).message}`, {
          cause: error,
        });
      }
      throw error;
    }
  };
}

/**
 * Queues one mail to be sent at `runAt` (the caller's `now` for at once) by whichever
 * instance's runner claims it first. Give a `dedupeKey` for mail that must go out once (a
 * confirmation, a reminder).
 */
export function queueMail(
  db: Database,
  message: MailMessage,
  options: { runAt: Date; dedupeKey?: string },
): Promise<JobRow> {
  return enqueueJob(db, { kind: 'send-mail', payload: message, ...options });
}

/**
 * What a sent mail's job keeps: its address, subject and message id, for "did it go out?". The
 * text, HTML and attachments go, with the join links, invitation secrets and reset tokens in
 * them. It no longer parses as a mail, so nothing could ever send it again by mistake.
 */
export function sentMail(message: MailMessage, messageId: string) {
  return { to: message.to, subject: message.subject, messageId, body: 'removed once sent' };
}

function isPermanentSmtpRefusal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'permanent' in error && error.permanent === true;
}
