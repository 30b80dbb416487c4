import { translate } from '@serambi/shared/i18n';
import { queueMail } from '../notifications/mail-job.ts';
import { renderMail } from '../notifications/render.ts';
import { type MailDeps, sessionMailContext } from './mail-context.ts';
import type { SessionNotifications } from './notify.ts';

/**
 * Invites speakers and moderators. Part of `SessionNotifications`, composed in compose.ts with
 * what registrants hear (`registrations/session-mails.ts`).
 */
export function sessionPeopleMails(deps: MailDeps): Pick<SessionNotifications, 'personInvited'> {
  return {
    async personInvited(session, person, inviteSecret, l, series) {
      const mail = await sessionMailContext(deps, session);
      const role = translate(
        l,
        person.role === 'speaker' ? 'mail.speakerInvite.speaker' : 'mail.speakerInvite.moderator',
      );
      const t = (key: Parameters<typeof translate>[1]) =>
        translate(l, key, { title: series?.title ?? session.title, role, community: mail.community.name });
      await queueMail(
        deps.db,
        {
          to: person.email,
          subject: t('mail.speakerInvite.subject'),
          ...renderMail(l, {
            heading: t('mail.speakerInvite.heading'),
            paragraphs: [
              translate(l, 'mail.greeting', { name: person.name }),
              t('mail.speakerInvite.body'),
              mail.when(l),
            ],
            action: { label: t('mail.speakerInvite.action'), url: `${deps.publicUrl}/speak/${inviteSecret}` },
            footer: mail.footer(l),
          }),
          ...(series ? {} : { attachments: [mail.ics('REQUEST', { name: person.name, email: person.email })] }),
        },
        { runAt: deps.now() },
      );
    },
  };
}
