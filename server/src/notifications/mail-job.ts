import type { Database } from '../db/client.ts';
import { type JobHandler, PermanentJobError } from '../jobs/runner.ts';
import type { JobRow } from '../jobs/schema.ts';
import { enqueueJob } from '../jobs/service.ts';
import type { Mailer } from './mailer.ts';
import type { MailMessage } from './message.ts';

/**
 * The handler of `send-mail` jobs. A refusal the server calls permanent (5xx) ends the job at
 * once; anything else (connection lost, 4xx) propagates so the runner retries with backoff.
 */
export function sendMailJobHandler(mailer: Mailer): JobHandler<MailMessage> {
  return async (message, ctx) => {
    try {
      const { messageId } = await mailer.send(message);
      ctx.log.info({ messageId }, 'mail sent');
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

function isPermanentSmtpRefusal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'permanent' in error && error.permanent === true;
}
