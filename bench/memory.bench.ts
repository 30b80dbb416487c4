/**
 * The server's memory: resident set (RSS) and V8 heap of the server process, idle after start
 * and with a full live session, REGISTRANTS registered, the session live, every one of them
 * joined through the API (room ticket and LiveKit token issued), CLIENTS of them connected with
 * rtc-node so LiveKit's presence webhooks flowed. The server runs in a child process
 * (bench/memory-server.ts), so its RSS is its own: not this harness, not LiveKit (reported
 * apart), not the clients. On PGlite the database lives in the server process and is counted;
 * then again on PostgreSQL, whose processes are not. The bench fails, publishing nothing,
 * unless every registrant joined and the server counts exactly CLIENTS connected when it is
 * measured. Run alone with
 * `node --import tsx bench/memory.bench.ts` (BENCH_MEMORY_REGISTRANTS, BENCH_MEMORY_CLIENTS;
 * BENCH_MEMORY_POSTGRES=0 skips PostgreSQL), or by `pnpm bench`.
 */
import './test-env.ts';
import { signUp } from '../test/support/accounts.ts';
import type { TestApp } from '../test/support/app.ts';
import { createTestDatabase, startPostgres, type TestPostgres } from '../test/support/postgres.ts';
import { aRoomSetup, eventually, joinRoom, type RoomClient, snapshotOf } from '../test/support/room.ts';
import { type MemoryFigures, MemoryServer, residentBytes } from './memory-server.ts';
import { now, QaClients } from './qa-clients.ts';
import { type BenchResult, check, report } from './results.ts';

const REGISTRANTS = Number(process.env.BENCH_MEMORY_REGISTRANTS ?? 1_000);
const CLIENTS = Number(process.env.BENCH_MEMORY_CLIENTS ?? 100);
const ON_POSTGRES_TOO = process.env.BENCH_MEMORY_POSTGRES !== '0';
/** Client processes for the rtc-node clients (see qa-clients.ts). */
const WORKERS = 4;
/** Joins through the API at once. */
const JOINING = 50;
/** Clients connecting to LiveKit at once. */
const CONNECTING = 20;
/** Before a measurement: timers, webhooks and the presence broadcast of what just happened settle. */
const SETTLE_MS = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MB = (bytes: number) => bytes / (1024 * 1024);

/** Runs `task` for 0..total-1, at most `limit` at a time. */
async function inBatches(total: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, total) }, worker));
}

interface Measured {
  idle: MemoryFigures;
  loaded: MemoryFigures;
  liveKitIdleBytes: number;
  liveKitLoadedBytes: number;
}

/** One server from start to stop: measured idle, then with the full session. */
async function measureServer(databaseUrl?: string): Promise<Measured> {
  const server = await MemoryServer.start(databaseUrl);
  const clients = new QaClients(WORKERS);
  try {
    await sleep(SETTLE_MS);
    const idle = await server.measure();
    const liveKitIdleBytes = server.liveKitPid ? residentBytes(server.liveKitPid) : Number.NaN;
    // Only the URL of the app is used by these helpers: everything goes over HTTP.
    const app = { url: server.url } as TestApp;
    const owner = await signUp(app.url, { name: 'Ayu Lestari' });
    await server.confirm(owner.email);
    const setup = await aRoomSetup(app, { owner });
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    if ((await host.call('/live')).status !== 204) throw new Error('the session did not go live');
    const secrets = await server.register(setup.session.id, REGISTRANTS);
    check(secrets.length === REGISTRANTS, () => `${secrets.length} of ${REGISTRANTS} registrants written`);

    let started = now();
    const members: RoomClient[] = [];
    await inBatches(REGISTRANTS, JOINING, async (i) => {
      members[i] = await joinRoom(app, setup.session.slug, { joinSecret: secrets[i] ?? '' });
    });
    console.log(`${REGISTRANTS} joined through the API in ${Math.round(now() - started)} ms`);

    await clients.start();
    started = now();
    await inBatches(CLIENTS, CONNECTING, async (i) => {
      const livekit = members[i]?.join.livekit;
      if (!livekit) throw new Error(`member ${i} has nowhere to connect`);
      await clients.connect(i, livekit.url, livekit.token);
    });
    // Presence comes from LiveKit's webhooks: the server has them all when its count says so.
    const counted = () => snapshotOf(host).then((snapshot) => snapshot.presence.connected);
    await eventually(async () => (await counted()) >= CLIENTS, 30_000).catch(async () => {
      throw new Error(`the server counted ${await counted()} of ${CLIENTS} clients connected`);
    });
    console.log(`${CLIENTS} rtc-node clients connected and counted in ${Math.round(now() - started)} ms`);
    await sleep(SETTLE_MS);
    const loaded = await server.measure();
    const liveKitLoadedBytes = server.liveKitPid ? residentBytes(server.liveKitPid) : Number.NaN;
    // The session measured is the one named: every client still connected, nobody else.
    const stillConnected = await counted();
    check(stillConnected === CLIENTS, () => `${stillConnected} connected when measured, ${CLIENTS} expected`);
    const measured = { idle, loaded, liveKitIdleBytes, liveKitLoadedBytes };
    check(
      [idle, loaded].every((m) => m.rssBytes > 0 && m.peakRssBytes >= m.rssBytes && m.heapUsedBytes > 0) &&
        liveKitIdleBytes > 0 &&
        liveKitLoadedBytes > 0,
      () => `memory not read from /proc: ${JSON.stringify(measured)}`,
    );
    return measured;
  } finally {
    await clients.stop();
    await server.stop();
  }
}

function figures(engine: string, measured: Measured): BenchResult[] {
  const { idle, loaded } = measured;
  const full = `${REGISTRANTS.toLocaleString('en')} joined, ${CLIENTS} connected`;
  const server = `server process on ${engine}`;
  return [
    {
      name: `${server}: RSS with a live session (${full})`,
      value: MB(loaded.rssBytes),
      unit: 'MB',
      comparedTo: { name: 'idle after start', value: MB(idle.rssBytes), unit: 'MB' },
    },
    {
      name: `${server}: V8 heap used after GC, live session (${full})`,
      value: MB(loaded.heapUsedBytes),
      unit: 'MB',
      comparedTo: { name: 'idle after start', value: MB(idle.heapUsedBytes), unit: 'MB' },
    },
    {
      name: `${server}: peak RSS (VmHWM) from start to the live session`,
      value: MB(loaded.peakRssBytes),
      unit: 'MB',
      comparedTo: { name: 'peak until idle (start-up, migrations)', value: MB(idle.peakRssBytes), unit: 'MB' },
    },
    {
      name: `LiveKit process beside the ${engine} server: RSS with the live session`,
      value: MB(measured.liveKitLoadedBytes),
      unit: 'MB',
      comparedTo: { name: 'idle', value: MB(measured.liveKitIdleBytes), unit: 'MB' },
    },
  ];
}

let results: BenchResult[] = [];
let failure: Error | null = null;
let postgres: TestPostgres | null = null;
try {
  const onPglite = await measureServer();
  console.log(`PGlite: ${JSON.stringify(onPglite)}`);
  results = figures('PGlite', onPglite);
  if (ON_POSTGRES_TOO) {
    postgres = await startPostgres();
    const onPostgres = await measureServer(await createTestDatabase(postgres.url));
    console.log(`PostgreSQL: ${JSON.stringify(onPostgres)}`);
    results.push(...figures('PostgreSQL', onPostgres));
  }
} catch (error) {
  failure = error as Error;
} finally {
  await postgres?.stop();
}
if (failure) {
  console.error(failure);
  process.exit(1);
}
report(results);
