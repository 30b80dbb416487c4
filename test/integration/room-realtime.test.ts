import { dispose } from '@livekit/rtc-node';
import type { RoomEvent, RoomSnapshot } from '@serambi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { isRunning } from '../support/processes.ts';
import {
  anAudienceMember,
  aRegistrant,
  aRoomSetup,
  auditSeenBy,
  type ConnectedClient,
  connect,
  eventually,
  joinRoom,
  permissionsIn,
  problemOf,
  type RoomClient,
  requestJoin,
  roomService,
  untilDisconnected,
} from '../support/room.ts';

const snapshotOf = async (client: RoomClient) =>
  (await (await client.call('', { method: 'GET' })).json()) as RoomSnapshot;

/** Versions of the events a client received, in order of version. */
const versionsOf = (events: RoomEvent[]) => events.map((e) => e.v).sort((a, b) => a - b);

/** 1, 2, 3 … with neither gaps nor repeats. */
const consecutive = (versions: number[]) => versions.every((v, i) => i === 0 || v === (versions[i - 1] ?? 0) + 1);

// rtc-node's runtime is disposed once, after every describe of the file: a connect after it never resolves.
afterAll(async () => {
  await dispose();
});

describe('the room tells everyone what changed, in order', () => {
  let app: TestApp;
  const clients: ConnectedClient[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const client of clients) await client.disconnect().catch(() => undefined);
    await app?.stop();
  });

  it('numbers the events of a session consecutively across topics, and its snapshot catches up with the last', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const budi = await anAudienceMember(app, setup, host, 'Budi Santoso');
    clients.push(budi.client);
    await budi.client.nextEvent((e) => e.type === 'session.presence' && e.data.connected === 1);

    expect((await host.call('/settings', { method: 'PATCH', body: { stageGuestLimit: 2 } })).status).toBe(200);
    expect((await budi.member.call('/hand', { body: { raised: true } })).status).toBe(204);
    expect((await host.call('/live')).status).toBe(204);
    expect((await host.call(`/participants/${budi.identity}/invite`)).status).toBe(204);
    expect((await budi.member.call('/stage/answer', { body: { accept: false } })).status).toBe(204);
    await budi.client.nextEvent((e) => e.type === 'stage.left');

    // Presence is announced a moment later; wait until the client has everything the snapshot counts.
    const settled = await eventually(async () => {
      const snapshot = await snapshotOf(host);
      return Math.max(...versionsOf(budi.client.events)) === snapshot.version && snapshot;
    });
    const versions = versionsOf(budi.client.events);
    expect(consecutive(versions), JSON.stringify(versions)).toBe(true);
    expect(versions.at(-1)).toBe(settled.version);
    const types = new Set(budi.client.events.map((e) => e.type));
    for (const type of ['session.settings', 'session.presence', 'session.status', 'hand.raised', 'stage.invited']) {
      expect(types).toContain(type);
    }
  });

  it('counts a joining audience and announces the head count to everyone, coalesced', async () => {
    const audienceSize = 5;
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const backstage = await connect(host.join);
    clients.push(backstage);
    const joins = [];
    for (let i = 1; i <= audienceSize; i++) {
      const secret = await aRegistrant(app, setup.owner, setup.session.slug, `Penonton ${i}`);
      joins.push((await joinRoom(app, setup.session.slug, { joinSecret: secret })).join);
    }

    const audience = await Promise.all(joins.map((join) => connect(join)));
    clients.push(...audience);

    const everyoneCounted = (e: RoomEvent) => e.type === 'session.presence' && e.data.connected === audienceSize;
    await Promise.all([backstage, ...audience].map((client) => client.nextEvent(everyoneCounted)));
    const presenceEvents = backstage.events.filter((e) => e.type === 'session.presence');
    expect(presenceEvents.length).toBeGreaterThan(0);
    expect(presenceEvents.length).toBeLessThan(audienceSize);
    expect((await snapshotOf(host)).presence.connected).toBe(audienceSize);
  });

  it('keeps the audience waiting until the doors open, while the team gets the backstage', async () => {
    const setup = await aRoomSetup(app, { startsInMinutes: 120 });
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    expect(host.join.livekit?.room).toBe('backstage');
    const secret = await aRegistrant(app, setup.owner, setup.session.slug, 'Budi Santoso');

    const early = await joinRoom(app, setup.session.slug, { joinSecret: secret });
    expect(early.join.livekit).toBeNull();
    expect(Date.parse(early.join.snapshot.settings.doorsOpenAt)).toBeGreaterThan(Date.now());

    const opened = await host.call('/settings', { method: 'PATCH', body: { doorsOpenAt: new Date().toISOString() } });
    expect(opened.status).toBe(200);
    const inside = await joinRoom(app, setup.session.slug, { joinSecret: secret });
    expect(inside.join.livekit?.room).toBe('stage');
    expect(inside.join.snapshot.session.status).toBe('scheduled');
  });

  it('ends the session for everyone: the event goes out, both LiveKit rooms close, and joins find it ended', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const backstage = await connect(host.join);
    clients.push(backstage);
    const budi = await anAudienceMember(app, setup, host, 'Budi Santoso');
    clients.push(budi.client);
    expect((await host.call('/live')).status).toBe(204);
    await budi.client.nextEvent((e) => e.type === 'session.status' && e.data.status === 'live');

    expect((await host.call('/end')).status).toBe(204);
    const ended = await budi.client.nextEvent((e) => e.type === 'session.status' && e.data.status === 'ended');
    expect(ended.type === 'session.status' && ended.data.endedAt).toBeTruthy();
    await untilDisconnected(budi.client);
    const rooms = (await roomService(app).listRooms()).map((room) => room.name);
    expect(rooms).not.toContain(setup.session.id);
    expect(rooms).not.toContain(`${setup.session.id}-backstage`);

    const after = await joinRoom(app, setup.session.slug, { joinSecret: budi.secret });
    expect(after.join.livekit).toBeNull();
    expect(after.join.snapshot.session.status).toBe('ended');
    const actions = (await auditSeenBy(host)).map((entry) => [entry.action, entry.actor.name, entry.target]);
    expect(actions).toEqual([
      ['end', 'Ayu Lestari', null],
      ['go_live', 'Ayu Lestari', null],
    ]);
  });

  it('answers joins with 503 livekit_unavailable while LiveKit is down, and keeps registrations and room state', async () => {
    const downApp = await startTestApp();
    try {
      const setup = await aRoomSetup(downApp);
      const host = await joinRoom(downApp, setup.session.slug, { caller: setup.owner });
      const secret = await aRegistrant(downApp, setup.owner, setup.session.slug, 'Budi Santoso');
      const budi = await joinRoom(downApp, setup.session.slug, { joinSecret: secret });
      expect((await budi.call('/hand', { body: { raised: true } })).status).toBe(204);
      const stateOf = async () => ({
        registrations: await downApp.context.db.query.registrations.findMany({
          where: (r, { eq }) => eq(r.sessionId, setup.session.id),
        }),
        participants: await downApp.context.db.query.roomParticipants.findMany({
          where: (p, { eq }) => eq(p.sessionId, setup.session.id),
        }),
        room: await downApp.context.db.query.sessionRooms.findFirst({
          where: (r, { eq }) => eq(r.sessionId, setup.session.id),
        }),
      });
      const before = await stateOf();

      const pid = downApp.liveKitPid;
      if (pid === undefined) throw new Error('the test app runs no local LiveKit');
      process.kill(pid, 'SIGTERM');
      await eventually(async () => !isRunning(pid));
      // The supervisor starts LiveKit again after a pause: ask at once.
      const refused = await fetch(`${downApp.url}/api/sessions/${setup.session.slug}/room/join`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
        body: JSON.stringify({ joinSecret: secret }),
      });
      const problem = await problemOf(refused);
      expect(problem).toMatchObject({ status: 503, code: 'livekit_unavailable' });
      expect(problem.detail).toMatch(/media server cannot be reached/i);
      expect((await requestJoin(downApp, setup.session.slug, { caller: setup.owner })).status).toBe(503);

      expect(await stateOf()).toEqual(before);
      expect(before.participants.map((p) => [p.name, p.handRaisedAt !== null])).toEqual(
        expect.arrayContaining([['Budi Santoso', true]]),
      );
      expect(host.join.snapshot.me.role).toBe('moderator');
    } finally {
      await downApp.stop();
    }
  });
});

