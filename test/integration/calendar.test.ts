import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

/** A calendar read back by ical.js, which takes zone rules only from the file's own VTIMEZONE. */
function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    method: calendar.getFirstPropertyValue('method'),
    name: calendar.getFirstPropertyValue('x-wr-calname'),
    events: calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        summary: event.summary,
        sequence: event.sequence,
        status: vevent.getFirstPropertyValue('status'),
        tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
        localStart: event.startDate.toString(),
        startsAt: event.startDate.toJSDate().toISOString(),
      };
    }),
  };
}

describe.each(['pglite', 'postgres'] as const)('calendar files and feeds on %s', (database) => {
  let app: TestApp;
  let organizer: Caller;
  const community = `kalender-${database}`;

  const schedule = async (body: Record<string, unknown>) => {
    const response = await organizer.request(`/api/communities/${community}/sessions`, {
      method: 'POST',
      body: { timeZone: 'Asia/Makassar', durationMinutes: 90, ...body },
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; slug: string };
  };
  const calendarAt = async (path: string, caller: Caller = anonymous(app.url)) => {
    const response = await caller.request(path);
    expect(response.status).toBe(200);
    return parseCalendar(await response.text());
  };

  beforeAll(async () => {
    app = await startTestApp({ database });
    organizer = await signUp(app.url);
    await organizer.request('/api/communities', {
      method: 'POST',
      body: { name: 'Komunitas Bisnis Bali', slug: community, timeZone: 'Asia/Makassar' },
    });
  });
  afterAll(() => app?.stop());

  it('a session downloads as a file that reads back at 20.00 WITA, with its UID, named after its address', async () => {
    const session = await schedule({ title: 'Sharing Online #1', startsAt: '2027-06-06T12:00:00Z' });
    const response = await anonymous(app.url).request(`/api/sessions/${session.slug}/calendar.ics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${session.slug}.ics"`);
    const calendar = parseCalendar(await response.text());
    expect(calendar.method).toBe('PUBLISH');
    expect(calendar.events).toEqual([
      {
        uid: `${session.id}@serambi`,
        summary: 'Sharing Online #1',
        sequence: 0,
        status: 'CONFIRMED',
        tzid: 'Asia/Makassar',
        localStart: '2027-06-06T20:00:00',
        startsAt: '2027-06-06T12:00:00.000Z',
      },
    ]);
  });

  it('a rescheduled session shows its new time in the community feed, with a higher SEQUENCE and the same UID', async () => {
    const session = await schedule({ title: 'Sharing Online #2', startsAt: '2027-06-13T12:00:00Z' });
    const feed = `/api/communities/${community}/calendar.ics`;
    const before = (await calendarAt(feed)).events.find((e) => e.uid === `${session.id}@serambi`);
    expect(before).toMatchObject({ localStart: '2027-06-13T20:00:00', sequence: 0 });

    const moved = await organizer.request(`/api/sessions/${session.slug}`, {
      method: 'PATCH',
      body: { startsAt: '2027-06-13T11:00:00Z' },
    });
    expect(moved.status).toBe(200);

    const after = (await calendarAt(feed)).events.find((e) => e.uid === `${session.id}@serambi`);
    expect(after).toMatchObject({ localStart: '2027-06-13T19:00:00', tzid: 'Asia/Makassar' });
    expect(after?.sequence).toBeGreaterThan(before?.sequence ?? 0);
  });

  it('the community feed keeps a cancelled session as CANCELLED and leaves out drafts, unlisted and private ones', async () => {
    const cancelled = await schedule({ title: 'Dibatalkan', startsAt: '2027-06-20T12:00:00Z' });
    await organizer.request(`/api/sessions/${cancelled.slug}`, { method: 'PATCH', body: { status: 'cancelled' } });
    const draft = await schedule({ title: 'Masih draf', startsAt: '2027-06-20T12:00:00Z', status: 'draft' });
    const unlisted = await schedule({
      title: 'Tidak terdaftar',
      startsAt: '2027-06-20T12:00:00Z',
      visibility: 'unlisted',
    });
    const hidden = await schedule({ title: 'Pribadi', startsAt: '2027-06-20T12:00:00Z', visibility: 'private' });

    const response = await anonymous(app.url).request(`/api/communities/${community}/calendar.ics`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const feed = parseCalendar(await response.text());
    expect(feed.name).toBe('Komunitas Bisnis Bali');
    const uids = feed.events.map((e) => e.uid);
    expect(feed.events.find((e) => e.uid === `${cancelled.id}@serambi`)).toMatchObject({
      status: 'CANCELLED',
      sequence: 1,
    });
    for (const left of [draft, unlisted, hidden]) expect(uids).not.toContain(`${left.id}@serambi`);
    // A subscription carries no cookie: the organizer's copy is the same public feed.
    const organizersFeed = await calendarAt(`/api/communities/${community}/calendar.ics`, organizer);
    expect(organizersFeed.events.map((e) => e.uid).sort()).toEqual([...uids].sort());
  });

  it('a private session’s file is 404 for strangers and signed-out callers, and downloads for its organizer', async () => {
    const hidden = await schedule({ title: 'Rapat pengurus', startsAt: '2027-06-20T12:00:00Z', visibility: 'private' });
    const path = `/api/sessions/${hidden.slug}/calendar.ics`;
    const stranger = await signUp(app.url);

    expect((await anonymous(app.url).request(path)).status).toBe(404);
    const denied = await stranger.request(path);
    expect(denied.status).toBe(404);
    expect(denied.headers.get('content-type')).toBe('application/problem+json');
    const allowed = await organizer.request(path);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('a series feed has its sessions in order; an unknown series is 404', async () => {
    const created = await organizer.request(`/api/communities/${community}/series`, {
      method: 'POST',
      body: {
        title: 'Sharing Online',
        visibility: 'unlisted',
        schedule: {
          firstDate: '2027-07-04',
          startTime: '20:00',
          timeZone: 'Asia/Makassar',
          rule: { kind: 'weekly' },
          end: { kind: 'count', count: 3 },
        },
      },
    });
    expect(created.status).toBe(201);
    const series = (await created.json()) as { id: string; sessions: Array<{ id: string }> };

    const feed = await calendarAt(`/api/series/${series.id}/calendar.ics`);
    expect(feed.name).toBe('Sharing Online');
    expect(feed.events.map((e) => [e.uid, e.summary, e.localStart])).toEqual([
      [`${series.sessions[0]?.id}@serambi`, 'Sharing Online #1', '2027-07-04T20:00:00'],
      [`${series.sessions[1]?.id}@serambi`, 'Sharing Online #2', '2027-07-11T20:00:00'],
      [`${series.sessions[2]?.id}@serambi`, 'Sharing Online #3', '2027-07-18T20:00:00'],
    ]);
    const unknown = await anonymous(app.url).request(`/api/series/${crypto.randomUUID()}/calendar.ics`);
    expect(unknown.status).toBe(404);
  });
});
