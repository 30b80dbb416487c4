/**
 * The Q&A queue in a full room (issue 5): with CLIENTS connected rtc-node clients on the stage
 * room of a live session, how long a question takes from its POST to every client, and how many
 * broadcasts a 1,000-vote burst becomes (the coalescer's point), with every client converging
 * on the stored counts. The bench fails, publishing nothing, unless every question reached every
 * client, the database holds exactly the votes sent, and every client ends with those counts
 * having received every broadcast the server flushed. Run alone with
 * `node --import tsx bench/qa.bench.ts` (scale: BENCH_QA_CLIENTS, BENCH_QA_QUESTIONS,
 * BENCH_QA_VOTES, BENCH_QA_WORKERS; BENCH_QA_DATABASE=postgres for PostgreSQL instead of
 * PGlite), or by `pnpm bench`.
 */
import './test-env.ts';
import { readFileSync } from 'node:fs';
import type { Question } from '@serambi/shared';
import { registrations } from '../server/src/registrations/schema.ts';
import { BURST_MS } from '../server/src/room/bursts.ts';
import { roomDepsOf } from '../server/src/room/deps.ts';
import { startTestApp, type TestApp } from '../test/support/app.ts';
import { createTestDatabase, startPostgres } from '../test/support/postgres.ts';
import { aRoomSetup, joinRoom, type RoomClient } from '../test/support/room.ts';
import { percentile } from './load.ts';
import { now, QaClients, type Vote } from './qa-clients.ts';
import { type BenchResult, check, report } from './results.ts';

const CLIENTS = Number(process.env.BENCH_QA_CLIENTS ?? 200);
const QUESTIONS = Number(process.env.BENCH_QA_QUESTIONS ?? 30);
const VOTES = Number(process.env.BENCH_QA_VOTES ?? 1_000);
/** Client processes (see qa-clients.ts). */
const WORKERS = Number(process.env.BENCH_QA_WORKERS ?? 4);
const ON_POSTGRES = process.env.BENCH_QA_DATABASE === 'postgres';
/** Clients connecting to LiveKit at once, and joins through the API at once. */
const CONNECTING = 20;
/** The burst's votes go to this many questions; each person votes for up to VOTES / CLIENTS of them. */
const VOTED_QUESTIONS = 10;
/** Votes in flight at once, over all client processes. */
const IN_FLIGHT = 50;
/** The per-person vote limit's burst (server/src/qa/routes.ts): nobody may vote more often in the burst. */
const VOTE_BURST_LIMIT = 20;
const ARRIVAL_TIMEOUT_MS = 10_000;
const CONVERGENCE_TIMEOUT_MS = 15_000;

const votesPerPerson = Math.ceil(VOTES / CLIENTS);
if (votesPerPerson > Math.min(VOTED_QUESTIONS, VOTE_BURST_LIMIT) || QUESTIONS <= VOTED_QUESTIONS) {
  throw new Error(
    `${VOTES} votes from ${CLIENTS} people need more than ${VOTED_QUESTIONS} questions each (or QUESTIONS is not above ${VOTED_QUESTIONS})`,
  );
}

/** User + system CPU seconds of a process (all threads), from /proc; NaN where there is none. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `task` for 0..count-1, at most `limit` at a time. */
async function inBatches(total: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, total) }, worker));
}

interface Room {
  app: TestApp;
  slug: string;
  sessionId: string;
  members: RoomClient[];
}

/** A live session with CLIENTS registrants (written straight to the database), each joined through the API. */
async function aFullRoom(app: TestApp, clients: QaClients): Promise<Room> {
  const { owner, session } = await aRoomSetup(app);
  const host = await joinRoom(app, session.slug, { caller: owner });
  if ((await host.call('/live')).status !== 204) throw new Error('the session did not go live');
  const ids = Array.from({ length: CLIENTS }, () => crypto.randomUUID());
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
  const members: RoomClient[] = [];
  let started = now();
  await inBatches(CLIENTS, CONNECTING, async (i) => {
    members[i] = await joinRoom(app, session.slug, { joinSecret: app.context.links.secretFor(ids[i] ?? '', 0) });
  });
  console.log(`${CLIENTS} joined through the API in ${Math.round(now() - started)} ms`);
  started = now();
  let connected = 0;
  await inBatches(CLIENTS, CONNECTING, async (i) => {
    const livekit = members[i]?.join.livekit;
    if (!livekit) throw new Error(`member ${i} has nowhere to connect`);
    await clients.connect(i, livekit.url, livekit.token);
    if (++connected % 50 === 0) console.log(`  ${connected} connected after ${Math.round(now() - started)} ms`);
  });
  console.log(`${CLIENTS} rtc-node clients connected in ${Math.round(now() - started)} ms`);
  return { app, slug: session.slug, sessionId: session.id, members };
}

