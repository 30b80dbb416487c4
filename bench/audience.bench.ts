/**
 * The hidden audience (docs/livekit.md#the-hidden-audience) against the plain alternative: an
 * audience of rtc-node participants (subscribe only) joins one room on a local LiveKit, once hidden
 * (what Serambi does) and once visible, and we count what open-source LiveKit fans out to them and
 * what it costs the server. The bench fails, publishing nothing, unless both runs counted exactly
 * the events LiveKit is known to send (`checkCounts`). Run alone with
 * `node --import tsx bench/audience.bench.ts`, or with the rest by `pnpm bench`.
 *
 * The audience runs in WORKERS child processes (this file, forked): rtc-node hands every native
 * event to every Room of its process, so 60 Rooms in one process cost the client O(rooms × events)
 * and, with a visible audience, starve 2 cores until joins time out; the client is not what we
 * measure.
 */
import './test-env.ts';
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRoom, joinBot, mintToken } from '../test/support/bots.ts';
import { type LiveKitCredentials, startTestLiveKit } from '../test/support/livekit.ts';
// rtc-node is a dependency of the test package; its support re-exports it (one module instance,
// one native runtime, the same as test/support/bots.ts uses).
import { dispose, Room, RoomEvent } from '../test/support/rtc.ts';
import { type BenchResult, check, report } from './results.ts';

const AUDIENCE = Number(process.env.BENCH_AUDIENCE ?? 60);
const WORKERS = 4;
/** Clients connecting at once; more only queues up behind 2 cores. */
const CONCURRENCY = 10;
/** sysconf(_SC_CLK_TCK) on Linux: /proc/<pid>/stat counts CPU time in these. */
const CLOCK_TICKS = 100;
/** After the last connect, a run ends when no participant event has arrived for this long. */
const QUIET_MS = 2_000;
const SETTLE_TIMEOUT_MS = 10_000;

type ToWorker = { type: 'join'; index: number; url: string; token: string } | { type: 'leave' } | { type: 'exit' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'joined'; index: number }
  | { type: 'failed'; index: number; message: string }
  | { type: 'seen'; index: number }
  | { type: 'left'; known: Record<number, number> };

/** A child process holding some of the audience's rtc-node Rooms, driven over IPC. */
function audienceWorker(): void {
  const send = (message: FromWorker) => process.send?.(message);
  const rooms = new Map<number, Room>();
  process.on('message', async (message: ToWorker) => {
    if (message.type === 'join') {
      const room = new Room();
      // Listening before connect: no event between connect() resolving and a listener is lost.
      room.on(RoomEvent.ParticipantConnected, () => send({ type: 'seen', index: message.index }));
      rooms.set(message.index, room);
      try {
        await room.connect(message.url, message.token, { autoSubscribe: true, dynacast: false });
        send({ type: 'joined', index: message.index });
      } catch (error) {
        rooms.delete(message.index);
        send({ type: 'failed', index: message.index, message: (error as Error).message });
      }
    } else if (message.type === 'leave') {
      const known: Record<number, number> = {};
      for (const [index, room] of rooms) {
        known[index] = [...room.remoteParticipants.keys()].filter((id) => id.startsWith('audience-')).length;
      }
      await Promise.all([...rooms.values()].map((room) => room.disconnect()));
      rooms.clear();
      send({ type: 'left', known });
    } else {
      await dispose();
      process.exit(0);
    }
  });
  send({ type: 'ready' });
}

interface AudienceRun {
  /** ParticipantConnected events seen by the audience member that joined first. */
  seenByFirst: number;
  /** ParticipantConnected events summed over every audience client. */
  seenByEveryone: number;
  /** Other audience members each client knew of at the end (join response or event), summed. */
  knownByEveryone: number;
  /** ParticipantConnected events seen by the speaker. */
  seenBySpeaker: number;
  /** LiveKit process CPU (user + system), from before the first join until the room was quiet. */
  serverCpuSeconds: number;
  /** Bytes LiveKit passed to write(): its WebSocket signalling, plus its log file. */
  serverBytesWritten: number;
  /** From the first connect call until the last connect resolved. */
  allConnectedMs: number;
}

