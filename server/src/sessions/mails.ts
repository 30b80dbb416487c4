import type { Locale } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { and, eq, inArray } from 'drizzle-orm';
import { queueMail } from '../notifications/mail-job.ts';
import { renderMail } from '../notifications/render.ts';
import { registrations } from '../registrations/schema.ts';
import { type MailDeps, sessionMailContext } from './mail-context.ts';
import type { SessionNotifications } from './notify.ts';
import { planReminders } from './reminders.ts';

/** Tells registrants of a new time or a cancellation, moves reminders, and invites speakers and moderators. */
export function createSessionNotifications(deps: MailDeps): SessionNotifications {
  return {
    using: (db) => createSessionNotifications({ ...deps, db }),

    async created(session) {
      await planReminders(deps.db, session, deps.now());
    },

    async changed({ after, rescheduled, cancelled, before }) {
      if (after.status !== before.status || rescheduled || cancelled) {
        await planReminders(deps.db, after, deps.now());
      }
      if (!rescheduled && !cancelled) return;
      const mail = await sessionMailContext(deps, after);
      const people = await deps.db
        .select()
        .from(registrations)
        .where(and(eq(registrations.sessionId, after.id), inArray(registrations.status, ['registered', 'waitlisted'])));
      for (const person of people) {
        const l: Locale = person.locale;
        const t = (key: Parameters<typeof translate>[1]) => translate(l, key, { title: after.title });
        const [subject, heading, paragraphs] = cancelled
          ? [t('mail.sessionCancelled.subject'), t('mail.sessionCancelled.heading'), [t('mail.sessionCancelled.body')]]
          : [
              t('mail.rescheduled.subject'),
              t('mail.rescheduled.heading'),
              [t('mail.rescheduled.body'), mail.when(l), t('mail.rescheduled.calendar')],
            ];
        await queueMail(
          deps.db,
          {
            to: person.email,
            subject,
            ...renderMail(l, {
              heading,
              paragraphs: [translate(l, 'mail.greeting', { name: person.name }), ...paragraphs],
              action: { label: translate(l, 'mail.cancelledByYou.action'), url: mail.pageUrl },
              footer: mail.footer(l),
            }),
            attachments: [mail.ics(cancelled ? 'CANCEL' : 'REQUEST', { name: person.name, email: person.email })],
          },
          { runAt: deps.now(), dedupeKey: `session-change:${person.id}:${after.revision}` },
        );
      }
    },

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
