import { dispose } from '@livekit/rtc-node';
import { tableRoomName } from '@serambi/server/room/events.ts';
import type { BreakoutConnection, BreakoutState } from '@serambi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMovableClock, type MovableClock, startTestApp, type TestApp } from '../support/app.ts';
import { aTableBot, breakoutCall, openTables, type TableBot } from '../support/breakouts.ts';
import {
  aCrowdOfRegistrants,
  aRoomSetup,
  claimsOf,
  connect,
  connectWithToken,
  eventually,
  joinRoom,
  participantsSeenBy,
  problemOf,
  type RoomClient,
  roomService,
  snapshotOf,
  untilDisconnected,
} from '../support/room.ts';

/**
 * Breakout tables with rtc-node participants that move between LiveKit rooms as the web client
 * does (test/support/breakouts.ts): who sits where, who may connect where, and the timer.
 */
describe('breakout tables', () => {
  let app: TestApp;
  let clock: MovableClock;
  beforeAll(async () => {
    clock = aMovableClock();
    app = await startTestApp({ clock });
  });
  afterAll(async () => {
    await app?.stop();
    await dispose();
  });

  /** A live session, its host connected to the stage, and `count` participants connected to it. */
  async function aLiveRoomWith(count: number) {
    const setup = await aRoomSetup(app);
    const backstage = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    expect((await backstage.call('/live')).status).toBe(204);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const hostClient = await connect(host.join);
    const secrets = await aCrowdOfRegistrants(app, setup.session.id, count);
    const bots: TableBot[] = [];
    for (const joinSecret of secrets) {
      bots.push(await aTableBot(await joinRoom(app, setup.session.slug, { joinSecret })));
    }
    await eventually(async () => (await participantsSeenBy(host)).filter((p) => p.connected).length === count + 1);
    return { ...setup, host, hostClient, bots };
  }

  const tableOf = (state: BreakoutState, identity: string) =>
    state.placements.find((p) => p.identity === identity)?.tableId ?? null;
  const connectTo = (client: RoomClient, tableId: string | null) =>
    client.call('/breakouts/connect', { body: { tableId } });

  it('spreads the participants evenly at random; each connects to their own table only, with camera and microphone', async () => {
    const { host, hostClient, bots, session } = await aLiveRoomWith(7);
    const opened = await openTables(host, { count: 3, minutes: 10, assignment: 'random', sizeLimit: 3 });

    expect(opened.tables.map((t) => t.count).sort()).toEqual([2, 2, 3]);
    expect(opened.placements).toHaveLength(7);
    await Promise.all(bots.map((bot) => bot.arrivedAt(tableOf(opened, bot.identity) as string)));

    const budi = bots[0] as TableBot;
    const budisTable = tableOf(opened, budi.identity) as string;
    const otherTable = opened.tables.find((t) => t.id !== budisTable)?.id as string;
    const connection = (await (await connectTo(budi.client, budisTable)).json()) as BreakoutConnection;
    expect(claimsOf(connection.token).video).toMatchObject({
      room: tableRoomName(session.id, budisTable),
      canPublish: true,
      canPublishData: false,
      canPublishSources: ['camera', 'microphone'],
      hidden: false,
    });
    expect(await problemOf(await connectTo(budi.client, otherTable))).toMatchObject({
      status: 403,
      code: 'breakout_not_your_table',
    });
    // The team visits any table.
    expect((await connectTo(host, otherTable)).status).toBe(200);
    await hostClient.disconnect();
    await Promise.all(bots.map((bot) => bot.disconnect()));
  });

  it('moves a participant: out of the old table at once, its token gets them nowhere back, and a full table is refused', async () => {
    const { host, hostClient, bots } = await aLiveRoomWith(3);
    const [budi, sari, wayan] = bots as [TableBot, TableBot, TableBot];
    const opened = await openTables(host, {
      count: 2,
      minutes: 10,
      assignment: 'manual',
      sizeLimit: 2,
      placements: [
        { identity: budi.identity, table: 1 },
        { identity: sari.identity, table: 2 },
      ],
    });
    const [first, second] = opened.tables.map((t) => t.id) as [string, string];
    await Promise.all([budi.arrivedAt(first), sari.arrivedAt(second)]);
    expect(wayan.where).toBe('main');
    const keptToken = (await (await connectTo(budi.client, first)).json()) as BreakoutConnection;

    await breakoutCall(host, `/placements/${budi.identity}`, { method: 'PUT', body: { tableId: second } });
    await budi.arrivedAt(second);
    const comeback = await connectWithToken(keptToken.url, keptToken.token);
    await untilDisconnected(comeback);

    // Table two has Budi and Sari: its limit.
    expect(
      await problemOf(
        await host.call(`/breakouts/placements/${wayan.identity}`, { method: 'PUT', body: { tableId: second } }),
      ),
    ).toMatchObject({ status: 409, code: 'breakout_table_full' });

    // Removed from the session at a table: out of the table's room too.
    const budisRoom = budi.room;
    expect((await host.call(`/participants/${budi.identity}/remove`)).status).toBe(204);
    await eventually(async () => budisRoom?.isConnected === false);
    await hostClient.disconnect();
    await Promise.all(bots.map((bot) => bot.disconnect()));
  });

  it('lets participants choose a table within its limit, and not the team', async () => {
    const { host, hostClient, bots } = await aLiveRoomWith(3);
    const [budi, sari, wayan] = bots as [TableBot, TableBot, TableBot];
    const opened = await openTables(host, { count: 2, minutes: 10, assignment: 'choose', sizeLimit: 2 });
    const [first, second] = opened.tables.map((t) => t.id) as [string, string];
    expect(opened.placements).toEqual([]);

    await breakoutCall(budi.client, '/choose', { body: { tableId: first } });
    await breakoutCall(sari.client, '/choose', { body: { tableId: first } });
    expect(await problemOf(await wayan.client.call('/breakouts/choose', { body: { tableId: first } }))).toMatchObject({
      status: 409,
      code: 'breakout_table_full',
    });
    expect(await problemOf(await host.call('/breakouts/choose', { body: { tableId: second } }))).toMatchObject({
      status: 403,
      code: 'breakout_team_visits',
    });
    const chosen = await breakoutCall<BreakoutState>(wayan.client, '/choose', { body: { tableId: second } });
    expect(chosen).toMatchObject({ myTableId: second, placements: [] });
    expect(chosen.tables.map((t) => t.count)).toEqual([2, 1]);
    await Promise.all([budi.arrivedAt(first), sari.arrivedAt(first), wayan.arrivedAt(second)]);
    await hostClient.disconnect();
    await Promise.all(bots.map((bot) => bot.disconnect()));
  });

  // Last: it moves the app's clock (by less than the five minutes a LiveKit webhook's signature lasts).
  it('counts down on the server: a message reaches every table, help reaches the team, extending moves the warning and the end, and everyone is back', async () => {
    const { host, hostClient, bots, session } = await aLiveRoomWith(4);
    const opened = await openTables(host, { count: 2, minutes: 2, assignment: 'random', sizeLimit: 6 });
    await Promise.all(bots.map((bot) => bot.arrivedAt(tableOf(opened, bot.identity) as string)));

    await breakoutCall(host, '/broadcast', { body: { message: 'Lima menit lagi, siapkan satu kesimpulan.' } }, 204);
    await Promise.all(
      bots.map((bot) => bot.nextEvent((e) => e.type === 'breakout.message' && e.data.message.startsWith('Lima menit'))),
    );
    const budi = bots[0] as TableBot;
    await breakoutCall(budi.client, '/help', { body: { note: 'Mikrofon kami bermasalah' } }, 204);
    const help = await hostClient.nextDirect((e) => e.type === 'breakout.help');
    expect(help.data).toMatchObject({ identity: budi.identity, tableId: tableOf(opened, budi.identity) });

    const extended = await breakoutCall<BreakoutState>(host, '/extend', { body: { minutes: 1 } });
    expect(new Date(extended.endsAt).getTime() - new Date(opened.endsAt).getTime()).toBe(60_000);
    // The first end's warning time comes and goes: nothing (it was moved); one minute before the new end: the warning.
    clock.advance(2 * 60_000);
    await Promise.all(bots.map((bot) => bot.nextEvent((e) => e.type === 'breakout.warning')));
    expect(bots.every((bot) => bot.where !== 'main')).toBe(true);
    expect(budi.events.filter((e) => e.type === 'breakout.ended')).toEqual([]);

    clock.advance(60_000);
    await Promise.all(bots.map((bot) => bot.arrivedAt('main')));
    const ended = await budi.nextEvent((e) => e.type === 'breakout.ended');
    if (ended.type !== 'breakout.ended') throw new Error('not the end');
    expect(ended.data).toMatchObject({ reason: 'timer' });
    expect((await snapshotOf(host)).breakouts).toMatchObject({ status: 'ended', endedAt: ended.data.endedAt });

    // After the grace the table rooms close.
    const tableRooms = opened.tables.map((t) => tableRoomName(session.id, t.id));
    clock.advance(31_000);
    await eventually(async () => (await roomService(app).listRooms(tableRooms)).length === 0);
    await hostClient.disconnect();
    await Promise.all(bots.map((bot) => bot.disconnect()));
  });
});
