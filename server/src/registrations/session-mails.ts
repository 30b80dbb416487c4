import type { Locale } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { queueMail } from '../notifications/mail-job.ts';
import { renderMail } from '../notifications/render.ts';
import { type MailDeps, sessionMailContext } from '../sessions/mail-context.ts';
import type { SessionNotifications } from '../sessions/notify.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { planReminders } from './reminders.ts';
import { registrations } from './schema.ts';

export interface RegistrantMailDeps extends MailDeps {
  /** When a session's reminders go out (minutes before it): its series' own times, or the default. */
  reminderOffsets(db: Database, seriesId: string | null): Promise<readonly number[]>;
}

/**
 * What registrants hear of their session's life: reminders planned when it is made and moved,
 * and a mail about a new time or a cancellation. Part of `SessionNotifications`, composed in
 * compose.ts with the invitations of speakers and moderators (`sessions/mails.ts`).
 */
export function registrantMails(deps: RegistrantMailDeps): Pick<SessionNotifications, 'created' | 'changed'> {
  const plan = async (session: SessionRow) =>
    planReminders(deps.db, session, deps.now(), await deps.reminderOffsets(deps.db, session.seriesId));
  return {
    async created(session) {
      await plan(session);
    },

    async changed({ after, rescheduled, cancelled, before }) {
      if (after.status !== before.status || rescheduled || cancelled) {
        await plan(after);
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
  };
}
