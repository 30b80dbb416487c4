import { randomBytes } from 'node:crypto';
import { dispose } from '@livekit/rtc-node';
import { feedbackResponses } from '@serambi/server/feedback/schema.ts';
import { roomParticipants } from '@serambi/server/room/schema.ts';
import type { AttendanceReport } from '@serambi/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller, signUp, signUpConfirmed } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  anEmail,
  anInvitee,
  aSeriesSetup,
  attendanceSeenBy,
  intervalsOf,
  participantWebhook,
  personIn,
  seriesReportSeenBy,
} from '../support/attendance.ts';
import { ask, moderate, vote } from '../support/qa.ts';
import {
  aRoomSetup,
  aSpeaker,
  type ConnectedClient,
  connect,
  eventually,
  joinLobby,
  joinRoom,
  snapshotOf,
} from '../support/room.ts';
import { postWebhook, signedWebhook } from '../support/webhooks.ts';

/** Lets real time pass with people in the room: the length of their stays is what these tests measure. */
const stayFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const secondsBetween = (from: number, to: number) => (to - from) / 1000;
/** LiveKit's and our clocks agree to well under a second; a stay's ends are taken when the calls return. */
const expectAbout = (actual: number, expected: number, what: string) =>
  expect(Math.abs(actual - expected), `${what}: ${actual} s, expected about ${expected.toFixed(1)} s`).toBeLessThan(1);

/** Waits until LiveKit's webhooks have told the server of `count` connections of `identity`, one of them open. */
const untilConnected = (app: TestApp, sessionId: string, identity: string, count = 1) =>
  eventually(async () => {
    const rows = (await intervalsOf(app, sessionId)).filter((row) => row.identity === identity);
    return rows.length >= count && rows.some((row) => row.leftAt === null);
  });

/** Waits until every connection of the session (or of `identity`) has ended. */
const untilClosed = (app: TestApp, sessionId: string, identity?: string) =>
  eventually(async () => {
    const rows = (await intervalsOf(app, sessionId)).filter((row) => !identity || row.identity === identity);
    return rows.length > 0 && rows.every((row) => row.leftAt !== null) && rows;
  });

const liveSpanOf = (report: AttendanceReport) => {
  if (!report.liveAt || !report.endedAt) throw new Error('the session has not been live and ended');
  return { liveAt: Date.parse(report.liveAt), endedAt: Date.parse(report.endedAt) };
};

/** The CSV as rows of cells (no cell here holds a comma, a quote or a line break). */
const rowsOf = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

// rtc-node's runtime is disposed once, after every describe of the file: a connect after it never resolves.
afterAll(async () => {
  await dispose();
});

