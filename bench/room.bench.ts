/**
 * The live room under load: how fast the server lets a crowd in (join storm, against a bare
 * Hono endpoint in the same process), and how long the stage takes to open for a guest.
 * Run alone with `node --import tsx bench/room.bench.ts`, or with the rest by `pnpm bench`.
 * `BENCH_ROOM_ONLY=storm` runs the join storm alone (no stage rounds), and
 * `BENCH_ROOM_ENGINES=pglite` (or `postgres`) on one engine only: for comparing a change to the
 * join path before and after, back to back. Every join and every request of the baseline must
 * answer 2xx, and every stage round must reach the client, LiveKit and the published track, or
 * the bench fails and publishes nothing.
 */
import './test-env.ts';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { freeTcpPort } from '../server/src/net/free-port.ts';
import { registrations } from '../server/src/registrations/schema.ts';
import { startTestApp, type TestApp } from '../test/support/app.ts';
import { createTestDatabase, startPostgres } from '../test/support/postgres.ts';
import {
  aRegistrant,
  aRoomSetup,
  asBot,
  connect,
  eventually,
  joinRoom,
  roomService,
  untilConnected,
} from '../test/support/room.ts';
import { publishSyntheticMedia } from '../test/support/synthetic-media.ts';
import { type LoadResult, percentile, runLoadElsewhere } from './load.ts';
import { type BenchResult, check, report } from './results.ts';

const CONCURRENCY = 100;
const STORM_MS = Number(process.env.BENCH_STORM_MS ?? 10_000);
const BASELINE_MS = Number(process.env.BENCH_BASELINE_MS ?? 5_000);
const REGISTRANTS = 1_000;
const STAGE_ROUNDS = 20;
const STORM_ONLY = process.env.BENCH_ROOM_ONLY === 'storm';
const ENGINES = (process.env.BENCH_ROOM_ENGINES ?? 'pglite,postgres').split(',');
const unknownEngines = ENGINES.filter((engine) => engine !== 'pglite' && engine !== 'postgres');
check(
  unknownEngines.length === 0,
  () => `BENCH_ROOM_ENGINES: no engine ${unknownEngines.join(', ')} (pglite, postgres)`,
);

