import type { Locale } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { cancelJobs, enqueueJob } from '../jobs/service.ts';
import { queueMail } from '../notifications/mail-job.ts';
import { renderMail } from '../notifications/render.ts';
import { type MailDeps, sessionMailContext } from '../sessions/mail-context.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { sessionById } from '../sessions/service.ts';
import type { JoinLinks } from './link-secrets.ts';
import { joinUrl } from './mails.ts';
import type { SessionReminder } from './reminder-schema.ts';
import { registrations } from './schema.ts';

/**
 * Plans a session's reminder rounds, `offsets` minutes before it (its series' own, or the
 * default 24 hours and 1 hour), replacing any planned for an earlier time. Each round is a job
 * with a dedupe key holding the start instant, so two instances planning at once make one.
 */
export async function planReminders(
  db: Database,
  session: SessionRow,
  now: Date,
  offsets: readonly number[],
): Promise<void> {
  await cancelJobs(db, { kind: 'session-reminder', dedupeKeyPrefix: `session-reminder:${session.id}:` }, now);
  if (session.status !== 'scheduled') return;
  for (const offsetMinutes of offsets) {
    const runAt = new Date(session.startsAt.getTime() - offsetMinutes * 60_000);
    if (runAt <= now) continue;
    const startsAt = session.startsAt.toISOString();
    await enqueueJob(db, {
      kind: 'session-reminder',
      payload: { sessionId: session.id, offsetMinutes, startsAt },
      runAt,
      dedupeKey: `session-reminder:${session.id}:${offsetMinutes}:${startsAt}`,
    });
  }
}

/**
 * Runs one reminder round: one mail per registered person, each with its own dedupe key, so a
 * round that is retried or run twice never mails anyone twice.
 */
export function sessionReminderHandler(deps: MailDeps & { links: JoinLinks }) {
  return async (round: SessionReminder): Promise<void> => {
    const session = await sessionById(deps.db, round.sessionId);
    if (session?.status !== 'scheduled' || session.startsAt.toISOString() !== round.startsAt) return;
    // A round running far behind (the server was down, the session was moved close) would read
    // "tomorrow" an hour before: past half its lead time, leave it to the next round.
    const now = deps.now();
    const leadLeftMs = session.startsAt.getTime() - now.getTime();
    if (leadLeftMs < (round.offsetMinutes * 60_000) / 2) return;
    const mail = await sessionMailContext(deps, session);
    const people = await deps.db
      .select()
      .from(registrations)
      .where(and(eq(registrations.sessionId, session.id), eq(registrations.status, 'registered')));
    for (const person of people) {
      const l: Locale = person.locale;
      const when = whenWords(l, round.offsetMinutes);
      const link = joinUrl(deps.publicUrl, deps.links.secretFor(person.id, person.linkGeneration));
      await queueMail(
        deps.db,
        {
          to: person.email,
          subject: translate(l, 'mail.reminder.subject', { title: session.title, when }),
          ...renderMail(l, {
            heading: translate(l, 'mail.reminder.heading', { title: session.title, when }),
            paragraphs: [
              translate(l, 'mail.greeting', { name: person.name }),
              mail.when(l),
              translate(l, 'mail.reminder.body'),
            ],
            action: { label: translate(l, 'mail.reminder.action'), url: link },
            footer: mail.footer(l),
          }),
        },
        { runAt: now, dedupeKey: `reminder:${person.id}:${round.offsetMinutes}:${round.startsAt}` },
      );
    }
  };
}

function whenWords(locale: Locale, offsetMinutes: number): string {
  if (offsetMinutes >= 12 * 60) return translate(locale, 'mail.reminder.dayBefore');
  if (offsetMinutes >= 60) return translate(locale, 'mail.reminder.hourBefore');
  return translate(locale, 'mail.reminder.soon', { minutes: offsetMinutes });
}
