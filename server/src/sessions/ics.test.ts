import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type CalendarSession, calendarFeed, googleCalendarLink, sessionIcs, vtimezone } from './ics.ts';

const generatedAt = new Date('2025-11-01T08:00:00Z');

function session(overrides: Partial<CalendarSession> = {}): CalendarSession {
  return {
    sessionId: 'ses_sharing1',
    title: 'Sharing Online #1',
    description: 'Berbagi pengalaman; tanya jawab, lalu penutup.',
    url: 'https://serambi.example/s/sharing-online-1',
    // Sunday 7 December 2025, 20.00 WITA.
    startsAt: new Date('2025-12-07T12:00:00Z'),
    durationMinutes: 90,
    timeZone: 'Asia/Makassar',
    organizer: { name: 'Komunitas Bisnis Bali', email: 'halo@bisnis-bali.example' },
    status: 'CONFIRMED',
    sequence: 0,
    ...overrides,
  };
}

/** Reads a calendar back with ical.js, which takes zone rules only from the file's VTIMEZONE. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue('status'),
      tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
      localStart: event.startDate.toString(),
      startsAt: event.startDate.toJSDate().toISOString(),
      endsAt: event.endDate.toJSDate().toISOString(),
      attendees: vevent.getAllProperties('attendee').map((attendee) => attendee.getFirstValue()),
    };
  });
  return { calendar, events, method: calendar.getFirstPropertyValue('method') };
}

describe('sessionIcs', () => {
  it('reads back as the session at 20.00 WITA, with its UID, SEQUENCE and STATUS', () => {
    const { events, method } = parse(sessionIcs({ ...session(), method: 'PUBLISH', generatedAt }));
    expect(method).toBe('PUBLISH');
    expect(events).toEqual([
      expect.objectContaining({
        uid: 'ses_sharing1@serambi',
        sequence: 0,
        status: 'CONFIRMED',
        tzid: 'Asia/Makassar',
        localStart: '2025-12-07T20:00:00',
        startsAt: '2025-12-07T12:00:00.000Z',
        endsAt: '2025-12-07T13:30:00.000Z',
      }),
    ]);
  });

  it('writes the title and description escaped, and the organizer', () => {
    const text = sessionIcs({ ...session(), method: 'PUBLISH', generatedAt });
    const vevent = parse(text).calendar.getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('summary')).toBe('Sharing Online #1');
    expect(vevent?.getFirstPropertyValue('description')).toBe('Berbagi pengalaman; tanya jawab, lalu penutup.');
    expect(vevent?.getFirstPropertyValue('organizer')).toBe('mailto:halo@bisnis-bali.example');
    expect(text).toContain('DTSTAMP:20251101T080000Z');
  });

  it('sends an invitation as a REQUEST addressed to the registrant', () => {
    const text = sessionIcs({
      ...session(),
      method: 'REQUEST',
      generatedAt,
      attendee: { name: 'Ayu', email: 'ayu@example.com' },
    });
    const { method, events } = parse(text);
    expect(method).toBe('REQUEST');
    expect(events[0]?.attendees).toEqual([expect.stringMatching(/^mailto:ayu@example\.com$/i)]);
  });

  it('keeps the UID of a rescheduled session and carries its raised SEQUENCE', () => {
    const before = parse(sessionIcs({ ...session(), method: 'REQUEST', generatedAt })).events[0];
    const after = parse(
      sessionIcs({
        ...session({ startsAt: new Date('2025-12-07T11:00:00Z'), sequence: 1 }),
        method: 'REQUEST',
        generatedAt,
      }),
    ).events[0];
    expect(after?.uid).toBe(before?.uid);
    expect(after?.sequence).toBe(1);
    expect(after?.localStart).toBe('2025-12-07T19:00:00');
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED', () => {
    const { method, events } = parse(
      sessionIcs({ ...session({ status: 'CANCELLED', sequence: 2 }), method: 'CANCEL', generatedAt }),
    );
    expect(method).toBe('CANCEL');
    expect(events[0]).toMatchObject({ status: 'CANCELLED', sequence: 2, uid: 'ses_sharing1@serambi' });
  });
});

describe('calendarFeed', () => {
  const berlinSeries = [
    session({ sessionId: 'ses_b1', timeZone: 'Europe/Berlin', startsAt: new Date('2026-03-22T18:00:00Z') }),
    session({ sessionId: 'ses_b2', timeZone: 'Europe/Berlin', startsAt: new Date('2026-03-29T17:00:00Z') }),
  ];

  it('keeps a Berlin series at 19:00 on both sides of the change to summer time, read through its VTIMEZONE', () => {
    const text = calendarFeed({
      name: 'Sharing Online Berlin',
      description: 'Setiap Minggu',
      url: 'https://serambi.example/c/berlin',
      events: berlinSeries,
      generatedAt,
    });
    expect(parse(text).events.map(({ localStart, startsAt }) => ({ localStart, startsAt }))).toEqual([
      { localStart: '2026-03-22T19:00:00', startsAt: '2026-03-22T18:00:00.000Z' },
      { localStart: '2026-03-29T19:00:00', startsAt: '2026-03-29T17:00:00.000Z' },
    ]);
  });

  it('ends a session that runs through the night clocks go forward at the right instant', () => {
    const lateNight = session({
      timeZone: 'Europe/Berlin',
      startsAt: new Date('2026-03-29T00:30:00Z'),
      durationMinutes: 90,
    });
    const text = calendarFeed({
      name: 'Malam',
      description: '',
      url: 'https://serambi.example/c/malam',
      events: [lateNight],
      generatedAt,
    });
    expect(text).toContain('DTEND;TZID=Europe/Berlin:20260329T040000');
    expect(parse(text).events[0]?.endsAt).toBe('2026-03-29T02:00:00.000Z');
  });

  it('names itself and holds one VTIMEZONE per zone and every session under its stable UID', () => {
    const text = calendarFeed({
      name: 'Komunitas Bisnis Bali',
      description: 'Semua sesi',
      url: 'https://serambi.example/c/bisnis-bali',
      events: [...berlinSeries, session()],
      generatedAt,
    });
    const { calendar, events, method } = parse(text);
    expect(method).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Komunitas Bisnis Bali');
    expect(calendar.getFirstPropertyValue('refresh-interval')?.toString()).toBe('PT1H');
    expect(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual([
      'Europe/Berlin',
      'Asia/Makassar',
    ]);
    expect(events.map((event) => event.uid)).toEqual(['ses_b1@serambi', 'ses_b2@serambi', 'ses_sharing1@serambi']);
  });

  it('keeps a community name and description with line breaks to their own properties', () => {
    const name = 'Bisnis, Bali; dan\r\nX-INJECTED:1';
    const description = 'Baris satu\nBEGIN:VEVENT\r\nUID:palsu\\';
    const text = calendarFeed({
      name,
      description,
      url: 'https://serambi.example/c/b',
      events: [session()],
      generatedAt,
    });
    expect(text.split('\r\n').filter((line) => /^(X-INJECTED|UID:palsu)/.test(line))).toEqual([]);
    expect(text).toContain('X-WR-CALNAME:Bisnis, Bali; dan\\nX-INJECTED:1\r\n');
    expect(text).toContain('X-WR-CALDESC:Baris satu\\nBEGIN:VEVENT\\nUID:palsu\\\\\r\n');
    expect(parse(text).events).toHaveLength(1);
  });
});

describe('sessions of old rows with strange years', () => {
  const feedOf = (events: CalendarSession[]) =>
    calendarFeed({ name: 'Lama', description: '', url: 'https://serambi.example/c/lama', events, generatedAt });

  it('keeps the year 26 and 9999 as written, and leaves out what a four-digit year cannot hold', () => {
    const text = feedOf([
      session({ sessionId: 'ses_year26', startsAt: new Date('0026-01-01T00:01:00Z') }),
      session({ sessionId: 'ses_year9999', startsAt: new Date('9999-06-01T00:00:00Z') }),
      session({ sessionId: 'ses_new_year_10000', startsAt: new Date('9999-12-31T15:30:00Z') }),
      session({ sessionId: 'ses_bce', startsAt: new Date('-000043-03-15T12:00:00Z') }),
    ]);
    expect(parse(text).events.map((event) => event.uid)).toEqual(['ses_year26@serambi', 'ses_year9999@serambi']);
    expect(text).toMatch(/^DTSTART;TZID=Asia\/Makassar:00260101T/m);
  });

  it('describes the zone around each session only, so sessions ten thousand years apart in Berlin stay a small file', () => {
    const text = feedOf([
      session({ sessionId: 'ses_old', timeZone: 'Europe/Berlin', startsAt: new Date('0026-07-01T12:00:00Z') }),
      session({ sessionId: 'ses_far', timeZone: 'Europe/Berlin', startsAt: new Date('9999-07-01T12:00:00Z') }),
    ]);
    expect(text.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toHaveLength(2);
    // Before Berlin kept railway time (1893) its clock ran 53 minutes 28 seconds ahead of UTC.
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:00260701T125328\r\n');
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:99990701T140000\r\n');
  });
});

describe('vtimezone', () => {
  it('starts each observance at the local time of the old offset', () => {
    const text = vtimezone('Europe/Berlin', new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(text).toContain(
      ['BEGIN:DAYLIGHT', 'DTSTART:20260329T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST'].join(
        '\r\n',
      ),
    );
    expect(text).toContain(['BEGIN:STANDARD', 'DTSTART:20251026T030000', 'TZOFFSETFROM:+0200'].join('\r\n'));
  });

  it('gives a zone that never changed one standard observance', () => {
    const text = vtimezone('Etc/GMT-7', new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(text).toContain('TZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700');
    expect(text.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toEqual(['BEGIN:STANDARD']);
  });
});

describe('googleCalendarLink', () => {
  it('prefills Google Calendar with the UTC start and end and the session’s zone', () => {
    const link = new URL(
      googleCalendarLink({
        title: 'Sharing Online #1',
        details: 'Berbagi & tanya jawab',
        location: 'https://serambi.example/s/sharing-online-1',
        startsAt: new Date('2025-12-07T12:00:00Z'),
        durationMinutes: 90,
        timeZone: 'Asia/Makassar',
      }),
    );
    expect(`${link.origin}${link.pathname}`).toBe('https://calendar.google.com/calendar/render');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      action: 'TEMPLATE',
      text: 'Sharing Online #1',
      dates: '20251207T120000Z/20251207T133000Z',
      details: 'Berbagi & tanya jawab',
      location: 'https://serambi.example/s/sharing-online-1',
      ctz: 'Asia/Makassar',
    });
  });
});
