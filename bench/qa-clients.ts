/**
 * The Q&A benchmark's audience (bench/qa.bench.ts): rtc-node clients spread over child
 * processes (this file, forked), driven over IPC. rtc-node hands every native event to every
 * Room of its process, so one process holding all 200 Rooms would pay 200 × 200 handler calls
 * per broadcast and measure itself; four processes of 50 pay a sixteenth of that.
 *
 * Each client records, on the clock `now()` (epoch milliseconds, sub-millisecond), when each
 * question's `qa.question` event arrived, and every `qa.votes` event with the counts it carried.
 * The votes of the burst are sent from these processes too, with each client's room ticket, so
 * the load generator does not share the server's event loop.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dispose, Room, RoomEvent } from '../test/support/rtc.ts';

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes (see `clockOffset`). */
export const now = () => performance.timeOrigin + performance.now();

export interface Vote {
  /** The client whose ticket votes. */
  index: number;
  questionId: string;
}

export interface VoteRun {
  ok: number;
  failures: string[];
  firstSentAt: number;
  lastAnsweredAt: number;
  latencies: number[];
}

export interface ClientState {
  index: number;
  connected: boolean;
  /** Distinct `qa.votes` events (by version) received. */
  votesEvents: number;
  /** When the last `qa.votes` event arrived (null: none). */
  lastVotesAt: number | null;
  /** The newest count this client knows per question (from `qa.question` or `qa.votes`, by version). */
  counts: Record<string, number>;
}

type ToWorker =
  | { type: 'clock' }
  | { type: 'connect'; index: number; url: string; token: string }
  | { type: 'question'; id: string; timeoutMs: number }
  | { type: 'vote'; baseUrl: string; tickets: Record<number, string>; votes: Vote[]; concurrency: number }
  | { type: 'state' }
  | { type: 'exit' };

type FromWorker =
  | { type: 'ready' }
  | { type: 'clock'; at: number }
  | { type: 'connected'; index: number }
  | { type: 'failed'; index: number; message: string }
  | { type: 'question'; id: string; arrivals: Array<[index: number, at: number | null]> }
  | ({ type: 'voted' } & VoteRun)
  | { type: 'state'; clients: ClientState[] };

interface Client {
  room: Room;
  questionAt: Map<string, number>;
  votesSeen: Set<number>;
  lastVotesAt: number | null;
  counts: Map<string, { v: number; votes: number }>;
}

