import { describe, expect, it } from 'vitest';
import { mailMessageSchema, textAttachment } from './message.ts';

const mail = { to: 'sari@example.id', subject: 'Pengingat: Sharing Online #3', text: 'Halo', html: '<p>Halo</p>' };
const accepts = (message: object) => mailMessageSchema.safeParse(message).success;

describe('one mail to one person', () => {
  it('takes a plain mail', () => {
    expect(accepts(mail)).toBe(true);
  });

  it('refuses a subject that spans lines, so nobody can add headers through it', () => {
    expect(accepts({ ...mail, subject: 'Halo\r\nBcc: everyone@example.id' })).toBe(false);
  });

  it('refuses an address that is not one', () => {
    expect(accepts({ ...mail, to: 'sari' })).toBe(false);
  });

  it('takes extra headers such as List-Unsubscribe', () => {
    expect(accepts({ ...mail, headers: { 'List-Unsubscribe': '<https://serambi.example/u/1>' } })).toBe(true);
  });

  it.each(['From', 'to', 'Subject', 'Content-Type', 'MIME-Version', 'Message-ID', 'Bcc'])(
    'leaves the header %s to the mailer',
    (name) => {
      expect(accepts({ ...mail, headers: { [name]: 'x' } })).toBe(false);
    },
  );

  it('refuses a header name that is not one, or a value that spans lines', () => {
    expect(accepts({ ...mail, headers: { 'X Bad': 'x' } })).toBe(false);
    expect(accepts({ ...mail, headers: { 'X-Note': 'a\nb' } })).toBe(false);
  });

  it('takes at most ten attachments', () => {
    const invitation = textAttachment('undangan.ics', 'text/calendar; method=REQUEST', 'BEGIN:VCALENDAR');
    expect(accepts({ ...mail, attachments: Array(10).fill(invitation) })).toBe(true);
    expect(accepts({ ...mail, attachments: Array(11).fill(invitation) })).toBe(false);
  });
});

describe('an attachment made from text', () => {
  it('keeps the text’s UTF-8 bytes as base64, name and type as given', () => {
    const attachment = textAttachment('catatan.txt', 'text/plain; charset=utf-8', 'Terima kasih, Sari 🙏');
    expect(attachment).toMatchObject({ filename: 'catatan.txt', contentType: 'text/plain; charset=utf-8' });
    expect(Buffer.from(attachment.contentBase64, 'base64').toString('utf8')).toBe('Terima kasih, Sari 🙏');
  });
});
