import { formatSessionTime, type Locale } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { queueMail } from '../notifications/mail-job.ts';
import { textAttachment } from '../notifications/message.ts';
import { renderMail } from '../notifications/render.ts';
import { joinUrl } from '../registrations/mails.ts';
import type { Registered } from '../registrations/service.ts';
import { calendarEntry } from '../sessions/calendar-entry.ts';
import { calendarFeed } from '../sessions/ics.ts';
import { type MailDeps, sessionMailContext } from '../sessions/mail-context.ts';
import type { SessionNotifications } from '../sessions/notify.ts';
import type { SessionRow } from '../sessions/schema.ts';
import type { WhileWriting } from '../sessions/service.ts';
import type { SeriesRow } from './schema.ts';
import type { CreatedSeries } from './service.ts';

/**
 * What a new series sets going, in the transaction that creates it: each session's reminders,
 * and one invitation per default speaker or moderator (in the organizer's language) for the
 * whole series, sent with its first session's details.
 */
export function announceSeries(notify: SessionNotifications, locale: Locale): WhileWriting<CreatedSeries> {
  return async (tx, created) => {
    const notifications = notify.using(tx);
    for (const session of created.sessions) await notifications.created(session);
    const [first] = created.sessions;
    if (!first) return;
    for (const { person, inviteSecret } of created.people) {
      await notifications.personInvited(first, person, inviteSecret, locale, created.series);
    }
  };
}

/** One mail for a whole-series registration: every session's personal link and one calendar file with all of them. */
export async function queueSeriesRegistrationMail(
  deps: MailDeps,
  row: SeriesRow,
  results: Array<{ session: SessionRow; registered: Registered }>,
): Promise<void> {
  const first = results[0];
  if (!first) return;
  const person = first.registered.registration;
  const l: Locale = person.locale;
  const mail = await sessionMailContext(deps, first.session);
  const now = deps.now();
  const lines = results.map(({ session, registered }) =>
    translate(l, 'mail.seriesRegistered.line', {
      number: session.seriesNumber ?? 0,
      time: formatSessionTime({ ...session, locale: l }).session.text,
      status:
        registered.result.status === 'registered'
          ? translate(l, 'mail.seriesRegistered.registered')
          : translate(l, 'mail.seriesRegistered.waitlisted', { position: registered.result.waitlistPosition ?? 1 }),
      url: joinUrl(deps.publicUrl, registered.joinSecret),
    }),
  );
  const calendar = calendarFeed({
    name: row.title,
    description: row.description,
    url: `${deps.publicUrl}/series/${row.id}`,
    generatedAt: now,
    events: results.map(({ session }) => calendarEntry(session, mail.community, deps)),
  });
  const params = { title: row.title, count: results.length };
  await queueMail(
    deps.db,
    {
      to: person.email,
      subject: translate(l, 'mail.seriesRegistered.subject', params),
      ...renderMail(l, {
        heading: translate(l, 'mail.seriesRegistered.heading', params),
        paragraphs: [
          translate(l, 'mail.greeting', { name: person.name }),
          translate(l, 'mail.seriesRegistered.body'),
          lines.join('\n'),
        ],
        action: {
          label: translate(l, 'mail.registered.action'),
          url: joinUrl(deps.publicUrl, first.registered.joinSecret),
        },
        footer: mail.footer(l),
      }),
      attachments: [textAttachment('series.ics', 'text/calendar; charset=utf-8', calendar)],
    },
    { runAt: now },
  );
}
