import { zoneAbbreviation } from '@serambi/shared';
import ical, { ICalCalendarMethod, type ICalEventData, ICalEventStatus } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';

/**
 * Sessions as calendar entries: one .ics per session (download or mail invitation), a feed to
 * subscribe to for a series or a community, and Google Calendar's "add event" link.
 *
 * Times are written in the session's own zone (DTSTART;TZID=Asia/Makassar:20251207T200000) with
 * a VTIMEZONE built here from the zone's real transitions: a reader that knows the IANA name
 * uses its own rules, one that does not (Outlook, older clients) still gets the right instants,
 * and the entry shows the organizer's "20.00 WITA" rather than a UTC time.
 */

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarSession {
  /** Makes the UID, `<sessionId>@serambi`: the same session must keep the same UID forever. */
  sessionId: string;
  title: string;
  description: string;
  /** The session's page. */
  url: string;
  startsAt: Date;
  durationMinutes: number;
  /** IANA zone the session was planned in. */
  timeZone: string;
  organizer: CalendarPerson;
  status: 'CONFIRMED' | 'CANCELLED';
  /** Raised on every change of time or status, so calendars replace their copy instead of keeping it. */
  sequence: number;
}

/** PUBLISH for downloads, REQUEST for a mailed invitation, CANCEL for a mailed cancellation (RFC 5546). */
export type IcsMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

export interface SessionIcsInput extends CalendarSession {
  method: IcsMethod;
  /** DTSTAMP: when this copy was made, from the clock. */
  generatedAt: Date;
  /** Whom a REQUEST or CANCEL is addressed to; mail clients match the invitation to them. */
  attendee?: CalendarPerson;
}

export interface CalendarFeedInput {
  name: string;
  description: string;
  /** The page of the series or community. */
  url: string;
  events: readonly CalendarSession[];
  generatedAt: Date;
}

const PRODUCT_ID = { company: 'Serambi', product: 'Serambi', language: 'EN' } as const;

/** Asks subscribers to look again hourly; Apple honours it, Google refreshes on its own schedule. */
const FEED_REFRESH_SECONDS = 60 * 60;

export function sessionUid(sessionId: string): string {
  return `${sessionId}@serambi`;
}

/** One session as a calendar file (without an entry if its time cannot be written in one, see `isWritable`). */
export function sessionIcs(input: SessionIcsInput): string {
  const { method, generatedAt, attendee, ...session } = input;
  const writable = [session].filter(isWritable);
  const calendar = ical({
    prodId: PRODUCT_ID,
    method: ICalCalendarMethod[method],
    timezone: { name: null, generator: vtimezoneGenerator(writable) },
  });
  for (const entry of writable) {
    const event = calendar.createEvent(eventData(entry, generatedAt));
    // RSVP off: a registration is the answer already; the calendar should not ask again.
    if (attendee) event.createAttendee({ ...attendee, rsvp: false });
  }
  return calendar.toString();
}

/** Every session of a series or community, for "subscribe" in a calendar app. */
export function calendarFeed(input: CalendarFeedInput): string {
  const events = input.events.filter(isWritable);
  // No calendar-wide zone: ical-generator would then write DTSTAMP in the server's local time
  // without a Z. Each event carries its own TZID instead.
  const calendar = ical({
    prodId: PRODUCT_ID,
    method: ICalCalendarMethod.PUBLISH,
    name: calendarText(input.name),
    description: calendarText(input.description),
    url: input.url,
    ttl: FEED_REFRESH_SECONDS,
    timezone: { name: null, generator: vtimezoneGenerator(events) },
  });
  for (const session of events) calendar.createEvent(eventData(session, input.generatedAt));
  return calendar.toString();
}

/**
 * iCalendar writes a year with four digits (RFC 5545 §3.3.4): a session of an old row that starts
 * before the year 0 or ends after 9999 in its zone would be a line readers refuse, and some then
 * drop the whole feed. It is left out; the year 26 or 9999 itself is written as it is.
 */
function isWritable(session: CalendarSession): boolean {
  const start = zoned(session.startsAt, session.timeZone);
  return start.year >= 0 && start.add({ minutes: session.durationMinutes }).year <= 9999;
}

/**
 * Backslashes and line breaks escaped as RFC 5545 §3.3.11 TEXT. ical-generator (11.1) escapes an event's text but writes
 * the calendar's own NAME, X-WR-CALNAME and X-WR-CALDESC as given, so a line break in a
 * community's description started properties, or whole events, of its own in every
 * subscriber's calendar.
 */
function calendarText(text: string): string {
  // Commas and semicolons stay as they are, as ical-generator leaves them: readers take these
  // one-value properties whole, and would show their backslashes.
  return text.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n');
}

function eventData(session: CalendarSession, generatedAt: Date): ICalEventData {
  // Zoned values, not Dates: given a Date and a zone, ical-generator reads the wall clock of the
  // server process's own zone.
  const start = zoned(session.startsAt, session.timeZone);
  return {
    id: sessionUid(session.sessionId),
    sequence: session.sequence,
    stamp: generatedAt,
    start,
    end: start.add({ minutes: session.durationMinutes }),
    timezone: session.timeZone,
    summary: session.title,
    description: session.description,
    url: session.url,
    location: session.url,
    organizer: session.organizer,
    status: ICalEventStatus[session.status],
  };
}

function zoned(instant: Date, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
}