/** User + system CPU seconds of a process, all threads. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function bytesWritten(pid: number): number {
  const line = readFileSync(`/proc/${pid}/io`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('wchar:'));
  return Number(line?.split(/\s+/)[1] ?? Number.NaN);
}

/** Runs `task` for 0..count-1, at most `limit` at a time. */
async function inBatches(count: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The forked audience processes, and what they report. */
class Audience {
  private readonly workers: ChildProcess[] = [];
  private readonly waiting = new Map<string, (message: FromWorker) => void>();
  seen = new Array<number>(AUDIENCE).fill(0);
  lastEventAt = 0;

  async start(): Promise<void> {
    const ready: Promise<unknown>[] = [];
    for (let w = 0; w < WORKERS; w++) {
      const child = fork(fileURLToPath(import.meta.url), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, AUDIENCE_WORKER: '1' },
      });
      ready.push(this.next(`ready:${w}`));
      child.on('message', (message: FromWorker) => {
        if (message.type === 'seen') {
          this.seen[message.index] = (this.seen[message.index] ?? 0) + 1;
          this.lastEventAt = performance.now();
          return;
        }
        const key =
          message.type === 'ready' || message.type === 'left' ? `${message.type}:${w}` : `join:${message.index}`;
        this.waiting.get(key)?.(message);
        this.waiting.delete(key);
      });
      this.workers.push(child);
    }
    await Promise.all(ready);
  }

  private next(key: string): Promise<FromWorker> {
    return new Promise((resolve) => this.waiting.set(key, resolve));
  }

  async join(index: number, url: string, token: string): Promise<void> {
    const reply = this.next(`join:${index}`);
    this.workers[index % WORKERS]?.send({ type: 'join', index, url, token } satisfies ToWorker);
    const message = await reply;
    if (message.type === 'failed') throw new Error(`audience member ${index} could not join: ${message.message}`);
  }

  /** Disconnects every member; returns how many other audience members each one knew of. */
  async leave(): Promise<number[]> {
    const replies = this.workers.map((child, w) => {
      const reply = this.next(`left:${w}`);
      child.send({ type: 'leave' } satisfies ToWorker);
      return reply;
    });
    const known = new Array<number>(AUDIENCE).fill(0);
    for (const reply of await Promise.all(replies)) {
      if (reply.type !== 'left') continue;
      for (const [index, count] of Object.entries(reply.known)) known[Number(index)] = count;
    }
    return known;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (child) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.send({ type: 'exit' } satisfies ToWorker);
          }),
      ),
    );
  }
}

