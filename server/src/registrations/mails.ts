import type { Locale } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { queueMail } from '../notifications/mail-job.ts';
import type { MailMessage } from '../notifications/message.ts';
import { renderMail } from '../notifications/render.ts';
import { type MailDeps, sessionMailContext } from '../sessions/mail-context.ts';
import type { SessionRow } from '../sessions/schema.ts';
import type { JoinLinks } from './link-secrets.ts';
import type { RegistrationNotifications } from './notify.ts';
import type { RegistrationRow } from './schema.ts';

/** The personal link a registrant joins (and manages their registration) with. */
export function joinUrl(publicUrl: string, secret: string): string {
  return `${publicUrl}/j/${secret}`;
}

/** Confirmation, waitlist, promotion and cancellation mails, in each registrant's language. */
export function createRegistrationNotifications(deps: MailDeps & { links: JoinLinks }): RegistrationNotifications {
  /**
   * The mail that carries a person's join link: a seat (just registered, or moved up from the
   * waitlist, both with the calendar invitation) or a place on the waitlist.
   */
  const linkMail = async (
    session: SessionRow,
    registration: RegistrationRow,
    secret: string,
    kind: 'registered' | 'promoted' | 'waitlisted',
    extra: { again?: boolean; position?: number } = {},
  ): Promise<MailMessage> => {
    const mail = await sessionMailContext(deps, session);
    const l: Locale = registration.locale;
    const link = joinUrl(deps.publicUrl, secret);
    const t = (key: Parameters<typeof translate>[1], params = {}) =>
      translate(l, key, { title: session.title, ...params });
    const content = renderMail(l, {
      heading: t(`mail.${kind}.heading`),
      paragraphs: [
        t('mail.greeting', { name: registration.name }),
        t(`mail.${kind}.body`, { position: extra.position ?? 1 }),
        ...(extra.again ? [t('mail.registered.again')] : []),
        mail.when(l),
        t('mail.registered.linkNote'),
      ],
      action: { label: t('mail.registered.action'), url: link },
      footer: `${t('mail.registered.cancel', { url: `${link}?cancel=1` })}\n${mail.footer(l)}`,
    });
    return {
      to: registration.email,
      subject: t(`mail.${kind}.subject`),
      ...content,
      ...(kind === 'waitlisted'
        ? {}
        : { attachments: [mail.ics('REQUEST', { name: registration.name, email: registration.email })] }),
    };
  };

  const mailPromoted = async (session: SessionRow, people: RegistrationRow[]) => {
    for (const person of people) {
      const secret = deps.links.secretFor(person.id, person.linkGeneration);
      await queueMail(deps.db, await linkMail(session, person, secret, 'promoted'), {
        runAt: deps.now(),
        dedupeKey: `promoted:${person.id}:${person.linkGeneration}:${person.arrival}`,
      });
    }
  };

  return {
    async registered(session, { registration, joinSecret, result }) {
      const kind = result.status === 'registered' ? 'registered' : 'waitlisted';
      const extra = {
        again: kind === 'registered' && result.alreadyRegistered,
        position: result.waitlistPosition ?? 1,
      };
      await queueMail(deps.db, await linkMail(session, registration, joinSecret, kind, extra), { runAt: deps.now() });
    },

    async cancelled(session, { registration, promoted }) {
      const mail = await sessionMailContext(deps, session);
      const l = registration.locale;
      const t = (key: Parameters<typeof translate>[1]) => translate(l, key, { title: session.title });
      await queueMail(
        deps.db,
        {
          to: registration.email,
          subject: t('mail.cancelledByYou.subject'),
          ...renderMail(l, {
            heading: t('mail.cancelledByYou.heading'),
            paragraphs: [t('mail.cancelledByYou.body')],
            action: { label: t('mail.cancelledByYou.action'), url: mail.pageUrl },
            footer: mail.footer(l),
          }),
          attachments: [mail.ics('CANCEL', { name: registration.name, email: registration.email })],
        },
        { runAt: deps.now(), dedupeKey: `cancelled:${registration.id}:${registration.linkGeneration}` },
      );
      if (promoted) await mailPromoted(session, [promoted]);
    },

    promoted: mailPromoted,
  };
}