describe('attendance, from LiveKit’s joins and leaves', () => {
  let app: TestApp;
  const clients: ConnectedClient[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const client of clients) await client.disconnect().catch(() => undefined);
    await app?.stop();
  });

  /**
   * A private session: Sari stays from before going live to the end; Budi leaves and comes back;
   * Wayan, let in from the lobby on his laptop, is invited meanwhile and opens his join link on
   * his phone too; Rudi registered and never came; Made speaks.
   */
  describe('of a small audience in a private session', () => {
    let organizer: Caller;
    let speaker: Caller;
    let session: { id: string; slug: string };
    let report: AttendanceReport;
    let live: { liveAt: number; endedAt: number };
    const people = { sari: anEmail('Sari Dewi'), budi: anEmail('Budi Santoso'), rudi: anEmail('Rudi Hartono') };
    let wayanEmail: string;
    const moments = { budiLeft: 0, budiBack: 0, phoneOn: 0, laptopOff: 0 };

    beforeAll(async () => {
      const setup = await aRoomSetup(app, { visibility: 'private' });
      organizer = setup.owner;
      session = setup.session;
      const host = await joinRoom(app, session.slug, { caller: organizer });
      const sariSecret = await anInvitee(app, organizer, session, { name: 'Sari Dewi', email: people.sari });
      const budiSecret = await anInvitee(app, organizer, session, { name: 'Budi Santoso', email: people.budi });
      await anInvitee(app, organizer, session, { name: 'Rudi Hartono', email: people.rudi });
      const wayan = await signUpConfirmed(app, { name: 'Wayan Sudarma' });
      wayanEmail = wayan.email;
      const waiting = await joinLobby(app, session.slug, { caller: wayan });
      expect((await host.call(`/participants/${waiting.join.snapshot.me.identity}/admit`)).status).toBe(204);

      const sari = await joinRoom(app, session.slug, { joinSecret: sariSecret });
      const budi = await joinRoom(app, session.slug, { joinSecret: budiSecret });
      const laptop = await joinRoom(app, session.slug, { caller: wayan });
      const budiFirst = await connect(budi.join);
      const laptopClient = await connect(laptop.join);
      clients.push(await connect(sari.join), budiFirst, laptopClient);
      for (const who of [sari, budi, laptop]) await untilConnected(app, session.id, who.join.snapshot.me.identity);
      expect((await host.call('/live')).status).toBe(204);

      const phoneSecret = await anInvitee(app, organizer, session, { name: 'Wayan Sudarma', email: wayan.email });
      const phone = await joinRoom(app, session.slug, { joinSecret: phoneSecret });
      clients.push(await connect(phone.join));
      moments.phoneOn = Date.now();
      speaker = await aSpeaker(app, session.id);
      const stage = await joinRoom(app, session.slug, { caller: speaker });
      clients.push(await connect(stage.join));
      await untilConnected(app, session.id, phone.join.snapshot.me.identity);
      await untilConnected(app, session.id, stage.join.snapshot.me.identity);
      await stayFor(1_500);

      await budiFirst.disconnect();
      moments.budiLeft = Date.now();
      await untilClosed(app, session.id, budi.join.snapshot.me.identity);
      await stayFor(2_500);
      clients.push(await connect(budi.join));
      moments.budiBack = Date.now();
      await untilConnected(app, session.id, budi.join.snapshot.me.identity, 2);
      await stayFor(1_000);

      await laptopClient.disconnect();
      moments.laptopOff = Date.now();
      await untilClosed(app, session.id, laptop.join.snapshot.me.identity);
      await stayFor(1_500);
      expect((await host.call('/end')).status).toBe(204);
      await untilClosed(app, session.id);
      report = await attendanceSeenBy(organizer, session.slug);
      live = liveSpanOf(report);
    }, 60_000);

    it('gives a registrant who stays from going live to the end about 100% and the session’s live seconds', () => {
      const sari = personIn(report, people.sari);
      expectAbout(sari.seconds, secondsBetween(live.liveAt, live.endedAt), 'Sari');
      expect(sari.percent).toBeGreaterThanOrEqual(95);
      expect(sari).toMatchObject({ name: 'Sari Dewi', registered: true, attended: true, connections: 1 });
      // She was waiting before the session went live: that is her first join, not counted time.
      expect(Date.parse(sari.firstJoinedAt ?? '')).toBeLessThan(live.liveAt);
    });

    it('gives a registrant who leaves and comes back both stays without the gap, as two connections', () => {
      const budi = personIn(report, people.budi);
      const stays = secondsBetween(live.liveAt, moments.budiLeft) + secondsBetween(moments.budiBack, live.endedAt);
      expectAbout(budi.seconds, stays, 'Budi');
      expect(budi.connections).toBe(2);
      expect(budi.percent).toBeLessThan(personIn(report, people.sari).percent);
    });

    it('counts someone on two devices (lobby on the laptop, join link on the phone) once: the union, not the sum', () => {
      const wayan = personIn(report, wayanEmail);
      const overlap = secondsBetween(moments.phoneOn, moments.laptopOff);
      expect(overlap).toBeGreaterThan(3);
      expectAbout(wayan.seconds, secondsBetween(live.liveAt, live.endedAt), 'Wayan');
      expect(wayan).toMatchObject({ name: 'Wayan Sudarma', role: 'participant', registered: true, connections: 2 });
      // Sari, Budi and Wayan were in at once; Wayan's second device makes no fourth viewer.
      expect(report.peakViewers).toBe(3);
    });

    it('counts registered, attended, rate, peak, average and the timeline over the audience, and lists the speaker by role', () => {
      const audience = report.people.filter((p) => p.role === 'participant' && p.attended);
      expect(report).toMatchObject({
        registered: 4,
        attended: 3,
        attendanceRate: 75,
        peakViewers: 3,
        peakAt: report.liveAt,
        averageMinutes: Math.round(audience.reduce((sum, p) => sum + p.seconds, 0) / audience.length / 60),
        liveMinutes: Math.round(secondsBetween(live.liveAt, live.endedAt) / 60),
        timeline: [{ at: report.liveAt, viewers: 3 }],
      });
      expect(report.people.map((p) => [p.name, p.role, p.attended])).toEqual([
        ['Budi Santoso', 'participant', true],
        ['Made Wirawan', 'speaker', true],
        ['Rudi Hartono', 'participant', false],
        ['Sari Dewi', 'participant', true],
        ['Wayan Sudarma', 'participant', true],
      ]);
      expect(personIn(report, people.rudi)).toMatchObject({ seconds: 0, connections: 0, firstJoinedAt: null });
    });

    it('exports one CSV row per person, headers in the caller’s language and times in the session’s zone', async () => {
      const english = await organizer.request(`/api/sessions/${session.slug}/report/attendance.csv`, {
        headers: { 'Accept-Language': 'en' },
      });
      expect(english.status).toBe(200);
      expect(english.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(english.headers.get('content-disposition')).toBe(`attachment; filename="attendance-${session.slug}.csv"`);
      const bytes = Buffer.from(await english.arrayBuffer());
      // A byte-order mark, so spreadsheet programs read the names as UTF-8.
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      const [header, ...rows] = rowsOf(text);
      expect(header).toEqual([
        'Name',
        'Email',
        'Role',
        'Registered',
        'Attended',
        'Minutes present',
        'Percent of session',
        'Connections',
        'First joined (WITA)',
        'Last left (WITA)',
        'Gave feedback',
      ]);
      expect(rows).toHaveLength(report.people.length);
      const sari = personIn(report, people.sari);
      const sariRow = rows.find((row) => row[1] === people.sari);
      expect(sariRow?.slice(0, 8)).toEqual([
        'Sari Dewi',
        people.sari,
        'Participant',
        'Yes',
        'Yes',
        String(sari.minutes),
        String(sari.percent),
        '1',
      ]);
      // Asia/Makassar is UTC+8.
      const wita = new Date(Date.parse(sari.firstJoinedAt ?? '') + 8 * 3_600_000).toISOString();
      expect(sariRow?.[8]).toBe(`${wita.slice(0, 10)} ${wita.slice(11, 19)}`);
      expect(rows.find((row) => row[1] === people.rudi)?.slice(2, 5)).toEqual(['Participant', 'Yes', 'No']);

      const indonesian = await organizer.request(`/api/sessions/${session.slug}/report/attendance.csv`, {
        headers: { 'Accept-Language': 'id' },
      });
      const [headerId, ...rowsId] = rowsOf(await indonesian.text());
      expect(headerId?.slice(0, 3)).toEqual(['Nama', 'Email', 'Peran']);
      expect(headerId?.[8]).toBe('Pertama masuk (WITA)');
      expect(rowsId.find((row) => row[0] === 'Made Wirawan')?.[2]).toBe('Pembicara');
    });

    it('refuses the report like the other reports: 404 to strangers and signed-out callers, 403 to the speaker', async () => {
      const stranger = await signUp(app.url, { name: 'Putu Ayu' });
      for (const [who, caller, status] of [
        ['stranger', stranger, 404],
        ['signed out', anonymous(app.url), 404],
        ['speaker', speaker, 403],
      ] as const) {
        for (const path of ['attendance', 'attendance.csv', 'interaction']) {
          const response = await caller.request(`/api/sessions/${session.slug}/report/${path}`);
          expect({ who, path, status: response.status }).toEqual({ who, path, status });
        }
      }
    });
  });

  it('closes a connection whose leave never came when the room finishes, and counts it to the end', async () => {
    const { owner, session } = await aRoomSetup(app);
    const host = await joinRoom(app, session.slug, { caller: owner });
    const ketutEmail = anEmail('Ketut Arsana');
    const nyomanEmail = anEmail('Nyoman Sari');
    const ketut = await joinRoom(app, session.slug, {
      joinSecret: await anInvitee(app, owner, session, { name: 'Ketut Arsana', email: ketutEmail }),
    });
    const nyoman = await joinRoom(app, session.slug, {
      joinSecret: await anInvitee(app, owner, session, { name: 'Nyoman Sari', email: nyomanEmail }),
    });
    clients.push(await connect(ketut.join));
    await untilConnected(app, session.id, ketut.join.snapshot.me.identity);
    expect((await host.call('/live')).status).toBe(204);
    // Nyoman's phone lost its signal: LiveKit's "left" for that connection is lost too.
    const lostAt = Date.now();
    const lost = participantWebhook(
      'participant_joined',
      session.id,
      {
        identity: nyoman.join.snapshot.me.identity,
        sid: `PA_lost${randomBytes(4).toString('hex')}`,
        joinedAtMs: lostAt,
      },
      Math.floor(lostAt / 1000),
    );
    expect((await postWebhook(app, await signedWebhook(app, lost))).status).toBe(204);
    await stayFor(2_000);

    expect((await host.call('/end')).status).toBe(204);
    const rows = await untilClosed(app, session.id);
    const report = await attendanceSeenBy(owner, session.slug);
    const { liveAt, endedAt } = liveSpanOf(report);
    const lostRow = rows.find((row) => row.connectionSid === lost.participant.sid);
    // Closed by the room finishing, just after the session ended.
    expect((lostRow?.leftAt?.getTime() ?? 0) - endedAt).toBeGreaterThanOrEqual(0);
    expect((lostRow?.leftAt?.getTime() ?? 0) - endedAt).toBeLessThan(1_000);
    expectAbout(personIn(report, nyomanEmail).seconds, secondsBetween(lostAt, endedAt), 'Nyoman');
    // Ketut was still connected at the end: LiveKit's own "left" on closing the room ends his stay.
    const ketutStay = personIn(report, ketutEmail);
    expectAbout(ketutStay.seconds, secondsBetween(liveAt, endedAt), 'Ketut');
    expect(ketutStay.percent).toBeGreaterThanOrEqual(95);
  });

  it('counts a leave delivered twice, and a leave that arrives before its join, once', async () => {
    const { owner, session } = await aRoomSetup(app);
    const host = await joinRoom(app, session.slug, { caller: owner });
    const dewiEmail = anEmail('Dewi Lestari');
    const dewi = await joinRoom(app, session.slug, {
      joinSecret: await anInvitee(app, owner, session, { name: 'Dewi Lestari', email: dewiEmail }),
    });
    expect((await host.call('/live')).status).toBe(204);
    const { liveAt } = await attendanceSeenBy(owner, session.slug);
    const joinedAtMs = Date.parse(liveAt ?? '') + 250;
    const leftSecond = Math.floor(joinedAtMs / 1000) + 2;
    // Delivered late (LiveKit retried it): the leave counts at the last millisecond of its second.
    await eventually(async () => Date.now() > leftSecond * 1000 + 1_000);
    const connection = {
      identity: dewi.join.snapshot.me.identity,
      sid: `PA_${randomBytes(5).toString('hex')}`,
      joinedAtMs,
    };
    const left = participantWebhook('participant_left', session.id, connection, leftSecond);
    const joined = participantWebhook('participant_joined', session.id, connection, Math.floor(joinedAtMs / 1000));
    const deliveries = [
      left,
      joined,
      { ...left, id: `EV_${randomBytes(6).toString('hex')}` },
      { ...joined, id: `EV_${randomBytes(6).toString('hex')}` },
      left,
    ];
    for (const delivery of deliveries) {
      expect((await postWebhook(app, await signedWebhook(app, delivery))).status).toBe(204);
    }
    expect((await host.call('/end')).status).toBe(204);

    const rows = (await intervalsOf(app, session.id)).filter((row) => row.identity === connection.identity);
    expect(rows.map((row) => [row.joinedAt.getTime(), row.leftAt?.getTime()])).toEqual([
      [joinedAtMs, leftSecond * 1000 + 999],
    ]);
    const report = await attendanceSeenBy(owner, session.slug);
    expect(personIn(report, dewiEmail)).toMatchObject({
      seconds: Math.round((leftSecond * 1000 + 999 - joinedAtMs) / 1000),
      connections: 1,
      attended: true,
    });
  });

  it('keeps who is connected right whatever order LiveKit’s webhooks arrive in', async () => {
    const { owner, session } = await aRoomSetup(app);
    const host = await joinRoom(app, session.slug, { caller: owner });
    const putu = await joinRoom(app, session.slug, {
      joinSecret: await anInvitee(app, owner, session, { name: 'Putu Ayu', email: anEmail('Putu Ayu') }),
    });
    expect((await host.call('/live')).status).toBe(204);
    const identity = putu.join.snapshot.me.identity;
    const connectedNow = async () => {
      const [row] = await app.context.db
        .select({ connected: roomParticipants.connected })
        .from(roomParticipants)
        .where(and(eq(roomParticipants.sessionId, session.id), eq(roomParticipants.identity, identity)));
      return row?.connected;
    };
    const start = Date.now();
    const connection = (n: number) => ({
      identity,
      sid: `PA_${randomBytes(5).toString('hex')}`,
      joinedAtMs: start + n * 1_000,
    });
    const deliver = async (name: 'participant_joined' | 'participant_left', c: ReturnType<typeof connection>) => {
      const delivery = participantWebhook(name, session.id, c, Math.floor(c.joinedAtMs / 1000) + 1);
      expect((await postWebhook(app, await signedWebhook(app, delivery))).status).toBe(204);
    };

    // A short visit whose "left" is handled before its "joined": nobody is left counted in.
    const first = connection(0);
    await deliver('participant_left', first);
    await deliver('participant_joined', first);
    expect(await connectedNow()).toBe(false);
    // A reconnect: the new connection's "joined" first, the old one's "left" late.
    const second = connection(1);
    const third = connection(2);
    await deliver('participant_joined', second);
    expect(await connectedNow()).toBe(true);
    await deliver('participant_joined', third);
    await deliver('participant_left', second);
    expect(await connectedNow()).toBe(true);
    await deliver('participant_left', third);
    expect(await connectedNow()).toBe(false);
    // A "joined" of an earlier connection arriving last changes nothing.
    await deliver('participant_joined', connection(1.5));
    expect(await connectedNow()).toBe(false);
    expect((await snapshotOf(host)).presence.connected).toBe(0);
  });

  it('shows a series across its sessions: returning attendees, loyalty, ratings and a topic two questions share', async () => {
    const { organizer, series } = await aSeriesSetup(app);
    const [first, second, third] = series.sessions;
    if (!first || !second || !third) throw new Error('three sessions expected');
    const cancelled = await organizer.request(`/api/sessions/${third.slug}`, {
      method: 'PATCH',
      body: { status: 'cancelled' },
    });
    expect(cancelled.status).toBe(200);
    const sari = { name: 'Sari Dewi', email: anEmail('Sari Dewi') };
    const budi = { name: 'Budi Santoso', email: anEmail('Budi Santoso') };
    const wayan = { name: 'Wayan Sudarma', email: anEmail('Wayan Sudarma') };

    /** One session: the audience comes in, asks and votes, `during` happens, and the session ends. */
    const held = async (
      session: { id: string; slug: string },
      audience: Array<{ name: string; email: string }>,
      during: (
        members: Awaited<ReturnType<typeof joinRoom>>[],
        host: Awaited<ReturnType<typeof joinRoom>>,
      ) => Promise<void>,
    ) => {
      const host = await joinRoom(app, session.slug, { caller: organizer });
      const secrets = [];
      for (const person of audience) secrets.push(await anInvitee(app, organizer, session, person));
      expect((await host.call('/live')).status).toBe(204);
      const members = await Promise.all(secrets.map((joinSecret) => joinRoom(app, session.slug, { joinSecret })));
      clients.push(...(await Promise.all(members.map((member) => connect(member.join)))));
      for (const member of members) await untilConnected(app, session.id, member.join.snapshot.me.identity);
      await during(members, host);
      expect((await host.call('/end')).status).toBe(204);
    };

    await held(first, [sari, budi], async ([sariIn, budiIn], host) => {
      if (!sariIn || !budiIn) throw new Error('both in');
      const strategy = await ask(sariIn, 'Bagaimana strategi pemasaran digital untuk UMKM?');
      await vote(budiIn, strategy.id);
      await ask(budiIn, 'Kapan jadwal sesi berikutnya?');
      const rude = await ask(budiIn, 'Pemasaran digital itu penipuan kan?');
      await moderate(host, rude.id, 'dismiss');
    });
    await held(second, [sari, wayan], async ([sariIn, wayanIn]) => {
      if (!sariIn || !wayanIn) throw new Error('both in');
      const tools = await ask(wayanIn, 'Apa tools pemasaran digital yang murah?');
      await vote(sariIn, tools.id);
    });
    await app.context.db.insert(feedbackResponses).values([
      { sessionId: first.id, email: sari.email, name: sari.name, rating: 5 },
      { sessionId: first.id, email: budi.email, name: budi.name, rating: 4 },
    ]);

    const analytics = await seriesReportSeenBy(organizer, series.id);
    expect(
      analytics.sessions.map((s) => [
        s.number,
        s.registered,
        s.attended,
        s.returning,
        s.attendanceRate,
        s.averageRating,
      ]),
    ).toEqual([
      [1, 2, 2, 0, 100, 4.5],
      [2, 2, 2, 1, 100, null],
    ]);
    expect(analytics).toMatchObject({
      seriesId: series.id,
      uniqueAttendees: 3,
      returningAttendees: 1,
      loyalty: [
        { sessions: 1, people: 2 },
        { sessions: 2, people: 1 },
      ],
      // The dismissed question is not counted.
      questionsAsked: 3,
      topics: [{ topic: 'pemasaran digital', questions: 2, votes: 2 }],
    });

    const firstReport = await attendanceSeenBy(organizer, first.slug);
    expect(firstReport.people.map((p) => [p.name, p.gaveFeedback])).toEqual([
      ['Budi Santoso', true],
      ['Sari Dewi', true],
    ]);
    expect(personIn(await attendanceSeenBy(organizer, second.slug), sari.email).gaveFeedback).toBe(false);

    const stranger = await signUp(app.url, { name: 'Putu Ayu' });
    expect((await stranger.request(`/api/series/${series.id}/report`)).status).toBe(403);
    expect((await anonymous(app.url).request(`/api/series/${series.id}/report`)).status).toBe(401);
    expect((await organizer.request(`/api/series/${crypto.randomUUID()}/report`)).status).toBe(404);
  });
});