async function audienceRun(
  liveKit: LiveKitCredentials & { pid: number },
  audience: Audience,
  hidden: boolean,
): Promise<AudienceRun> {
  const roomName = `audience-${hidden ? 'hidden' : 'visible'}-${crypto.randomUUID().slice(0, 8)}`;
  await createRoom(liveKit, roomName);
  const speaker = await joinBot(liveKit, { room: roomName, identity: 'speaker' });
  let seenBySpeaker = 0;
  speaker.room.on(RoomEvent.ParticipantConnected, () => {
    seenBySpeaker++;
    audience.lastEventAt = performance.now();
  });
  const tokens = await Promise.all(
    Array.from({ length: AUDIENCE }, (_, i) =>
      mintToken(liveKit, {
        room: roomName,
        identity: `audience-${String(i + 1).padStart(3, '0')}`,
        grant: { canSubscribe: true, canPublish: false, canPublishData: false, hidden },
      }),
    ),
  );
  audience.seen.fill(0);

  const cpuBefore = cpuSeconds(liveKit.pid);
  const bytesBefore = bytesWritten(liveKit.pid);
  const startedAt = performance.now();
  try {
    // The first member is alone with the speaker; everyone else joins after it.
    await audience.join(0, liveKit.url, tokens[0] ?? '');
    await inBatches(AUDIENCE - 1, CONCURRENCY, (i) => audience.join(i + 1, liveKit.url, tokens[i + 1] ?? ''));
    const allConnectedAt = performance.now();
    const deadline = allConnectedAt + SETTLE_TIMEOUT_MS;
    while (
      performance.now() - Math.max(audience.lastEventAt, allConnectedAt) < QUIET_MS &&
      performance.now() < deadline
    ) {
      await sleep(50);
    }
    const serverCpuSeconds = cpuSeconds(liveKit.pid) - cpuBefore;
    const serverBytesWritten = bytesWritten(liveKit.pid) - bytesBefore;
    const known = await audience.leave();
    const result: AudienceRun = {
      seenByFirst: audience.seen[0] ?? 0,
      seenByEveryone: audience.seen.reduce((sum, n) => sum + n, 0),
      knownByEveryone: known.reduce((sum, n) => sum + n, 0),
      seenBySpeaker,
      serverCpuSeconds,
      serverBytesWritten,
      allConnectedMs: allConnectedAt - startedAt,
    };
    console.log(`${hidden ? 'hidden' : 'visible'}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await speaker.disconnect();
  }
}

/** Warms up LiveKit, so neither measured run pays for its first use. */
async function warmUp(liveKit: LiveKitCredentials): Promise<void> {
  const roomName = `warm-up-${crypto.randomUUID().slice(0, 8)}`;
  await createRoom(liveKit, roomName);
  const bots = await Promise.all(
    Array.from({ length: 5 }, (_, i) => joinBot(liveKit, { room: roomName, identity: `warm-up-${i}` })),
  );
  await Promise.all(bots.map((bot) => bot.disconnect()));
}

function figures(hidden: AudienceRun, visible: AudienceRun): BenchResult[] {
  const row = (what: string, unit: string, pick: (run: AudienceRun) => number): BenchResult => ({
    name: `audience of ${AUDIENCE}, hidden: ${what}`,
    value: pick(hidden),
    unit,
    comparedTo: { name: 'same audience joining visible', value: pick(visible), unit },
  });
  return [
    row('joins seen by the first audience member', 'events', (r) => r.seenByFirst),
    row('participant updates seen by everyone', 'events', (r) => r.seenByEveryone),
    row('LiveKit CPU during the joins', 's', (r) => r.serverCpuSeconds),
    row('LiveKit bytes written during the joins', 'KiB', (r) => r.serverBytesWritten / 1024),
    row('wall time until all connected', 'ms', (r) => r.allConnectedMs),
  ];
}

/**
 * Throws unless both runs counted what open-source LiveKit is known to send: hidden, no member
 * hears of another joining or knows another at the end, and the speaker hears of no join;
 * visible, every member hears of each one that joined after it and knows all the others at the
 * end, and the speaker hears of every join.
 * Counts other than these mean the comparison measured something else (lost joins, a listener
 * that missed events, a grant not applied), so its figures must not be published.
 */
function checkCounts(hidden: AudienceRun, visible: AudienceRun): void {
  const expected = {
    hidden: { seenByFirst: 0, seenByEveryone: 0, knownByEveryone: 0, seenBySpeaker: 0 },
    visible: {
      seenByFirst: AUDIENCE - 1,
      seenByEveryone: (AUDIENCE * (AUDIENCE - 1)) / 2,
      knownByEveryone: AUDIENCE * (AUDIENCE - 1),
      seenBySpeaker: AUDIENCE,
    },
  };
  const wrong = (['hidden', 'visible'] as const).flatMap((which) => {
    const run = which === 'hidden' ? hidden : visible;
    return Object.entries(expected[which])
      .filter(([count, value]) => run[count as keyof AudienceRun] !== value)
      .map(([count, value]) => `${which} ${count}: ${run[count as keyof AudienceRun]} (${value} expected)`);
  });
  check(wrong.length === 0, () => `unexpected counts, no figures published: ${wrong.join('; ')}`);
  for (const [which, run] of [
    ['hidden', hidden],
    ['visible', visible],
  ] as const) {
    // Zero would mean the /proc figures were not LiveKit's (or nothing happened).
    check(
      run.serverCpuSeconds > 0 && run.serverBytesWritten > 0,
      () => `${which}: LiveKit used ${run.serverCpuSeconds} s of CPU and wrote ${run.serverBytesWritten} bytes`,
    );
  }
}

async function main(): Promise<void> {
  const liveKit = await startTestLiveKit();
  const audience = new Audience();
  let results: BenchResult[];
  try {
    const comm = readFileSync(`/proc/${liveKit.pid}/comm`, 'utf8').trim();
    check(comm.startsWith('livekit'), () => `process ${liveKit.pid} measured as LiveKit is ${comm}`);
    await audience.start();
    await warmUp(liveKit);
    const hidden = await audienceRun(liveKit, audience, true);
    const visible = await audienceRun(liveKit, audience, false);
    checkCounts(hidden, visible);
    results = figures(hidden, visible);
  } finally {
    await audience.stop();
    await dispose();
    await liveKit.stop();
  }
  report(results);
  // rtc-node's native runtime keeps the process alive; everything of ours is stopped.
  process.exit(0);
}

if (process.env.AUDIENCE_WORKER === '1') {
  audienceWorker();
} else {
  await main();
}
