import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';
import { type MailMessage, mailMessageSchema } from './message.ts';
import { saveToOutbox } from './outbox.ts';

export interface Mailer {
  /** 'outbox' when mail lands in the dev outbox instead of leaving the machine. */
  readonly delivery: 'smtp' | 'outbox';
  /** Sends one message; SMTP errors propagate (with `permanent` set by nodemailer when the server said 5xx). */
  send(message: MailMessage): Promise<{ messageId: string }>;
  /** Closes pooled SMTP connections. */
  close(): Promise<void>;
}

export interface MailerOptions {
  /** smtp:// or smtps://; without it mail goes to the dev outbox table. */
  smtpUrl: string | undefined;
  /** The From header, e.g. "Serambi <no-reply@example.id>". */
  from: string;
  db: Database;
  log: Logger;
  now: () => Date;
}

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? createSmtpMailer(options.smtpUrl, options.from, options.now) : createOutboxMailer(options);
}

/** A mailer that sends through `smtpUrl` (what `createMailer` makes when SMTP_URL is set). */
export function createSmtpMailer(smtpUrl: string, from: string, now: () => Date): Mailer {
  // nodemailer is loaded with the first mail, not at start: an idle server does not hold it.
  let transport: Promise<Transporter> | undefined;
  const transporter = () => {
    transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: smtpUrl,
        // Reminder mails go out in bursts: reuse a few connections rather than one per message.
        pool: true,
        maxConnections: 3,
        // A hanging server must fail the attempt (and let the job retry) rather than hold a runner slot.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    );
    return transport;
  };
  return {
    delivery: 'smtp',
    async send(message) {
      const mail = mailMessageSchema.parse(message);
      const info = await (await transporter()).sendMail({
        from,
        // The Date header, which nodemailer would take from the machine's clock.
        date: now(),
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        attachments: mail.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.contentBase64,
          encoding: 'base64',
        })),
      });
      return { messageId: info.messageId };
    },
    async close() {
      (await transport)?.close();
    },
  };
}

function createOutboxMailer(options: MailerOptions): Mailer {
  return {
    delivery: 'outbox',
    async send(message) {
      const mail = mailMessageSchema.parse(message);
      const row = await saveToOutbox(options.db, options.from, mail, options.now());
      // Names who and what, never the body: it may hold join links and other secrets.
      options.log.info({ outboxId: row.id }, `mail to ${mail.to}: ${mail.subject}`);
      return { messageId: `<${row.id}@outbox.serambi.invalid>` };
    },
    async close() {},
  };
}
