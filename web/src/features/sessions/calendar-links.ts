import type { Session } from '@serambi/shared';

/** "2025-12-07T12:00:00.000Z" → "20251207T120000Z", as Google Calendar's `dates` wants it. */
function compactUtc(instant: string): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const DETAILS_LIMIT = 600;

/** Opens Google Calendar with the session filled in; the event shows in the session's zone. */
export function googleCalendarUrl(
  session: Pick<Session, 'title' | 'description' | 'startsAt' | 'endsAt' | 'timeZone'>,
  pageUrl: string,
): string {
  const description =
    session.description.length > DETAILS_LIMIT
      ? `${session.description.slice(0, DETAILS_LIMIT)}…`
      : session.description;
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: session.title,
    dates: `${compactUtc(session.startsAt)}/${compactUtc(session.endsAt)}`,
    details: description ? `${pageUrl}\n\n${description}` : pageUrl,
    ctz: session.timeZone,
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

/** The iCalendar file of a session, for Apple Calendar, Outlook and the rest. */
export function icsUrl(ref: string): string {
  return `/api/sessions/${encodeURIComponent(ref)}/calendar.ics`;
}

/** The session's public page, as people share it. */
export function sessionPageUrl(slug: string): string {
  return `${location.origin}/s/${slug}`;
}

/** A calendar feed as calendar apps subscribe to it: the same address with the webcal scheme. */
export function webcalUrl(feedPath: string): string {
  return `${location.origin.replace(/^https?:/, 'webcal:')}${feedPath}`;
}

/** Google Calendar subscribes to a feed by its webcal address. */
export function googleSubscribeUrl(feedPath: string): string {
  return `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcalUrl(feedPath))}`;
}
