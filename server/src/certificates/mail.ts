import { translate } from '@serambi/shared/i18n';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { JobHandler } from '../jobs/runner.ts';
import { sendMailJobHandler } from '../notifications/mail-job.ts';
import type { MailMessage } from '../notifications/message.ts';
import { renderMail } from '../notifications/render.ts';
import { joinUrl } from '../registrations/mails.ts';
import { type RegistrationRow, registrations } from '../registrations/schema.ts';
import { sessions } from '../sessions/schema.ts';
import { type CertificateDeps, verifyUrl } from './deps.ts';
import { type CertificateSubject, certificatePdf } from './document.ts';
import { type CertificateRow, certificates } from './schema.ts';

/**
 * The `certificate-mail` job: makes the PDF now (PDFs are not kept in the jobs table), mails
 * it through the mailer (a refusal for good ends the job, anything else is retried) and notes
 * when. A certificate revoked or replaced before its mail went out is not mailed; one already
 * mailed is not mailed again (a retry after the SMTP server took it but before `mailed_at`
 * was written is the one case that sends twice: mail is at least once).
 */
export function certificateMailHandler(deps: CertificateDeps): JobHandler<{ certificateId: string }> {
  const send = sendMailJobHandler(deps.mailer);
  return async ({ certificateId }, ctx) => {
    const [row] = await deps.db.select().from(certificates).where(eq(certificates.id, certificateId));
    if (row?.status !== 'valid' || row.mailedAt) return;
    const { pdf, subject } = await certificatePdf(deps, row);
    await send(await certificateMail(deps, row, subject, pdf), ctx);
    await deps.db.update(certificates).set({ mailedAt: deps.now() }).where(eq(certificates.id, row.id));
  };
}

async function certificateMail(
  deps: CertificateDeps,
  row: CertificateRow,
  subject: CertificateSubject,
  pdf: Buffer,
): Promise<MailMessage> {
  const l = row.locale;
  const previous = await replacedNumber(deps, row);
  const registration = await holderRegistration(deps, row);
  const verify = verifyUrl(deps.publicUrl, row.number);
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string> = {}) =>
    translate(l, key, { about: subject.about, community: subject.community.name, number: row.number, ...params });
  const content = renderMail(l, {
    heading: t('certificates.mail.heading'),
    paragraphs: [
      t('mail.greeting', { name: row.name }),
      t('certificates.mail.body'),
      ...(previous ? [t('certificates.mail.replacement', { previous })] : []),
      t('certificates.mail.number', { url: verify }),
      ...(registration ? [t('certificates.mail.linkNote')] : []),
    ],
    action: registration
      ? {
          label: t('certificates.mail.openMyPage'),
          url: joinUrl(deps.publicUrl, deps.links.secretFor(registration.id, registration.linkGeneration)),
        }
      : { label: t('certificates.mail.verify'), url: verify },
    footer: translate(l, 'mail.footerCommunity', { community: subject.community.name }),
  });
  return {
    to: row.email,
    subject: t(previous ? 'certificates.mail.subjectReplacement' : 'certificates.mail.subject'),
    ...content,
    attachments: [
      {
        filename: t('certificates.mail.filename'),
        contentType: 'application/pdf',
        contentBase64: pdf.toString('base64'),
      },
    ],
  };
}

/** The number of the certificate this one replaced, if it is a correction. */
async function replacedNumber(deps: CertificateDeps, row: CertificateRow): Promise<string | null> {
  const [old] = await deps.db
    .select({ number: certificates.number })
    .from(certificates)
    .where(eq(certificates.replacedById, row.id));
  return old?.number ?? null;
}

/**
 * The registration whose join link the mail points to: the certificate's own, else (a series
 * certificate, or one issued by hand) the holder's latest registration for the session or series.
 */
async function holderRegistration(deps: CertificateDeps, row: CertificateRow): Promise<RegistrationRow | null> {
  if (row.registrationId) {
    const [own] = await deps.db.select().from(registrations).where(eq(registrations.id, row.registrationId));
    if (own) return own;
  }
  const sessionIds = row.sessionId
    ? [row.sessionId]
    : (
        await deps.db
          .select({ id: sessions.id })
          .from(sessions)
          .where(eq(sessions.seriesId, row.seriesId ?? ''))
      ).map((s) => s.id);
  if (sessionIds.length === 0) return null;
  const [latest] = await deps.db
    .select()
    .from(registrations)
    .where(
      and(
        inArray(registrations.sessionId, sessionIds),
        eq(registrations.email, row.email),
        ne(registrations.status, 'cancelled'),
      ),
    )
    .orderBy(desc(registrations.createdAt))
    .limit(1);
  return latest ?? null;
}
