/**
 * Serambi's own tier for a 3,000-person session: 3,000 registrants arriving within two minutes
 * through two instances on one PostgreSQL (README: "Production: several instances"), then all
 * leaving. What is real: every HTTP join (the whole join path, PostgreSQL included), the two
 * instances, their webhook handling, and a real LiveKit for the room and the head-count
 * broadcasts. What is generated: the 3,000 LiveKit connections. Thousands of real WebRTC
 * connections would saturate this two-core machine many times over (see capacity.bench.ts), so
 * the crowd sends, for each join, the participant_joined webhook LiveKit would send (its
 * format, signed with the API key as LiveKit signs it) to the load balancer, and a
 * participant_left for each at the end. The crowd runs in its own process (arrivals-worker.ts).
 *
 * It fails unless every join answers 200 with a LiveKit token, every webhook 204, the head
 * count is exactly 3,000 once everyone is in and 0 once everyone has left, and attendance holds
 * exactly one closed connection for each of the 3,000.
 * `BENCH_ARRIVALS=300 BENCH_ARRIVAL_WINDOW_MS=20000` runs a smaller crowd.
 */
import './test-env.ts';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { registrations } from '../server/src/registrations/schema.ts';
import { intervalsOf } from '../test/support/attendance.ts';
import { startTestCluster } from '../test/support/cluster.ts';
import { startPostgres } from '../test/support/postgres.ts';
import { aRoomSetup, eventually, joinRoom, snapshotOf } from '../test/support/room.ts';
import type { ArrivalsPlan, ArrivalsResult } from './arrivals-worker.ts';
import { type BenchResult, check, report } from './results.ts';

const PEOPLE = Number(process.env.BENCH_ARRIVALS ?? 3_000);
const ARRIVAL_WINDOW_MS = Number(process.env.BENCH_ARRIVAL_WINDOW_MS ?? 120_000);
const LEAVE_WINDOW_MS = Math.max(10_000, ARRIVAL_WINDOW_MS / 4);
/** How long the head count may take to be exact after the last webhook was answered: a backlog shows here. */
const SETTLE_MS = 10_000;

