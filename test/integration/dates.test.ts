import { jobs } from '@serambi/server/jobs/schema.ts';
import { series as seriesTable } from '@serambi/server/series/schema.ts';
import { sessionPeople, sessions } from '@serambi/server/sessions/schema.ts';
import { type Problem, sessionStartWindow } from '@serambi/shared';
import { and, count, eq, inArray } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { aFuzzWorld, type FuzzWorld } from '../support/fuzz/fixtures.ts';
import { type OpenApiDocument, operationsOf } from '../support/fuzz/openapi.ts';
import { rereadProblems } from '../support/fuzz/run.ts';
import { aRegistrant, eventually, joinRoom } from '../support/room.ts';
import { agedSessionsOf, ageRows } from '../support/strange-dates.ts';

/**
 * Dates nobody means (the year 26, the year 9999, JavaScript's last day) are refused where they
 * come in, with a message that names the field and stores nothing; and rows that hold such dates
 * anyway (an old database, a restore, a hand-made fix) do not take down the pages that read them.
 */
describe('dates and times', () => {
  let app: TestApp;
  let organizer: Caller;
  const community = 'tanggal-aneh';
  const inEnglish = { 'Accept-Language': 'en' };

  const post = (path: string, body: unknown) => organizer.request(path, { method: 'POST', body, headers: inEnglish });
  const patch = (path: string, body: unknown) => organizer.request(path, { method: 'PATCH', body, headers: inEnglish });

  /** What a half-done request would leave behind: sessions, series, their people, queued jobs. */
  const stored = async () => {
    const { db } = app.context;
    const [[s], [r], [p], [j]] = await Promise.all([
      db.select({ n: count() }).from(sessions),
      db.select({ n: count() }).from(seriesTable),
      db.select({ n: count() }).from(sessionPeople),
      db.select({ n: count() }).from(jobs),
    ]);
    return { sessions: s?.n, series: r?.n, people: p?.n, jobs: j?.n };
  };

  const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000);
  const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);

  async function refusal(response: Response) {
    expect(response.status).toBe(422);
    return (await response.json()) as Problem;
  }

  beforeAll(async () => {
    app = await startTestApp();
    organizer = await signUp(app.url);
    const created = await post('/api/communities', {
      name: 'Komunitas Tanggal',
      slug: community,
      timeZone: 'Asia/Makassar',
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => app?.stop());

  describe('as they come in', () => {
    it.each([
      ['0026-01-01T00:01:00.0Z', 'the year 26, as the fuzzer sent it'],
      ['0001-01-01T00:00:00Z', 'the year 1'],
      ['9999-12-31T23:59:59.999Z', 'the last day of the year 9999'],
      ['1999-12-31T23:59:59+07:00', 'the last second of 1999 in Jakarta'],
      ['2101-01-01T00:00:00Z', 'the first moment of 2101'],
    ])('refuses a session starting %s (%s) as a 422 naming startsAt, and stores nothing', async (startsAt) => {
      const before = await stored();
      const problem = await refusal(
        await post(`/api/communities/${community}/sessions`, {
          title: 'Sesi Salah Tanggal',
          startsAt,
          timeZone: 'Asia/Makassar',
        }),
      );
      expect(problem.errors).toEqual([{ path: 'startsAt', message: 'Choose a date in the years 2000 to 2100.' }]);
      expect(await stored()).toEqual(before);
    });

    it('refuses what is no ISO instant for JavaScript or PostgreSQL, +275760-09-13, without a server error', async () => {
      const problem = await refusal(
        await post(`/api/communities/${community}/sessions`, {
          title: 'Sesi Akhir Zaman',
          startsAt: '+275760-09-13T00:00:00.000Z',
          timeZone: 'Asia/Makassar',
        }),
      );
      expect(problem.errors?.map((e) => e.path)).toEqual(['startsAt']);
    });

    it('refuses a start two years ago or six years ahead, saying which dates are open, in Indonesian too', async () => {
      const window = sessionStartWindow(new Date());
      const before = await stored();
      for (const startsAt of [daysFromNow(-2 * 366), daysFromNow(6 * 366)]) {
        const body = { title: 'Sesi Terlalu Jauh', startsAt: startsAt.toISOString(), timeZone: 'Asia/Makassar' };
        const english = await refusal(await post(`/api/communities/${community}/sessions`, body));
        expect(english.errors).toEqual([
          {
            path: 'startsAt',
            message: `A session starts at most 1 year ago and at most 5 years ahead: choose a time between ${dayOf(window.earliest)} and ${dayOf(window.latest)}.`,
          },
        ]);
        const indonesian = await organizer.request(`/api/communities/${community}/sessions`, {
          method: 'POST',
          body,
          headers: { 'Accept-Language': 'id' },
        });
        expect((await refusal(indonesian)).errors?.[0]?.message).toMatch(/^Sesi dimulai paling awal 1 tahun lalu/);
      }
      expect(await stored()).toEqual(before);
    });

    it('schedules a session eleven months ago, as an organizer catching up on a past one would', async () => {
      const response = await post(`/api/communities/${community}/sessions`, {
        title: 'Sesi yang Sudah Lewat',
        startsAt: daysFromNow(-335).toISOString(),
        timeZone: 'Asia/Makassar',
      });
      expect(response.status).toBe(201);
    });

    it('refuses moving a session to the year 26, and keeps its time, reminders and registrants’ mail as they were', async () => {
      const created = await post(`/api/communities/${community}/sessions`, {
        title: 'Sesi Dipindah',
        startsAt: daysFromNow(10).toISOString(),
        timeZone: 'Asia/Makassar',
      });
      const session = (await created.json()) as { slug: string; startsAt: string };
      await aRegistrant(app, organizer, session.slug, 'Budi Santoso');
      const before = await stored();

      const problem = await refusal(
        await patch(`/api/sessions/${session.slug}`, { startsAt: '0026-01-01T00:01:00.0Z' }),
      );
      expect(problem.errors?.map((e) => e.path)).toEqual(['startsAt']);
      expect(await stored()).toEqual(before);
      const after = (await (await organizer.request(`/api/sessions/${session.slug}`)).json()) as { startsAt: string };
      expect(after.startsAt).toBe(session.startsAt);
    });

    const schedule = (overrides: Record<string, unknown>) => ({
      firstDate: dayOf(daysFromNow(7)),
      startTime: '19:30',
      timeZone: 'Asia/Makassar',
      rule: { kind: 'weekly' },
      end: { kind: 'count', count: 3 },
      ...overrides,
    });

    it('refuses a series that starts in the year 26, or whose monthly sessions run past five years, and stores none of it', async () => {
      const before = await stored();
      const year26 = await refusal(
        await post(`/api/communities/${community}/series`, {
          title: 'Seri Kuno',
          schedule: schedule({ firstDate: '0026-01-01' }),
          people: [{ role: 'speaker', name: 'Made Wirawan', email: 'made.kuno@example.id' }],
        }),
      );
      expect(year26.errors).toEqual([
        { path: 'schedule.firstDate', message: 'Choose a date in the years 2000 to 2100.' },
      ]);
      const tooFar = await refusal(
        await post(`/api/communities/${community}/series`, {
          title: 'Seri Panjang',
          schedule: schedule({
            firstDate: dayOf(daysFromNow(3 * 365)),
            rule: { kind: 'monthly-nth-weekday', nth: 1, weekday: 1 },
            end: { kind: 'count', count: 40 },
          }),
          people: [{ role: 'moderator', name: 'Dewi Sartika', email: 'dewi.panjang@example.id' }],
        }),
      );
      expect(tooFar.errors?.map((e) => e.path)).toEqual(['schedule.end.count']);
      expect(tooFar.errors?.[0]?.message).toMatch(
        /^The last session would start on \d{4}-\d{2}-\d{2}, more than 5 years ahead/,
      );
      expect(await stored()).toEqual(before);
    });

    it('lays a series out across a spring-forward night, where 02:30 does not exist in Berlin, at 03:30', async () => {
      const sunday = nextSpringForwardInBerlin();
      const response = await post(`/api/communities/${community}/series`, {
        title: 'Seri Musim Semi',
        schedule: schedule({
          firstDate: sunday,
          startTime: '02:30',
          timeZone: 'Europe/Berlin',
          end: { kind: 'count', count: 1 },
        }),
      });
      expect(response.status).toBe(201);
      const created = (await response.json()) as { sessions: Array<{ startsAt: string }> };
      // 03:30 summer time (UTC+2) is 01:30 UTC.
      expect(created.sessions.map((s) => s.startsAt)).toEqual([`${sunday}T01:30:00.000Z`]);
    });

    it('refuses moving the following sessions of a series to the year 2099, and moves none of them', async () => {
      const response = await post(`/api/communities/${community}/series`, {
        title: 'Seri Dipindah',
        schedule: schedule({}),
      });
      const created = (await response.json()) as { id: string; sessions: Array<{ startsAt: string }> };
      const before = await stored();
      const problem = await refusal(
        await patch(`/api/series/${created.id}/sessions/2/following`, { firstDate: '2099-01-04' }),
      );
      expect(problem.errors?.map((e) => e.path)).toEqual(['firstDate']);
      expect(await stored()).toEqual(before);
      const after = (await (await organizer.request(`/api/series/${created.id}`)).json()) as typeof created;
      expect(after.sessions.map((s) => s.startsAt)).toEqual(created.sessions.map((s) => s.startsAt));
    });

    it('refuses doors that open two days before the start, or after it, naming doorsOpenAt', async () => {
      const startsAt = daysFromNow(3);
      const created = await post(`/api/communities/${community}/sessions`, {
        title: 'Sesi Pintu',
        startsAt: startsAt.toISOString(),
        timeZone: 'Asia/Makassar',
      });
      const session = (await created.json()) as { slug: string };
      const host = await joinRoom(app, session.slug, { caller: organizer });
      for (const doorsOpenAt of [
        new Date(startsAt.getTime() - 48 * 3_600_000),
        new Date(startsAt.getTime() + 60_000),
      ]) {
        const problem = await refusal(
          await host.call('/settings', { method: 'PATCH', body: { doorsOpenAt: doorsOpenAt.toISOString() } }),
        );
        // A room ticket carries no language: Indonesian, the default.
        expect(problem.errors).toEqual([
          {
            path: 'doorsOpenAt',
            message: 'Buka pintu paling awal 24 jam sebelum sesi dimulai, dan tidak lebih lambat dari waktu mulai.',
          },
        ]);
      }
      const opened = await host.call('/settings', {
        method: 'PATCH',
        body: { doorsOpenAt: new Date(startsAt.getTime() - 3_600_000).toISOString() },
      });
      expect(opened.status).toBe(200);
    });
  });

  describe('in old rows', () => {
    let world: FuzzWorld;
    let held: { id: string; slug: string };
    let ofSeries: string;

    beforeAll(async () => {
      world = await aFuzzWorld(app);
      held = world.held;
      const aged = await agedSessionsOf(app, world);
      ofSeries = aged.ofSeries;
      await ageRows(app.context.db, aged);
    }, 120_000);

    it('lists a session of the year 26 in its community’s calendar feed, which answers 200 without one of 44 BC', async () => {
      const response = await organizer.request(`/api/communities/${world.community.slug}/calendar.ics`);
      // The world's community is the world organizer's; the feed is public anyway.
      expect(response.status).toBe(200);
      const calendar = new ICAL.Component(ICAL.parse(await response.text()));
      const uids = calendar.getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('uid'));
      expect(uids).toContain(`${held.id}@serambi`);
      // 44 BC has no four-digit year for iCalendar: that one entry is left out, not the feed.
      expect(uids).not.toContain(`${ofSeries}@serambi`);
      expect(uids.length).toBeGreaterThan(1);
    });

    it('shows the session with its stored year in the API, as an ISO instant', async () => {
      const response = await world.organizer.request(`/api/sessions/${held.slug}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ startsAt: '0026-01-01T00:01:00.000Z' });
    });

    it('answers every GET of the API, read by the organizer with the real ids, without a server error', async () => {
      const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as OpenApiDocument;
      expect(await rereadProblems(app.url, operationsOf(doc), world)).toEqual([]);
    }, 120_000);

    it('serves the session, series and community pages with their link previews', async () => {
      const paths = [
        `/s/${held.slug}`,
        `/s/${world.live.slug}`,
        `/c/${world.community.slug}`,
        `/series/${world.series.id}`,
        `/api/sessions/${held.slug}/preview.png`,
        `/api/sessions/${world.live.slug}/preview.png`,
      ];
      for (const path of paths) expect((await fetch(`${app.url}${path}`)).status, path).toBe(200);
    });

    it('mails registrants of a live session of the year 26 about its new length, with the time and a calendar file', async () => {
      const changed = await world.organizer.request(`/api/sessions/${world.live.slug}`, {
        method: 'PATCH',
        body: { durationMinutes: 120 },
      });
      expect(changed.status).toBe(200);
      const { db } = app.context;
      const sent = await eventually(async () => {
        const rows = await db
          .select()
          .from(jobs)
          .where(and(eq(jobs.kind, 'send-mail'), inArray(jobs.status, ['done', 'failed'])));
        return rows.find((row) => row.dedupeKey?.startsWith('session-change:'));
      }, 20_000);
      expect(sent.status).toBe('done');
    });
  });
});

/** The last Sunday of March after today: the night Berlin's clocks jump from 02:00 to 03:00. */
function nextSpringForwardInBerlin(): string {
  for (let year = new Date().getUTCFullYear(); ; year++) {
    const lastOfMarch = new Date(Date.UTC(year, 2, 31));
    const sunday = new Date(lastOfMarch.getTime() - lastOfMarch.getUTCDay() * 86_400_000);
    if (sunday.getTime() > Date.now() + 86_400_000) return sunday.toISOString().slice(0, 10);
  }
}