async function ask(room: Room, asker: number, text: string): Promise<{ question: Question; sentAt: number }> {
  const member = room.members[asker];
  if (!member) throw new Error(`no member ${asker}`);
  const sentAt = now();
  const response = await member.call('/questions', { body: { text, anonymous: false } });
  if (response.status !== 201) throw new Error(`question not asked: ${response.status} ${await response.text()}`);
  return { question: (await response.json()) as Question, sentAt };
}

interface FanOut {
  /** Per question: POST sent → the last client has it. */
  toEveryone: number[];
  /** Per question and client: POST sent → that client has it. */
  toOne: number[];
  /** Per question: POST sent → its 201 answer. */
  answered: number[];
  /** Arrivals that did not happen within ARRIVAL_TIMEOUT_MS. */
  lost: number;
  asked: Question[];
}

/** QUESTIONS questions, one after another, each from a different person, each awaited at every client. */
async function fanOut(room: Room, clients: QaClients): Promise<FanOut> {
  const result: FanOut = { toEveryone: [], toOne: [], answered: [], lost: 0, asked: [] };
  for (let q = 0; q < QUESTIONS; q++) {
    const { question, sentAt } = await ask(room, q % CLIENTS, `Pertanyaan ${q + 1}: bagaimana memulai usaha kecil?`);
    result.answered.push(now() - sentAt);
    result.asked.push(question);
    const arrivals = await clients.arrivals(question.id, ARRIVAL_TIMEOUT_MS);
    check(arrivals.size === CLIENTS, () => `question ${q + 1}: ${arrivals.size} of ${CLIENTS} clients answered`);
    let last = 0;
    for (const at of arrivals.values()) {
      if (at === null) {
        result.lost++;
        continue;
      }
      result.toOne.push(at - sentAt);
      last = Math.max(last, at - sentAt);
    }
    result.toEveryone.push(last);
    await sleep(50);
  }
  for (const list of [result.toEveryone, result.toOne, result.answered]) list.sort((a, b) => a - b);
  return result;
}

interface Burst {
  votes: number;
  /** First vote sent → last vote answered. */
  durationMs: number;
  /** Distinct qa.votes events the first client received. */
  broadcastsSeenByFirst: number;
  broadcastsSeen: { min: number; max: number };
  /** First vote sent → the first client's last qa.votes event. */
  broadcastWindowMs: number;
  /** Last vote answered → the last client's last qa.votes event (every client has the final counts). */
  settledMs: number;
  flushes: number;
  packets: number;
  voteP50Ms: number;
  voteP99Ms: number;
}

/**
 * VOTES upvotes over VOTED_QUESTIONS questions, every person voting for up to votesPerPerson
 * different ones, IN_FLIGHT at a time; then every client must know exactly the stored counts.
 */
