/**
 * The server of the memory benchmark (bench/memory.bench.ts), forked so that its resident memory
 * is its own: the real server started as the tests start it (its LiveKit is a process of its
 * own, not counted here), plus the two things only this process can do, driven over IPC:
 * write a crowd of registrations to its database (PGlite lives in this process) and measure
 * itself. Everything else the benchmark does over HTTP and LiveKit from the parent.
 */
import './test-env.ts';
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { registrations } from '../server/src/registrations/schema.ts';
import { confirmEmail } from '../test/support/accounts.ts';
import { startTestApp, type TestApp } from '../test/support/app.ts';

export interface MemoryFigures {
  /** Resident set size (VmRSS): every page of the process in RAM, including PGlite's heap when it runs here. */
  rssBytes: number;
  /** Highest resident set size so far (VmHWM). */
  peakRssBytes: number;
  /** V8's heap in use after a full collection: what the server's JavaScript objects retain. */
  heapUsedBytes: number;
  /** Memory V8 tracks outside its heap (buffers, WebAssembly memory such as PGlite's). */
  externalBytes: number;
}

type ToServer =
  | { type: 'measure' }
  | { type: 'register'; sessionId: string; count: number }
  | { type: 'confirm'; email: string }
  | { type: 'stop' };

type FromServer =
  | { type: 'ready'; url: string; liveKitPid: number | null }
  | ({ type: 'measured' } & MemoryFigures)
  | { type: 'registered'; secrets: string[] }
  | { type: 'confirmed' }
  | { type: 'failed'; message: string };

/** `VmRSS`/`VmHWM` of a process from /proc, in bytes (NaN where there is none). */
export function residentBytes(pid: number | string, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kB = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1];
    return kB === undefined ? Number.NaN : Number(kB) * 1024;
  } catch {
    return Number.NaN;
  }
}

/** Collects twice (weak references die in the first), then reads what is left. */
async function measure(): Promise<MemoryFigures> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('the memory server needs --expose-gc');
  collect();
  await new Promise((resolve) => setTimeout(resolve, 200));
  collect();
  const usage = process.memoryUsage();
  return {
    rssBytes: residentBytes('self'),
    peakRssBytes: residentBytes('self', 'VmHWM'),
    heapUsedBytes: usage.heapUsed,
    externalBytes: usage.external,
  };
}

/** Registrants written straight to the database in batches, as the room and Q&A benchmarks do; their link secrets. */
async function register(app: TestApp, sessionId: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => crypto.randomUUID());
  for (let from = 0; from < ids.length; from += 200) {
    await app.context.db.insert(registrations).values(
      ids.slice(from, from + 200).map((id, i) => ({
        id,
        sessionId,
        name: `Peserta ${from + i + 1}`,
        email: `peserta-${from + i + 1}@example.id`,
        status: 'registered' as const,
        joinSecretHash: app.context.links.hashFor(id, 0),
      })),
    );
  }
  return ids.map((id) => app.context.links.secretFor(id, 0));
}

async function serve(): Promise<void> {
  const send = (message: FromServer) => process.send?.(message);
  const databaseUrl = process.env.BENCH_MEMORY_DATABASE_URL;
  const app = await startTestApp(databaseUrl ? { databaseUrl } : {});
  process.on('message', async (message: ToServer) => {
    try {
      if (message.type === 'measure') send({ type: 'measured', ...(await measure()) });
      else if (message.type === 'register') {
        send({ type: 'registered', secrets: await register(app, message.sessionId, message.count) });
      } else if (message.type === 'confirm') {
        await confirmEmail(app.context.db, message.email);
        send({ type: 'confirmed' });
      } else {
        await app.stop();
        process.exit(0);
      }
    } catch (error) {
      send({ type: 'failed', message: (error as Error).stack ?? String(error) });
    }
  });
  // The benchmark gone (killed, crashed): stop, so no server or LiveKit outlives it.
  process.once('disconnect', () => {
    app.stop().finally(() => process.exit(0));
  });
  send({ type: 'ready', url: app.url, liveKitPid: app.liveKitPid ?? null });
}

/** The forked server, seen from the benchmark. */
export class MemoryServer {
  private constructor(
    private readonly child: ReturnType<typeof fork>,
    readonly url: string,
    readonly liveKitPid: number | null,
  ) {}

  /** Starts the server on PGlite, or on `databaseUrl` (PostgreSQL). */
  static async start(databaseUrl?: string): Promise<MemoryServer> {
    const child = fork(fileURLToPath(import.meta.url), [], {
      // As `pnpm start` and the systemd unit run the server (--max-semi-space-size=8).
      // As `pnpm start` and the systemd unit run the server (--max-semi-space-size=8).
      execArgv: ['--max-semi-space-size=8', '--import', 'tsx', '--expose-gc'],
      env: {
        ...process.env,
        BENCH_MEMORY_SERVER: '1',
        ...(databaseUrl ? { BENCH_MEMORY_DATABASE_URL: databaseUrl } : {}),
      },
    });
    const ready = await nextMessage(child);
    if (ready.type !== 'ready') throw new Error(`the memory server did not start: ${JSON.stringify(ready)}`);
    return new MemoryServer(child, ready.url, ready.liveKitPid);
  }

  get pid(): number {
    return this.child.pid ?? Number.NaN;
  }

  async measure(): Promise<MemoryFigures> {
    const reply = await this.ask({ type: 'measure' });
    if (reply.type !== 'measured') throw new Error(`measure: ${JSON.stringify(reply)}`);
    const { type: _, ...figures } = reply;
    return figures;
  }

  /** Confirms an account's address in the server's database (PGlite lives in its process). */
  async confirm(email: string): Promise<void> {
    const reply = await this.ask({ type: 'confirm', email });
    if (reply.type !== 'confirmed') throw new Error(`confirm: ${JSON.stringify(reply)}`);
  }

  async register(sessionId: string, count: number): Promise<string[]> {
    const reply = await this.ask({ type: 'register', sessionId, count });
    if (reply.type !== 'registered') throw new Error(`register: ${JSON.stringify(reply)}`);
    return reply.secrets;
  }

  /** Stops the server (and its LiveKit) and waits for the process to end. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'stop' } satisfies ToServer);
    await exited;
  }

  private ask(message: ToServer): Promise<FromServer> {
    const reply = nextMessage(this.child);
    this.child.send(message);
    return reply;
  }
}

function nextMessage(child: ReturnType<typeof fork>): Promise<FromServer> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the memory server exited (${code})`));
    child.once('exit', exited);
    child.once('message', (message: FromServer) => {
      child.off('exit', exited);
      resolve(message);
    });
  });
}

if (process.env.BENCH_MEMORY_SERVER === '1') await serve();