describe.each(['pglite', 'postgres'] as const)('hand → invite → accept on %s', (database) => {
  let app: TestApp;
  const clients: ConnectedClient[] = [];
  beforeAll(async () => {
    app = await startTestApp({ database });
  });
  afterAll(async () => {
    for (const client of clients) await client.disconnect().catch(() => undefined);
    await app?.stop();
  });

  it('puts a participant who raised a hand on the stage once they accept, announcing each step in order', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    expect((await host.call('/live')).status).toBe(204);
    const budi = await anAudienceMember(app, setup, host, 'Budi Santoso');
    clients.push(budi.client);

    expect((await budi.member.call('/hand', { body: { raised: true } })).status).toBe(204);
    const raised = await budi.client.nextEvent((e) => e.type === 'hand.raised');
    expect((await host.call(`/participants/${budi.identity}/invite`)).status).toBe(204);
    const invited = await budi.client.nextEvent((e) => e.type === 'stage.invited');
    expect(await permissionsIn(app, setup.session.id, budi.identity)).toMatchObject({ canPublish: false });
    expect((await budi.member.call('/stage/answer', { body: { accept: true } })).status).toBe(204);
    const joined = await budi.client.nextEvent((e) => e.type === 'stage.joined');

    expect(invited.v).toBeGreaterThan(raised.v);
    expect(joined.v).toBeGreaterThan(invited.v);
    expect(await permissionsIn(app, setup.session.id, budi.identity)).toMatchObject({
      canPublish: true,
      hidden: false,
    });
    const snapshot = await snapshotOf(budi.member);
    expect(snapshot.me.stage).toBe('on_stage');
    expect(snapshot.hands).toEqual([]);
    expect(snapshot.version).toBeGreaterThanOrEqual(joined.v);
  });
});