async function voteBurst(room: Room, clients: QaClients, asked: Question[]): Promise<Burst> {
  const targets = asked.slice(0, VOTED_QUESTIONS);
  // Person varies fastest: each person's votes are CLIENTS votes apart.
  const votes: Vote[] = Array.from({ length: VOTES }, (_, k) => {
    const index = k % CLIENTS;
    return { index, questionId: targets[(index + Math.floor(k / CLIENTS)) % targets.length]?.id ?? '' };
  });
  const expected = new Map<string, number>(targets.map((q) => [q.id, 0]));
  for (const vote of votes) expected.set(vote.questionId, (expected.get(vote.questionId) ?? 0) + 1);

  // Not measured: every client process's connections to the server, and the server's vote path, warmed up
  // by one vote each of IN_FLIGHT people for a question outside the burst.
  const aside = asked[VOTED_QUESTIONS];
  if (!aside) throw new Error('no question to warm up with');
  const warmUp = Array.from({ length: Math.min(IN_FLIGHT, CLIENTS) }, (_, index) => ({ index, questionId: aside.id }));
  const tickets = room.members.map((member) => member.join.ticket);
  const warm = await clients.vote(`${room.app.url}/api/sessions/${room.slug}/room`, tickets, warmUp, IN_FLIGHT);
  if (warm.failures.length > 0) throw new Error(`warm-up votes failed: ${warm.failures.slice(0, 3).join('; ')}`);
  await sleep(4 * BURST_MS);

  const deps = roomDepsOf(room.app.context);
  const seenBefore = (await clients.state()).map((client) => client.votesEvents);
  const flushesBefore = deps.bursts.flushes;
  const packetsBefore = deps.broadcaster.sent;
  const run = await clients.vote(`${room.app.url}/api/sessions/${room.slug}/room`, tickets, votes, IN_FLIGHT);
  if (run.failures.length > 0) {
    throw new Error(`${run.failures.length} of ${VOTES} votes failed, e.g. ${run.failures.slice(0, 3).join('; ')}`);
  }

  // The database: the counts must be what was sent, in the column and in the votes table.
  const stored = await room.app.context.db.query.questions.findMany({
    where: (q, { eq }) => eq(q.sessionId, room.sessionId),
  });
  const rows = await room.app.context.db.query.questionVotes.findMany({
    where: (v, { eq }) => eq(v.sessionId, room.sessionId),
  });
  for (const [id, n] of expected) {
    const column = stored.find((q) => q.id === id)?.votes;
    const counted = rows.filter((r) => r.questionId === id).length;
    if (column !== n || counted !== n) throw new Error(`question ${id}: ${n} votes sent, stored ${column}/${counted}`);
  }

  // Every client: the newest count it knows of each question equals the stored one.
  const deadline = now() + CONVERGENCE_TIMEOUT_MS;
  let states = await clients.state();
  const behind = () =>
    states.filter((client) => [...expected].some(([id, n]) => client.counts[id] !== n) || !client.connected);
  while (behind().length > 0 && now() < deadline) {
    await sleep(100);
    states = await clients.state();
  }
  const stragglers = behind();
  if (stragglers.length > 0) {
    const example = stragglers[0];
    throw new Error(
      `${stragglers.length} of ${states.length} clients did not converge within ${CONVERGENCE_TIMEOUT_MS} ms; ` +
        `client ${example?.index} (connected: ${example?.connected}) knows ${JSON.stringify(example?.counts)}, ` +
        `expected ${JSON.stringify(Object.fromEntries(expected))}`,
    );
  }
  // Anything still coming would be counted: wait until a quiet coalescing window has passed.
  await sleep(4 * BURST_MS);
  await deps.broadcaster.flushed(room.sessionId);
  states = await clients.state();

  const first = states[0];
  const lastEvents = states.map((client) => client.lastVotesAt ?? Number.NaN);
  const seen = states.map((client, i) => client.votesEvents - (seenBefore[i] ?? 0));
  run.latencies.sort((a, b) => a - b);
  const flushes = deps.bursts.flushes - flushesBefore;
  // Converged all the same (counts are absolute), but an announcement that went missing would make
  // "broadcasts received by a client" count something other than the server's flushes.
  check(
    Math.min(...seen) === flushes && Math.max(...seen) === flushes,
    () => `clients received ${Math.min(...seen)}–${Math.max(...seen)} qa.votes events of ${flushes} flushes`,
  );
  return {
    votes: run.ok,
    durationMs: run.lastAnsweredAt - run.firstSentAt,
    broadcastsSeenByFirst: seen[0] ?? 0,
    broadcastsSeen: { min: Math.min(...seen), max: Math.max(...seen) },
    broadcastWindowMs: (first?.lastVotesAt ?? Number.NaN) - run.firstSentAt,
    settledMs: Math.max(...lastEvents) - run.lastAnsweredAt,
    flushes,
    packets: deps.broadcaster.sent - packetsBefore,
    voteP50Ms: percentile(run.latencies, 50),
    voteP99Ms: percentile(run.latencies, 99),
  };
}

