import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeTcpPort } from '@serambi/server/net/free-port.ts';
import pg from 'pg';
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the run's PostgreSQL server; use createTestDatabase() for a fresh database. */
    postgresUrl: string;
  }
}

export interface TestPostgres {
  /** Superuser URL of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL for the tests of the production path: TEST_DATABASE_URL when given, else
 * a throw-away server from Debian's `postgresql` package in a temp dir on a free loopback
 * port (installed first when missing and we are root).
 */
export async function startPostgres(): Promise<TestPostgres> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: async () => {} };
  const server = await startPrivatePostgres({ commitsSurviveCrash: false });
  return { url: server.url, stop: server.remove };
}

/** A PostgreSQL server of one test file's own, which it may take down and bring back. */
export interface PrivatePostgres {
  /** Superuser URL of the server's `postgres` database; the same port across restarts. */
  url: string;
  /** Stops the server at once (`immediate`: clients are cut off as on a crash), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  /**
   * Freezes the server as a hung machine does (SIGSTOP to the postmaster and every backend):
   * connections stay open and nothing answers, neither queries nor new connections.
   */
  freeze(): Promise<void>;
  /** Lets a frozen server go on (SIGCONT) where it stopped. */
  thaw(): Promise<void>;
  /** Stops it if running (thawing it first) and deletes its data. */
  remove(): Promise<void>;
}

/**
 * A throw-away PostgreSQL server in a temp dir on a free loopback port, always a local process
 * (never TEST_DATABASE_URL): fault tests stop it mid-session, which must not touch the run's
 * shared server.
 */
export async function startPrivatePostgres(
  options: {
    /**
     * Whether a commit is in the log before the client hears of it (on by default). An
     * `immediate` stop loses the log buffers, so a test that stops the server and then counts
     * rows needs this; fsync stays off either way, the operating system keeps what was written.
     */
    commitsSurviveCrash?: boolean;
  } = {},
): Promise<PrivatePostgres> {
  const bin = findPostgresBinDir() ?? installPostgres();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'serambi-pg-'));
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root; Debian's package creates the `postgres` user for it.
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${command} failed (exit ${result.status}): ${result.stderr || result.stdout || result.error}`);
    }
  };
  if (asRoot) {
    const pgUser = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(dir, Number(pgUser), Number(pgUser));
  }
  const dataDir = path.join(dir, 'data');
  run(path.join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'serambi',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  const port = await freeTcpPort();
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    // Durability is not what these tests prove; speed is welcome.
    '-c fsync=off',
    `-c synchronous_commit=${options.commitsSurviveCrash === false ? 'off' : 'on'}`,
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const pgCtl = path.join(bin, 'pg_ctl');
  const start = async () =>
    run(pgCtl, ['-D', dataDir, '-o', serverOptions, '-l', path.join(dir, 'postgres.log'), '-w', 'start']);
  const stop = async () => run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
  let running = false;
  let frozen: number[] = [];
  const thaw = async () => {
    // Backends first: the postmaster, once going, must find its children as they were.
    for (const pid of frozen.toReversed()) signalIfAlive(pid, 'SIGCONT');
    frozen = [];
  };
  await start();
  running = true;
  return {
    url: `postgres://serambi@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await stop();
      running = false;
    },
    start: async () => {
      await start();
      running = true;
    },
    freeze: async () => {
      // The postmaster first, so it forks no backend the loop below would miss.
      const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      signalIfAlive(postmaster, 'SIGSTOP');
      frozen = [postmaster, ...childrenOf(postmaster)];
      for (const pid of frozen.slice(1)) signalIfAlive(pid, 'SIGSTOP');
    },
    thaw,
    remove: async () => {
      await thaw();
      if (running) await stop();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The processes whose parent is `pid` (PostgreSQL's backends and helpers), from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

function signalIfAlive(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** A new, empty database on the test server, so test files never see each other's rows. */
export async function createTestDatabase(given?: string): Promise<string> {
  // vitest only when asked for its server: benchmarks run the harness without it, and its
  // megabytes would count as the server's in bench/memory-server.ts.
  const serverUrl = given ?? (await import('vitest')).inject('postgresUrl');
  const name = `serambi_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function findPostgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

function installPostgres(): string {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'PostgreSQL server not found: install it (Debian: apt-get install postgresql) or set TEST_DATABASE_URL.',
    );
  }
  const result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const bin = findPostgresBinDir();
  if (result.status !== 0 || !bin) throw new Error('Installing PostgreSQL with apt-get failed; see the output above.');
  return bin;
}
