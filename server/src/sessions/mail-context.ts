import { formatSessionTime, type Locale } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { communityById } from '../communities/service.ts';
import type { Database } from '../db/client.ts';
import { sessionPageUrl } from '../http/page-urls.ts';
import { type MailAttachment, textAttachment } from '../notifications/message.ts';
import { calendarEntry } from './calendar-entry.ts';
import { type IcsMethod, sessionIcs } from './ics.ts';
import type { SessionRow } from './schema.ts';

export interface MailDeps {
  db: Database;
  publicUrl: string;
  /** The sender address, used as the calendar entry's organizer. */
  mailFrom: string;
  now: () => Date;
}

/** The mail dependencies of a running app. */
export function mailDepsOf(ctx: {
  db: Database;
  config: { publicUrl: string; mailFrom: string };
  now: () => Date;
}): MailDeps {
  return { db: ctx.db, publicUrl: ctx.config.publicUrl, mailFrom: ctx.config.mailFrom, now: ctx.now };
}

/** What every mail about a session needs: its page, its time in words, its community and its calendar file. */
export async function sessionMailContext(deps: MailDeps, session: SessionRow) {
  const community = await communityById(deps.db, session.communityId);
  if (!community) throw new Error(`community ${session.communityId} missing`);
  const pageUrl = sessionPageUrl(deps.publicUrl, session.slug);
  return {
    community,
    pageUrl,
    footer: (locale: Locale) => translate(locale, 'mail.footerCommunity', { community: community.name }),
    when: (locale: Locale) =>
      translate(locale, 'mail.whenLine', {
        time: formatSessionTime({
          startsAt: session.startsAt,
          durationMinutes: session.durationMinutes,
          timeZone: session.timeZone,
          locale,
        }).session.text,
      }),
    ics: (method: IcsMethod, attendee?: { name: string; email: string }): MailAttachment =>
      textAttachment(
        method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
        `text/calendar; charset=utf-8; method=${method}`,
        sessionIcs({
          ...calendarEntry(session, community, deps),
          method,
          generatedAt: deps.now(),
          ...(attendee ? { attendee } : {}),
        }),
      ),
  };
}