const postgres = await startPostgres();
const cluster = await startTestCluster({ size: 2, postgresUrl: postgres.url });
const results: BenchResult[] = [];
try {
  const [a, b] = cluster.instances as [(typeof cluster.instances)[0], (typeof cluster.instances)[0]];
  const { owner, session } = await aRoomSetup(a);
  const host = await joinRoom(a, session.slug, { caller: owner });
  check((await host.call('/live')).status === 204, 'the session did not go live');

  const ids = Array.from({ length: PEOPLE }, () => crypto.randomUUID());
  for (let from = 0; from < ids.length; from += 500) {
    await a.context.db.insert(registrations).values(
      ids.slice(from, from + 500).map((id, i) => ({
        id,
        sessionId: session.id,
        name: `Peserta ${from + i + 1}`,
        email: `peserta-${from + i + 1}@example.id`,
        status: 'registered' as const,
        joinSecretHash: a.context.links.hashFor(id, 0),
      })),
    );
  }
  const plan: ArrivalsPlan = {
    instances: [a.url, b.url],
    webhookUrl: `${cluster.webhookProxy.url}/api/livekit/webhook`,
    sessionSlug: session.slug,
    room: session.id,
    secrets: ids.map((id) => a.context.links.secretFor(id, 0)),
    keys: { apiKey: cluster.liveKit.apiKey, apiSecret: cluster.liveKit.apiSecret },
    arrivalWindowMs: ARRIVAL_WINDOW_MS,
    leaveWindowMs: LEAVE_WINDOW_MS,
  };

  const crowd = fork(fileURLToPath(new URL('./arrivals-worker.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      crowd.once('message', (message) => resolve(message as T));
      crowd.once('exit', (code) => reject(new Error(`the crowd exited with ${code}`)));
    });
  const cpuOf = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const cpuAtStart = cpuOf();
  crowd.send(plan);
  const arrived = await next<{ phase: 'arrived'; connected: number }>();
  const lastJoinedAt = performance.now();
  const connectedNow = async () => (await snapshotOf(host)).presence.connected;
  await eventually(async () => (await connectedNow()) === PEOPLE, SETTLE_MS).catch(async () => {
    throw new Error(`head count ${await connectedNow()} of ${PEOPLE} after ${SETTLE_MS} ms`);
  });
  const headCountExactAfterMs = performance.now() - lastJoinedAt;
  const headCountWhenIn = await connectedNow();
  crowd.send('leave');
  const done = await next<{ phase: 'done'; result: ArrivalsResult }>();
  const lastLeftAt = performance.now();
  await eventually(async () => (await connectedNow()) === 0, SETTLE_MS).catch(async () => {
    throw new Error(`head count ${await connectedNow()} after everyone left`);
  });
  const emptyAfterMs = performance.now() - lastLeftAt;
  crowd.kill();
  const instancesCpuMs = cpuOf() - cpuAtStart;
  const r = done.result;
  console.log(JSON.stringify({ ...r, connected: arrived.connected }, null, 2));
  check(r.joinErrorCount === 0, () => `${r.joinErrorCount} of ${r.joins} joins failed: ${r.joinErrors.join(', ')}`);
  check(
    r.webhookErrorCount === 0,
    () => `${r.webhookErrorCount} of ${r.webhooks} webhooks failed: ${r.webhookErrors.join(', ')}`,
  );
  check(r.joins === PEOPLE && r.webhooks === 2 * PEOPLE, () => `${r.joins} joins, ${r.webhooks} webhooks`);
  const rows = await intervalsOf(a, session.id);
  const attendance = {
    connections: rows.length,
    people: new Set(rows.map((row) => row.identity)).size,
    closed: rows.filter((row) => row.leftAt !== null).length,
  };
  check(
    attendance.connections === PEOPLE && attendance.people === PEOPLE && attendance.closed === PEOPLE,
    () => `attendance holds ${JSON.stringify(attendance)} for ${PEOPLE} people`,
  );

  const crowdName = `${PEOPLE.toLocaleString('en')} arrivals within ${Math.round(ARRIVAL_WINDOW_MS / 1000)} s, 2 instances on PostgreSQL`;
  results.push(
    { name: `${crowdName}: join p50`, value: r.joinP50Ms, unit: 'ms', comparedTo: null },
    { name: `${crowdName}: join p99`, value: r.joinP99Ms, unit: 'ms', comparedTo: null },
    { name: `${crowdName}: webhook (joined/left) p50`, value: r.webhookP50Ms, unit: 'ms', comparedTo: null },
    { name: `${crowdName}: webhook (joined/left) p99`, value: r.webhookP99Ms, unit: 'ms', comparedTo: null },
    {
      name: `${crowdName}: head count exact after the last join's webhook`,
      value: headCountExactAfterMs,
      unit: 'ms',
      comparedTo: null,
    },
    {
      name: `${crowdName}: head count 0 after the last leave's webhook`,
      value: emptyAfterMs,
      unit: 'ms',
      comparedTo: null,
    },
    {
      name: `${crowdName}: head count once everyone was in`,
      value: headCountWhenIn,
      unit: 'people',
      comparedTo: { name: 'arrivals', value: PEOPLE, unit: 'people' },
    },
    {
      name: `${crowdName}: attendance, closed connections at the end`,
      value: attendance.closed,
      unit: 'connections',
      comparedTo: { name: 'people who came and left', value: attendance.people, unit: 'people' },
    },
    {
      // The harness runs both instances in this one process: their CPU together, per arrival (join, joined and left).
      name: `${crowdName}: Serambi CPU per arrival (both instances)`,
      value: instancesCpuMs / PEOPLE,
      unit: 'ms',
      comparedTo: null,
    },
    {
      name: `${crowdName}: load generator CPU (its own process)`,
      value: r.generatorCpuMs / 1000,
      unit: 's',
      comparedTo: null,
    },
  );
} finally {
  await cluster.stop();
  await postgres.stop();
}
report(results);
// rtc-node's native runtime (loaded by the harness) keeps the process alive; everything of ours is stopped.
process.exit(0);
