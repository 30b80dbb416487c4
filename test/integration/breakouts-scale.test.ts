import { dispose } from '@livekit/rtc-node';
import { attendanceIntervals } from '@serambi/server/attendance/schema.ts';
import { freeTcpPort } from '@serambi/server/net/free-port.ts';
import type { BreakoutState } from '@serambi/shared';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { aMovableClock, startTestApp, type TestApp } from '../support/app.ts';
import { attendanceSeenBy } from '../support/attendance.ts';
import { aTableBot, breakoutCall, openTables, type TableBot } from '../support/breakouts.ts';
import { startRoundRobinProxy } from '../support/cluster.ts';
import { startTestLiveKit } from '../support/livekit.ts';
import { createTestDatabase } from '../support/postgres.ts';
import {
  aCrowdOfRegistrants,
  aRoomSetup,
  eventually,
  joinRoom,
  participantsSeenBy,
  roomClient,
  roomService,
  snapshotOf,
} from '../support/room.ts';
import { aLiveSessionWithCrowd, tablesLiveKitDisagreesWith } from '../support/table-crowd.ts';

/**
 * Breakout tables at the size of a community session (sixty people, ten tables), and across a
 * server restart, with rtc-node participants without media moving as the web client does: they
 * run alone (the `solo` project). How long the moves take is `pnpm bench breakouts`.
 */
describe('breakout tables at scale and across a restart', () => {
  const stops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await dispose();
  });

  /** Everyone of `secrets` joined by HTTP and connected to the main room as a table bot, five at a time. */
  async function tableBots(app: TestApp, slug: string, secrets: string[]): Promise<TableBot[]> {
    const bots: TableBot[] = [];
    for (let i = 0; i < secrets.length; i += 5) {
      bots.push(
        ...(await Promise.all(
          secrets.slice(i, i + 5).map(async (joinSecret) => aTableBot(await joinRoom(app, slug, { joinSecret }))),
        )),
      );
    }
    stops.push(async () => {
      await Promise.all(bots.map((bot) => bot.disconnect()));
    });
    return bots;
  }

  const tableOf = (state: BreakoutState, identity: string) =>
    state.placements.find((p) => p.identity === identity)?.tableId as string;

  it('takes sixty people to ten tables and every one of them back to the main room; attendance counts each once, tables included', async () => {
    // PostgreSQL in its own process: the server and its database would otherwise share one thread.
    const app = await startTestApp({ database: 'postgres' });
    stops.push(() => app.stop());
    const { setup, host, crowd } = await aLiveSessionWithCrowd(app, 60, 30_000);
    stops.push(() => crowd.leave());

    const opened = await openTables(host, { count: 10, minutes: 15, assignment: 'random', sizeLimit: 6 });
    expect(opened.tables.map((t) => t.count)).toEqual(Array(10).fill(6));
    await crowd.arrivedAt(new Map(crowd.identities.map((identity) => [identity, tableOf(opened, identity)])), 60_000);
    // LiveKit says the same: six in each table's room.
    expect(await tablesLiveKitDisagreesWith(app, setup.session.id, opened)).toEqual([]);

    await breakoutCall(host, '/end', {});
    await crowd.arrivedAt(new Map(crowd.identities.map((identity) => [identity, 'main'])), 60_000);
    const inMain = await roomService(app).listParticipants(setup.session.id);
    expect(inMain.map((p) => p.identity).sort()).toEqual([...crowd.identities].sort());

    // Everyone's time: main room, table, main room, three connections of one stay.
    await crowd.leave();
    await eventually(async () => (await participantsSeenBy(host)).every((p) => !p.connected), 30_000);
    expect((await host.call('/end')).status).toBe(204);
    const report = await attendanceSeenBy(setup.owner, setup.session.slug);
    const audience = report.people.filter((a) => a.role === 'participant');
    expect(audience.filter((a) => a.attended)).toHaveLength(60);
    expect(audience.map((a) => a.connections)).toEqual(Array(60).fill(3));
  }, 180_000);

  it('goes on across a server restart during breakouts: the state, the tokens, and the end by the timer', async () => {
    const clock = aMovableClock();
    const databaseUrl = await createTestDatabase();
    const webhooks = await startRoundRobinProxy();
    stops.push(() => webhooks.stop());
    const liveKit = await startTestLiveKit({ webhookUrl: `${webhooks.url}/api/livekit/webhook` });
    stops.push(() => liveKit.stop());
    const port = await freeTcpPort();
    const env = {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LIVEKIT_URL: liveKit.url,
      LIVEKIT_API_KEY: liveKit.apiKey,
      LIVEKIT_API_SECRET: liveKit.apiSecret,
    };
    const first = await startTestApp({ databaseUrl, env, clock });
    webhooks.targets = [first.url];
    const setup = await aRoomSetup(first);
    const backstage = await joinRoom(first, setup.session.slug, { caller: setup.owner });
    expect((await backstage.call('/live')).status).toBe(204);
    const host = await joinRoom(first, setup.session.slug, { caller: setup.owner });
    const bots = await tableBots(first, setup.session.slug, await aCrowdOfRegistrants(first, setup.session.id, 4));
    await eventually(async () => (await participantsSeenBy(host)).filter((p) => p.connected).length === 4);
    const opened = await openTables(host, { count: 2, minutes: 2, assignment: 'random', sizeLimit: 6 });
    await Promise.all(bots.map((bot) => bot.arrivedAt(tableOf(opened, bot.identity))));

    // The server goes away and comes back on the same database and address; LiveKit and the tables stay.
    await first.stop();
    const second = await startTestApp({ databaseUrl, env, clock });
    stops.push(() => second.stop());
    webhooks.targets = [second.url];

    const hostAgain = roomClient(second, setup.session.slug, host.join);
    const state = (await snapshotOf(hostAgain)).breakouts;
    expect(state).toMatchObject({ id: opened.id, status: 'open', endsAt: opened.endsAt });
    expect(state?.placements).toEqual(opened.placements);
    // Tokens from the new instance work, and its webhooks let a participant stay at their own table.
    const budi = bots[0] as TableBot;
    const budisTable = tableOf(opened, budi.identity);
    await budi.moveTo(null);
    await budi.moveTo(budisTable);
    const sid = budi.room?.localParticipant?.sid as string;
    await eventually(
      async () =>
        (await second.context.db.select().from(attendanceIntervals).where(eq(attendanceIntervals.connectionSid, sid)))
          .length === 1,
    );
    expect(budi.room?.isConnected).toBe(true);

    // The end is a job in the database: the new instance runs it when the time comes.
    clock.advance(2 * 60_000);
    await Promise.all(bots.map((bot) => bot.arrivedAt('main', 30_000)));
    expect(bots.every((bot) => bot.events.some((e) => e.type === 'breakout.ended' && e.data.reason === 'timer'))).toBe(
      true,
    );
  }, 120_000);
});
