import { sessionPageUrl } from '../http/page-urls.ts';
import type { CalendarSession } from './ics.ts';
import type { SessionRow } from './schema.ts';

/** What a calendar entry says beyond the session itself: where its page is and who organizes it. */
export interface CalendarSource {
  publicUrl: string;
  /** The sender address (MAIL_FROM), used as the entry's organizer so replies reach someone. */
  mailFrom: string;
}

/**
 * A session as a calendar entry. Downloads, feeds and mailed invitations all build it here, so
 * a calendar that got the session one way recognises it (same UID) when it arrives another way.
 */
export function calendarEntry(
  session: SessionRow,
  community: { name: string },
  source: CalendarSource,
): CalendarSession {
  return {
    sessionId: session.id,
    title: session.title,
    description: session.description,
    url: sessionPageUrl(source.publicUrl, session.slug),
    startsAt: session.startsAt,
    durationMinutes: session.durationMinutes,
    timeZone: session.timeZone,
    organizer: { name: community.name, email: senderAddress(source.mailFrom) },
    status: session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: session.revision,
  };
}

/** "Serambi <no-reply@x>" → "no-reply@x". */
export function senderAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}