function figures(connected: number, fan: FanOut, burst: Burst): BenchResult[] {
  const q = `Q&A on ${ON_POSTGRES ? 'PostgreSQL' : 'PGlite'}, ${connected} clients`;
  const b = `${q}, ${VOTES.toLocaleString('en')}-vote burst`;
  const toOne = `question POST → arrival at a client (all ${fan.toOne.length} arrivals)`;
  return [
    {
      name: `${q}: question POST → arrival at every client, p50 of ${QUESTIONS}`,
      value: percentile(fan.toEveryone, 50),
      unit: 'ms',
      comparedTo: { name: `${toOne}, p50`, value: percentile(fan.toOne, 50), unit: 'ms' },
    },
    {
      name: `${q}: question POST → arrival at every client, p99 of ${QUESTIONS}`,
      value: percentile(fan.toEveryone, 99),
      unit: 'ms',
      comparedTo: { name: `${toOne}, p99`, value: percentile(fan.toOne, 99), unit: 'ms' },
    },
    {
      name: `${q}: question POST → its 201 answer, p50 of ${QUESTIONS}`,
      value: percentile(fan.answered, 50),
      unit: 'ms',
      comparedTo: null,
    },
    {
      name: `${b}: qa.votes broadcasts per second`,
      value: burst.broadcastsSeenByFirst / (burst.broadcastWindowMs / 1000),
      unit: '/s',
      comparedTo: {
        name: 'votes per second (first sent → last answered)',
        value: burst.votes / (burst.durationMs / 1000),
        unit: '/s',
      },
    },
    {
      name: `${b}: qa.votes broadcasts received by a client`,
      value: burst.broadcastsSeenByFirst,
      unit: 'events',
      comparedTo: { name: 'votes sent', value: burst.votes, unit: 'votes' },
    },
    {
      name: `${b}: last vote answered → final counts at every client`,
      value: burst.settledMs,
      unit: 'ms',
      comparedTo: { name: 'coalescing window (BURST_MS)', value: BURST_MS, unit: 'ms' },
    },
    {
      name: `${b}: first vote sent → last answered (${IN_FLIGHT} in flight)`,
      value: burst.durationMs,
      unit: 'ms',
      comparedTo: null,
    },
  ];
}

const postgres = ON_POSTGRES ? await startPostgres() : null;
const app = postgres
  ? await startTestApp({ databaseUrl: await createTestDatabase(postgres.url) })
  : await startTestApp();
const clients = new QaClients(WORKERS);
/** CPU seconds spent so far by LiveKit, this process (the server's), and the client processes. */
const cpuNow = () => {
  const server = process.cpuUsage();
  return {
    liveKit: cpuSeconds(app.liveKitPid),
    server: (server.user + server.system) / 1e6,
    clients: clients.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
  };
};
let results: BenchResult[] = [];
let failure: Error | null = null;
try {
  await clients.start();
  console.log(`client process clocks minus ours: ${clients.clockOffsets.map((o) => o.toFixed(2)).join(', ')} ms`);
  let cpu = cpuNow();
  const cpuSince = (what: string) => {
    const after = cpuNow();
    const spent = (key: keyof typeof cpu) => (after[key] - cpu[key]).toFixed(1);
    console.log(
      `CPU during ${what}: LiveKit ${spent('liveKit')} s, server process ${spent('server')} s, ` +
        `client processes ${spent('clients')} s`,
    );
    cpu = after;
  };
  const room = await aFullRoom(app, clients);
  cpuSince(`the joins and connects of ${CLIENTS}`);
  // Not measured: every client reachable, and the presence announcements of the joins behind us.
  const warmUp = await ask(room, CLIENTS - 1, 'Pemanasan: semua sudah tersambung?');
  const reached = [...(await clients.arrivals(warmUp.question.id, 30_000)).values()].filter((at) => at !== null);
  if (reached.length !== CLIENTS) throw new Error(`the warm-up question reached ${reached.length} of ${CLIENTS}`);
  cpuSince('the warm-up question');
  await sleep(1_000);
  cpuSince('1 s of quiet (everyone connected)');

  const fan = await fanOut(room, clients);
  cpuSince(`the fan-out of ${QUESTIONS} questions`);
  console.log(
    `fan-out: ${JSON.stringify({ toEveryone: fan.toEveryone.map(Math.round), lost: fan.lost, answered: fan.answered.map(Math.round) })}`,
  );
  check(fan.lost === 0, () => `${fan.lost} question arrivals missing after ${ARRIVAL_TIMEOUT_MS} ms`);
  const burst = await voteBurst(room, clients, fan.asked);
  cpuSince('the vote burst (and its warm-up)');
  console.log(`vote burst: ${JSON.stringify(burst)}`);
  check(burst.votes === VOTES, () => `${burst.votes} of ${VOTES} votes answered 200`);
  results = figures(CLIENTS, fan, burst);
} catch (error) {
  failure = error as Error;
} finally {
  await clients.stop();
  await app.stop();
  await postgres?.stop();
}
if (failure) {
  console.error(failure);
  process.exit(1);
}
report(results);
// rtc-node's native runtime keeps the process alive; everything of ours is stopped.
process.exit(0);