/**
 * ical-generator asks once per zone used; each answer covers that zone's events, each from its
 * start to its end (not the whole stretch between the first and the last: sessions of the years
 * 26 and 9999 in Berlin would span sixteen thousand transitions).
 */
function vtimezoneGenerator(events: readonly CalendarSession[]): (timeZone: string) => string | null {
  return (timeZone) => {
    const spans = events
      .filter((event) => event.timeZone === timeZone)
      .map((event) => ({
        from: event.startsAt,
        to: new Date(event.startsAt.getTime() + event.durationMinutes * 60_000),
      }));
    return spans.length === 0 ? null : vtimezoneCovering(timeZone, spans);
  };
}

/**
 * A VTIMEZONE for `timeZone` that is exact from `from` to `to`: the observance in force at
 * `from`, then one per transition up to `to`, each with its own DTSTART rather than an RRULE, so
 * it is as right as the engine's time zone data and needs no rules of ours.
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string {
  return vtimezoneCovering(timeZone, [{ from, to }]);
}

/** A VTIMEZONE exact within each span: the observances of `vtimezone` for each, once each, in order. */
function vtimezoneCovering(timeZone: string, spans: ReadonlyArray<{ from: Date; to: Date }>): string {
  const observances = new Map<string, { at: number; lines: string[] }>();
  const add = (at: number, lines: string[]) => observances.set(lines.join('\r\n'), { at, lines });
  for (const { from, to } of spans) {
    const start = zoned(from, timeZone);
    const inForce = start.getTimeZoneTransition('previous');
    if (inForce) add(inForce.epochMilliseconds, observance(timeZone, inForce));
    else add(Number.NEGATIVE_INFINITY, sinceEver(timeZone, start));
    for (
      let transition = start.getTimeZoneTransition('next');
      transition && transition.epochMilliseconds <= to.getTime();
      transition = transition.getTimeZoneTransition('next')
    ) {
      add(transition.epochMilliseconds, observance(timeZone, transition));
    }
  }
  const ordered = [...observances.values()].sort((a, b) => a.at - b.at).flatMap((o) => o.lines);
  return ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, ...ordered, 'END:VTIMEZONE'].join('\r\n');
}

function observance(timeZone: string, transition: Temporal.ZonedDateTime): string[] {
  const before = transition.subtract({ nanoseconds: 1 });
  // Daylight is the observance that moves clocks forward; calendars only use the offsets anyway.
  const kind = transition.offsetNanoseconds > before.offsetNanoseconds ? 'DAYLIGHT' : 'STANDARD';
  // RFC 5545: an observance starts at the local time of the old offset.
  const onset = transition
    .toInstant()
    .add({ nanoseconds: before.offsetNanoseconds })
    .toZonedDateTimeISO('UTC')
    .toPlainDateTime();
  return [
    `BEGIN:${kind}`,
    `DTSTART:${basicDateTime(onset)}`,
    `TZOFFSETFROM:${basicOffset(before.offset)}`,
    `TZOFFSETTO:${basicOffset(transition.offset)}`,
    `TZNAME:${zoneAbbreviation(timeZone, new Date(transition.epochMilliseconds), 'en')}`,
    `END:${kind}`,
  ];
}

const UNIX_EPOCH = Temporal.PlainDateTime.from('1970-01-01T00:00:00');

/** For a zone that never changed (Etc/GMT-7), or never before the session: one standard observance from 1970. */
function sinceEver(timeZone: string, at: Temporal.ZonedDateTime): string[] {
  const offset = basicOffset(at.offset);
  // From 1970, or from the session itself when an old row holds an earlier one (the year 26).
  const local = at.toPlainDateTime();
  const since = Temporal.PlainDateTime.compare(local, UNIX_EPOCH) < 0 ? local : UNIX_EPOCH;
  return [
    'BEGIN:STANDARD',
    `DTSTART:${basicDateTime(since)}`,
    `TZOFFSETFROM:${offset}`,
    `TZOFFSETTO:${offset}`,
    `TZNAME:${zoneAbbreviation(timeZone, new Date(at.epochMilliseconds), 'en')}`,
    'END:STANDARD',
  ];
}

/** 2025-12-07T20:00 → 20251207T200000 */
function basicDateTime(local: Temporal.PlainDateTime): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(local.year, 4)}${pad(local.month)}${pad(local.day)}T${pad(local.hour)}${pad(local.minute)}${pad(local.second)}`;
}

/** +08:00 → +0800, and -03:30 → -0330; historical offsets keep their seconds (+07:07:12 → +070712). */
function basicOffset(offset: string): string {
  return offset.replaceAll(':', '');
}

export interface GoogleCalendarLinkInput {
  title: string;
  details: string;
  /** Shown as the place; for an online session, its page. */
  location: string;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
}

/** Google Calendar's "add this event" page, prefilled; ctz shows the times in the session's zone. */
export function googleCalendarLink(input: GoogleCalendarLinkInput): string {
  const end = new Date(input.startsAt.getTime() + input.durationMinutes * 60_000);
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: input.title,
    dates: `${utcBasic(input.startsAt)}/${utcBasic(end)}`,
    details: input.details,
    location: input.location,
    ctz: input.timeZone,
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

/** 2025-12-07T12:00:00.000Z → 20251207T120000Z */
function utcBasic(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replaceAll(/[-:]/g, '')}Z`;
}