function worker(): void {
  const send = (message: FromWorker) => process.send?.(message);
  const clients = new Map<number, Client>();
  /** Questions someone waits for: checked whenever one of them arrives. */
  const awaited = new Map<string, () => void>();
  const decoder = new TextDecoder();

  const known = (client: Client, id: string, v: number, votes: number) => {
    const before = client.counts.get(id);
    if (!before || before.v < v) client.counts.set(id, { v, votes });
  };

  const connect = async (index: number, url: string, token: string) => {
    const room = new Room();
    const client: Client = { room, questionAt: new Map(), votesSeen: new Set(), lastVotesAt: null, counts: new Map() };
    // Listening before connect: nothing sent between connect() resolving and a listener is lost.
    room.on(RoomEvent.DataReceived, (payload, _participant, _kind, topic) => {
      if (topic !== 'qa') return;
      const at = now();
      const event = JSON.parse(decoder.decode(payload)) as { type: string; v: number; data: unknown };
      if (event.type === 'qa.question') {
        const question = event.data as { id: string; votes: number };
        known(client, question.id, event.v, question.votes);
        if (!client.questionAt.has(question.id)) {
          client.questionAt.set(question.id, at);
          awaited.get(question.id)?.();
        }
      } else if (event.type === 'qa.votes') {
        client.votesSeen.add(event.v);
        client.lastVotesAt = at;
        for (const { id, votes } of (event.data as { votes: Array<{ id: string; votes: number }> }).votes) {
          known(client, id, event.v, votes);
        }
      }
    });
    clients.set(index, client);
    try {
      await room.connect(url, token, { autoSubscribe: true, dynacast: false });
      send({ type: 'connected', index });
    } catch (error) {
      clients.delete(index);
      send({ type: 'failed', index, message: (error as Error).message });
    }
  };

  /** Answers once every client of this process has the question, or at the timeout with what arrived. */
  const question = (id: string, timeoutMs: number) => {
    const answer = () => {
      clearTimeout(timer);
      awaited.delete(id);
      send({
        type: 'question',
        id,
        arrivals: [...clients].map(([index, client]) => [index, client.questionAt.get(id) ?? null]),
      });
    };
    const check = () => {
      if ([...clients.values()].every((client) => client.questionAt.has(id))) answer();
    };
    const timer = setTimeout(answer, timeoutMs);
    awaited.set(id, check);
    check();
  };

  const vote = async (message: Extract<ToWorker, { type: 'vote' }>) => {
    const run: VoteRun = { ok: 0, failures: [], firstSentAt: Number.NaN, lastAnsweredAt: Number.NaN, latencies: [] };
    let next = 0;
    const caller = async () => {
      while (next < message.votes.length) {
        const { index, questionId } = message.votes[next++] as Vote;
        const sentAt = now();
        if (Number.isNaN(run.firstSentAt)) run.firstSentAt = sentAt;
        try {
          const response = await fetch(`${message.baseUrl}/questions/${questionId}/vote`, {
            method: 'PUT',
            headers: { Authorization: `Bearer ${message.tickets[index]}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ voted: true }),
          });
          const body = await response.text();
          if (response.status === 200) run.ok++;
          else run.failures.push(`${response.status} ${body}`);
        } catch (error) {
          run.failures.push((error as Error).message);
        }
        run.lastAnsweredAt = now();
        run.latencies.push(run.lastAnsweredAt - sentAt);
      }
    };
    await Promise.all(Array.from({ length: message.concurrency }, caller));
    send({ type: 'voted', ...run });
  };

  process.on('message', async (message: ToWorker) => {
    if (message.type === 'clock') send({ type: 'clock', at: now() });
    else if (message.type === 'connect') await connect(message.index, message.url, message.token);
    else if (message.type === 'question') question(message.id, message.timeoutMs);
    else if (message.type === 'vote') await vote(message);
    else if (message.type === 'state') {
      send({
        type: 'state',
        clients: [...clients].map(([index, client]) => ({
          index,
          connected: client.room.isConnected,
          votesEvents: client.votesSeen.size,
          lastVotesAt: client.lastVotesAt,
          counts: Object.fromEntries([...client.counts].map(([id, { votes }]) => [id, votes])),
        })),
      });
    } else {
      await Promise.all([...clients.values()].map((client) => client.room.disconnect().catch(() => undefined)));
      await dispose();
      process.exit(0);
    }
  });
  send({ type: 'ready' });
}

/** The forked client processes, seen from the benchmark; client `i` lives in process `i % workers`. */
export class QaClients {
  private readonly workers: ChildProcess[] = [];
  /** Replies awaited, by a key naming the reply (and its process, or its client). */
  private readonly waiting = new Map<string, (message: FromWorker) => void>();
  /** Per process: its clock minus ours. */
  private offsets: number[] = [];
  private stopping = false;

  constructor(private readonly count: number) {}

  async start(): Promise<void> {
    const ready: Promise<unknown>[] = [];
    for (let w = 0; w < this.count; w++) {
      const child = fork(fileURLToPath(import.meta.url), [], {
        execArgv: ['--import', 'tsx'],
        // rtc-node logs at debug level unless NODE_ENV is production (a line per connect); nothing
        // else runs in these processes.
        env: { ...process.env, QA_CLIENTS_WORKER: '1', NODE_ENV: 'production' },
      });
      ready.push(this.next(`ready:${w}`));
      child.on('message', (message: FromWorker) => {
        const key =
          message.type === 'connected' || message.type === 'failed'
            ? `connect:${message.index}`
            : message.type === 'question'
              ? `question:${w}:${message.id}`
              : `${message.type}:${w}`;
        const waiter = this.waiting.get(key);
        this.waiting.delete(key);
        waiter?.(message);
      });
      // A process gone mid-run would leave its replies awaited forever.
      child.once('exit', (code, signal) => {
        if (this.stopping) return;
        console.error(`client process ${w} exited (${signal ?? code}) during the run`);
        process.exit(1);
      });
      this.workers.push(child);
    }
    await Promise.all(ready);
    this.offsets = await Promise.all(this.workers.map((_, w) => this.clockOffset(w)));
  }

  /** The process's clock minus ours, from the ping with the shortest round trip of 20. */
  private async clockOffset(w: number): Promise<number> {
    let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
    for (let i = 0; i < 20; i++) {
      const sentAt = now();
      const reply = await this.ask(w, { type: 'clock' }, `clock:${w}`);
      const answeredAt = now();
      if (reply.type !== 'clock') continue;
      if (answeredAt - sentAt < best.rtt) {
        best = { rtt: answeredAt - sentAt, offset: reply.at - (sentAt + answeredAt) / 2 };
      }
    }
    return best.offset;
  }

  get pids(): number[] {
    return this.workers.flatMap((child) => (child.pid === undefined ? [] : [child.pid]));
  }

  get clockOffsets(): readonly number[] {
    return this.offsets;
  }

  private next(key: string): Promise<FromWorker> {
    return new Promise((resolve) => this.waiting.set(key, resolve));
  }

  private ask(w: number, message: ToWorker, key: string): Promise<FromWorker> {
    const reply = this.next(key);
    this.workers[w]?.send(message);
    return reply;
  }

  /** Connects client `index` with a LiveKit token; throws with LiveKit's reason if it cannot. */
  async connect(index: number, url: string, token: string): Promise<void> {
    const reply = await this.ask(index % this.count, { type: 'connect', index, url, token }, `connect:${index}`);
    if (reply.type === 'failed') throw new Error(`client ${index} could not connect: ${reply.message}`);
  }

  /** When the question reached each client, on our clock (null: not within the timeout). */
  async arrivals(id: string, timeoutMs: number): Promise<Map<number, number | null>> {
    const replies = await Promise.all(
      this.workers.map((_, w) => this.ask(w, { type: 'question', id, timeoutMs }, `question:${w}:${id}`)),
    );
    const arrivals = new Map<number, number | null>();
    replies.forEach((reply, w) => {
      if (reply.type !== 'question') return;
      for (const [index, at] of reply.arrivals) arrivals.set(index, at === null ? null : at - (this.offsets[w] ?? 0));
    });
    return arrivals;
  }

  /** Sends the votes, each with its client's ticket from that client's process, `inFlight` at a time in all. */
  async vote(baseUrl: string, tickets: string[], votes: Vote[], inFlight: number): Promise<VoteRun> {
    const concurrency = Math.ceil(inFlight / this.count);
    const runs = await Promise.all(
      this.workers.map(async (_, w) => {
        const mine = votes.filter((vote) => vote.index % this.count === w);
        const reply = await this.ask(
          w,
          {
            type: 'vote',
            baseUrl,
            tickets: Object.fromEntries(mine.map((vote) => [vote.index, tickets[vote.index] ?? ''])),
            votes: mine,
            concurrency,
          },
          `voted:${w}`,
        );
        if (reply.type !== 'voted') throw new Error('unexpected reply');
        const offset = this.offsets[w] ?? 0;
        return { ...reply, firstSentAt: reply.firstSentAt - offset, lastAnsweredAt: reply.lastAnsweredAt - offset };
      }),
    );
    return {
      ok: runs.reduce((sum, run) => sum + run.ok, 0),
      failures: runs.flatMap((run) => run.failures),
      firstSentAt: Math.min(...runs.map((run) => run.firstSentAt).filter((t) => !Number.isNaN(t))),
      lastAnsweredAt: Math.max(...runs.map((run) => run.lastAnsweredAt).filter((t) => !Number.isNaN(t))),
      latencies: runs.flatMap((run) => run.latencies),
    };
  }

  /** What every client knows now, times on our clock, in client order. */
  async state(): Promise<ClientState[]> {
    const replies = await Promise.all(this.workers.map((_, w) => this.ask(w, { type: 'state' }, `state:${w}`)));
    return replies
      .flatMap((reply, w) =>
        reply.type === 'state'
          ? reply.clients.map((client) => ({
              ...client,
              lastVotesAt: client.lastVotesAt === null ? null : client.lastVotesAt - (this.offsets[w] ?? 0),
            }))
          : [],
      )
      .sort((a, b) => a.index - b.index);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.workers.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve(undefined);
            child.once('exit', resolve);
            child.send({ type: 'exit' } satisfies ToWorker);
          }),
      ),
    );
  }
}

if (process.env.QA_CLIENTS_WORKER === '1') worker();
