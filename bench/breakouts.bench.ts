/**
 * Breakout tables (issue 23): for a crowd of N participants connected to a live session's main
 * room (rtc-node, no media, subscribing to nothing), the time from the moderator's "open tables"
 * (random, 6 to a table for 60, 10 for 200) to every one of them connected in their table's own
 * LiveKit room, and from "end now" to every one of them connected to the main room again: each
 * person's time (p50) and the last one's. Each participant moves as the web client does: on the
 * event, it asks the server for a token (`POST …/breakouts/connect`), leaves one room and
 * connects to the other; the crowd runs in child processes of ten (test/support/table-crowd.ts
 * says why). The bench fails unless every participant arrived, and LiveKit lists exactly the
 * placed identities in every table room and the whole crowd back in the main room.
 *
 * Sixty by default. Two hundred (`BENCH_BREAKOUT_SIZES=60,200`) do not fit this two-core
 * machine: two hundred rtc-node WebRTC stacks keep both cores busy while idle, LiveKit gets a
 * fifth of one, and when all two hundred re-join the main room at once its joins time out
 * ("could not join room: context canceled"), retries meet their own earlier attempts ("removing
 * duplicate participant"), and some never get back; the tables (twenty rooms of ten) are
 * reached. `BENCH_KEEP_DIR=/some/dir` keeps the server's data dir, LiveKit's log in it.
 * Run alone with `pnpm bench breakouts`.
 */
import './test-env.ts';
import type { BreakoutState } from '@serambi/shared';
import { startTestApp, type TestApp } from '../test/support/app.ts';
import { breakoutCall, openTables } from '../test/support/breakouts.ts';
import { roomService } from '../test/support/room.ts';
import { aLiveSessionWithCrowd, tablesLiveKitDisagreesWith } from '../test/support/table-crowd.ts';
import { percentile } from './load.ts';
import { type BenchResult, check, report } from './results.ts';

const SIZES = (process.env.BENCH_BREAKOUT_SIZES ?? '60').split(',').map(Number);
/** People per table at each size: 10 tables for 60, 20 for 200. */
const tableSize = (people: number) => (people <= 60 ? 6 : 10);

async function measure(app: TestApp, people: number) {
  const { setup, host, crowd } = await aLiveSessionWithCrowd(app, people, 120_000);
  try {
    const sizeLimit = tableSize(people);
    const count = Math.ceil(people / sizeLimit);

    const openedAt = Date.now();
    const opened: BreakoutState = await openTables(host, { count, minutes: 30, assignment: 'random', sizeLimit });
    check(opened.placements.length === people, () => `placed ${opened.placements.length} of ${people}`);
    const toTables = (
      await crowd.arrivedAt(new Map(opened.placements.map((p) => [p.identity, p.tableId ?? 'main'])), 180_000)
    ).map((at) => at - openedAt);
    const disagreeing = await tablesLiveKitDisagreesWith(app, setup.session.id, opened);
    check(disagreeing.length === 0, () => disagreeing.join('; '));

    const endedAt = Date.now();
    await breakoutCall(host, '/end', {});
    const back = (await crowd.arrivedAt(new Map(crowd.identities.map((identity) => [identity, 'main'])), 180_000)).map(
      (at) => at - endedAt,
    );
    const inMain = new Set((await roomService(app).listParticipants(setup.session.id)).map((p) => p.identity));
    const missing = crowd.identities.filter((identity) => !inMain.has(identity));
    check(missing.length === 0, () => `${missing.length} not back in the main room`);
    return { toTables, back, count };
  } finally {
    await crowd.leave();
  }
}

/** The middle and the last of each person's time (a NaN, someone who never arrived, fails the bench). */
function spread(times: number[]) {
  check(
    times.every((t) => Number.isFinite(t) && t >= 0),
    () => `a time that is not one: ${times.join(', ')}`,
  );
  return {
    p50: percentile(
      [...times].sort((a, b) => a - b),
      50,
    ),
    last: Math.max(...times),
  };
}

const app = await startTestApp(process.env.BENCH_KEEP_DIR ? { dataDir: process.env.BENCH_KEEP_DIR } : {});
const results: BenchResult[] = [];
try {
  for (const people of SIZES) {
    const { toTables, back, count } = await measure(app, people);
    const figures = { toTables: spread(toTables), back: spread(back) };
    console.log(`${people} people, ${count} tables: ${JSON.stringify(figures)}`);
    results.push(
      {
        name: `breakout: open → at their table, ${people} people (${count} tables), p50 per person`,
        value: figures.toTables.p50,
        unit: 'ms',
        comparedTo: null,
      },
      {
        name: `breakout: open → all ${people} at their tables (the last one)`,
        value: figures.toTables.last,
        unit: 'ms',
        comparedTo: null,
      },
      {
        name: `breakout: end → back in the main room, ${people} people, p50 per person`,
        value: figures.back.p50,
        unit: 'ms',
        comparedTo: null,
      },
      {
        name: `breakout: end → all ${people} back (the last one)`,
        value: figures.back.last,
        unit: 'ms',
        comparedTo: null,
      },
    );
  }
} finally {
  await app.stop();
}
report(results);