/** The floor: what this process serves when the handler does nothing but answer JSON. */
async function bareHonoBaseline(): Promise<LoadResult> {
  const port = await freeTcpPort();
  const bare = new Hono().get('/', (c) => c.json({ ok: true }));
  const server = serve({ fetch: bare.fetch, port, hostname: '127.0.0.1' });
  try {
    const result = await runLoadElsewhere({
      url: `http://127.0.0.1:${port}/`,
      method: 'GET',
      concurrency: CONCURRENCY,
      durationMs: BASELINE_MS,
    });
    check(result.errors === 0, () => `${result.errors} of ${result.requests} requests to the bare endpoint failed`);
    return result;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

type StormResult = LoadResult & { serverCpuMs: number };

/** 1,000 registrants (written straight to the database) joining one session, 100 at a time. */
async function joinStorm(app: TestApp): Promise<StormResult> {
  const { session } = await aRoomSetup(app);
  const ids = Array.from({ length: REGISTRANTS }, () => crypto.randomUUID());
  for (let from = 0; from < ids.length; from += 200) {
    await app.context.db.insert(registrations).values(
      ids.slice(from, from + 200).map((id, i) => ({
        id,
        sessionId: session.id,
        name: `Peserta ${from + i + 1}`,
        email: `peserta-${from + i + 1}@example.id`,
        status: 'registered' as const,
        joinSecretHash: app.context.links.hashFor(id, 0),
      })),
    );
  }
  const result = await runLoadElsewhere({
    url: `${app.url}/api/sessions/${session.slug}/room/join`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: app.url },
    bodies: ids.map((id) => JSON.stringify({ joinSecret: app.context.links.secretFor(id, 0) })),
    concurrency: CONCURRENCY,
    durationMs: STORM_MS,
  });
  check(result.errors === 0, () => `${result.errors} of ${result.requests} joins failed`);
  return result;
}

function stormFigures(engine: string, storm: StormResult, baseline: LoadResult): BenchResult[] {
  const bare = 'bare Hono JSON endpoint on the same server process, 100 concurrent';
  return [
    {
      name: `join storm on ${engine}: throughput (100 concurrent)`,
      value: storm.requestsPerSecond,
      unit: 'req/s',
      comparedTo: { name: bare, value: baseline.requestsPerSecond, unit: 'req/s' },
    },
    {
      name: `join storm on ${engine}: p50 latency`,
      value: storm.p50Ms,
      unit: 'ms',
      comparedTo: { name: bare, value: baseline.p50Ms, unit: 'ms' },
    },
    {
      name: `join storm on ${engine}: p99 latency`,
      value: storm.p99Ms,
      unit: 'ms',
      comparedTo: { name: bare, value: baseline.p99Ms, unit: 'ms' },
    },
    {
      // Steadier than the rates on a shared machine: what one join costs the server's thread.
      name: `join storm on ${engine}: server CPU time per join`,
      value: storm.serverCpuMs / storm.requests,
      unit: 'ms',
      comparedTo: null,
    },
  ];
}

/**
 * A guest accepts the stage invitation, STAGE_ROUNDS times: time from the accept request until
 * LiveKit shows the publish grant, and until the guest's microphone track is published.
 */
async function stageRounds(app: TestApp): Promise<BenchResult[]> {
  const setup = await aRoomSetup(app);
  const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  if ((await host.call('/live')).status !== 204) throw new Error('not live');
  const secret = await aRegistrant(app, setup.owner, setup.session.slug, 'Budi Santoso');
  const guest = await joinRoom(app, setup.session.slug, { joinSecret: secret });
  const client = await connect(guest.join);
  const identity = guest.join.snapshot.me.identity;
  await untilConnected(host, identity);
  const service = roomService(app);
  const invitationSeen: number[] = [];
  const granted: number[] = [];
  const published: number[] = [];
  try {
    for (let round = 0; round < STAGE_ROUNDS; round++) {
      const invitedAt = performance.now();
      const seen = client.events.length;
      if ((await host.call(`/participants/${identity}/invite`)).status !== 204) throw new Error('invite failed');
      await client.nextEvent((e) => e.type === 'stage.invited' && client.events.indexOf(e) >= seen, 5_000);
      invitationSeen.push(performance.now() - invitedAt);
      const acceptedAt = performance.now();
      if ((await guest.call('/stage/answer', { body: { accept: true } })).status !== 204) {
        throw new Error('accept failed');
      }
      await eventually(
        async () => (await service.getParticipant(setup.session.id, identity)).permission?.canPublish,
        5_000,
      );
      granted.push(performance.now() - acceptedAt);
      const media = await publishSyntheticMedia(asBot(client, identity), {
        audio: { frequencyHz: 440, sampleRate: 48_000 },
      });
      published.push(performance.now() - acceptedAt);
      await media.stop();
      if ((await host.call(`/participants/${identity}/remove-from-stage`)).status !== 204) {
        throw new Error('remove from stage failed');
      }
    }
  } finally {
    await client.disconnect();
  }
  invitationSeen.sort((a, b) => a - b);
  granted.sort((a, b) => a - b);
  published.sort((a, b) => a - b);
  return [
    {
      name: `stage: invite → the invitation reaches the participant's client (p50 of ${STAGE_ROUNDS})`,
      value: percentile(invitationSeen, 50),
      unit: 'ms',
      comparedTo: null,
    },
    {
      name: `stage: accept → LiveKit grants publishing (p50 of ${STAGE_ROUNDS})`,
      value: percentile(granted, 50),
      unit: 'ms',
      comparedTo: null,
    },
    {
      name: `stage: accept → guest's microphone published (p50 of ${STAGE_ROUNDS})`,
      value: percentile(published, 50),
      unit: 'ms',
      comparedTo: null,
    },
  ];
}

const baseline = await bareHonoBaseline();
const results: BenchResult[] = [];

if (ENGINES.includes('pglite')) {
  const onPGlite = await startTestApp();
  try {
    results.push(...stormFigures('PGlite', await joinStorm(onPGlite), baseline));
    if (!STORM_ONLY) results.push(...(await stageRounds(onPGlite)));
  } finally {
    await onPGlite.stop();
  }
}

// Without PostgreSQL the bench fails rather than leave its figures out unnoticed:
// BENCH_ROOM_ENGINES=pglite is the way to leave them out.
const postgres = ENGINES.includes('postgres') ? await startPostgres() : null;
if (postgres) {
  const onPostgres = await startTestApp({ databaseUrl: await createTestDatabase(postgres.url) });
  try {
    results.push(...stormFigures('PostgreSQL', await joinStorm(onPostgres), baseline));
  } finally {
    await onPostgres.stop();
    await postgres.stop();
  }
}

report(results);
// rtc-node's native runtime keeps the process alive; everything of ours is stopped.
process.exit(0);
