import { z } from 'zod';

/** Header names a caller may set; the structural ones (From, To, Content-*) belong to the mailer. */
const headerName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'must be a header name')
  .refine((name) => !/^(from|to|cc|bcc|subject|date|message-id|content-.*|mime-version)$/i.test(name), {
    message: 'is set by the mailer',
  });
const singleLine = z.string().regex(/^[^\r\n]*$/, 'must be one line');

export const mailAttachmentSchema = z.object({
  filename: singleLine.min(1).max(200),
  /** With parameters when they matter, e.g. "text/calendar; method=REQUEST" for an invitation. */
  contentType: singleLine.min(3).max(200),
  /** Base64, so any bytes survive the JSON of a job payload and the dev outbox. */
  contentBase64: z.base64(),
});

/** One mail to one person; also the payload of a `send-mail` job, so it stays plain JSON. */
export const mailMessageSchema = z.object({
  to: z.email(),
  subject: singleLine.min(1).max(300),
  text: z.string(),
  html: z.string(),
  attachments: z.array(mailAttachmentSchema).max(10).optional(),
  /** Extra headers such as List-Unsubscribe or Auto-Submitted. */
  headers: z.record(headerName, singleLine.max(1000)).optional(),
});

export type MailAttachment = z.infer<typeof mailAttachmentSchema>;
export type MailMessage = z.infer<typeof mailMessageSchema>;

/** An attachment made from text, e.g. an .ics invitation. */
export function textAttachment(filename: string, contentType: string, content: string): MailAttachment {
  return { filename, contentType, contentBase64: Buffer.from(content, 'utf8').toString('base64') };
}
