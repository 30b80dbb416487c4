/**
 * Breakout tables (issue 23): for a crowd of N participants connected to a live session's main
 * room (rtc-node, no media, subscribing to nothing), the time from the moderator's "open tables"
 * (random, 6 to a table for 60, 10 for 200) to every one of them connected in their table's own
 * LiveKit room, and from "end now" to every one of them connected to the main room again. Each
 * participant moves as the web client does: on the event, it asks the server for a token
 * (`POST …/breakouts/connect`), leaves one room and connects to the other. The bench fails unless
 * every participant arrived, and LiveKit lists exactly the placed identities in every table room
 * and the whole crowd back in the main room. Run alone with `pnpm bench breakouts`;
 * `BENCH_BREAKOUT_SIZES=60` for one size.
 */
import './test-env.ts';
import type { BreakoutState } from '@serambi/shared';
import { startTestApp, type TestApp } from '../test/support/app.ts';
import { aTableBot, breakoutCall, openTables, type TableBot } from '../test/support/breakouts.ts';
import {
  aCrowdOfRegistrants,
  aRoomSetup,
  eventually,
  joinRoom,
  participantsSeenBy,
  roomService,
} from '../test/support/room.ts';
import { dispose } from '../test/support/rtc.ts';
import { type BenchResult, check, report } from './results.ts';

const SIZES = (process.env.BENCH_BREAKOUT_SIZES ?? '60,200').split(',').map(Number);
/** People per table at each size: 10 tables for 60, 20 for 200. */
const tableSize = (people: number) => (people <= 60 ? 6 : 10);

async function measure(app: TestApp, people: number) {
  const setup = await aRoomSetup(app);
  const backstage = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  check((await backstage.call('/live')).status === 204, 'the session went live');
  const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  const secrets = await aCrowdOfRegistrants(app, setup.session.id, people);
  const bots: TableBot[] = [];
  try {
    for (let i = 0; i < secrets.length; i += 10) {
      bots.push(
        ...(await Promise.all(
          secrets
            .slice(i, i + 10)
            .map(async (joinSecret) => aTableBot(await joinRoom(app, setup.session.slug, { joinSecret }))),
        )),
      );
    }
    await eventually(
      async () => (await participantsSeenBy(host)).filter((p) => p.connected).length === people,
      120_000,
    );
    const sizeLimit = tableSize(people);
    const count = Math.ceil(people / sizeLimit);

    const openedAt = performance.now();
    const opened: BreakoutState = await openTables(host, { count, minutes: 30, assignment: 'random', sizeLimit });
    check(opened.placements.length === people, () => `placed ${opened.placements.length} of ${people}`);
    const tableOf = new Map(opened.placements.map((p) => [p.identity, p.tableId]));
    await Promise.all(bots.map((bot) => bot.arrivedAt(tableOf.get(bot.identity) as string, 180_000)));
    const toTables = performance.now() - openedAt;

    const livekit = roomService(app);
    for (const table of opened.tables) {
      const inRoom = (await livekit.listParticipants(`${setup.session.id}-table-${table.id}`))
        .map((p) => p.identity)
        .sort();
      const placed = opened.placements
        .filter((p) => p.tableId === table.id)
        .map((p) => p.identity)
        .sort();
      check(JSON.stringify(inRoom) === JSON.stringify(placed), `table ${table.number}: LiveKit lists ${inRoom.length}`);
    }

    const endedAt = performance.now();
    await breakoutCall(host, '/end', {});
    await Promise.all(bots.map((bot) => bot.arrivedAt('main', 180_000)));
    const back = performance.now() - endedAt;
    const inMain = (await livekit.listParticipants(setup.session.id)).map((p) => p.identity);
    check(
      bots.every((bot) => inMain.includes(bot.identity)),
      () => `${bots.filter((bot) => !inMain.includes(bot.identity)).length} not back in the main room`,
    );
    return { toTables, back, count };
  } finally {
    await Promise.all(bots.map((bot) => bot.disconnect()));
  }
}

const app = await startTestApp();
const results: BenchResult[] = [];
try {
  for (const people of SIZES) {
    const { toTables, back, count } = await measure(app, people);
    console.log(
      `${people} people, ${count} tables: ${Math.round(toTables)} ms to the tables, ${Math.round(back)} ms back`,
    );
    results.push(
      {
        name: `breakout: open → all ${people} at their tables (${count} tables)`,
        value: toTables,
        unit: 'ms',
        comparedTo: null,
      },
      { name: `breakout: end → all ${people} back in the main room`, value: back, unit: 'ms', comparedTo: null },
    );
  }
} finally {
  await app.stop();
  await dispose();
}
report(results);
