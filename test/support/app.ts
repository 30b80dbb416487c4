import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@serambi/server/config.ts';
import type { AppContext } from '@serambi/server/context.ts';
import { createLogger } from '@serambi/server/logger.ts';
import { freeTcpPort, freeUdpPort } from '@serambi/server/net/free-port.ts';
import { startServer } from '@serambi/server/start.ts';
import { type LiveKitCredentials, liveKitBinary } from './livekit.ts';
import { createTestDatabase } from './postgres.ts';

export interface TestApp {
  /** http://127.0.0.1:<port> */
  url: string;
  context: AppContext;
  liveKit: LiveKitCredentials;
  readonly liveKitPid: number | undefined;
  /** The environment it was configured from (DATA_DIR, DATABASE_URL, …): for commands run beside it, as `pnpm backup`. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * The real server as `pnpm start` runs it: its own local LiveKit (webhooks pointed at it),
 * PGlite in a temp dir or a fresh PostgreSQL database, serving the built web app. In production
 * (an https PUBLIC_URL in `env`) its LiveKit advertises 127.0.0.1 on free ports unless `env` says.
 */
export async function startTestApp(
  options: {
    database?: 'pglite' | 'postgres';
    databaseUrl?: string;
    smtpUrl?: string;
    /** More environment variables (e.g. FFMPEG_PATH), applied last. */
    env?: NodeJS.ProcessEnv;
    /** Every log line the app writes (JSON), at `level`, goes into `lines` instead of standard output. */
    logs?: { level: string; lines: string[] };
    /** A DATA_DIR of the caller's (kept at stop); a new temp dir, removed at stop, by default. */
    dataDir?: string;
    /** The app's clock (a `MovableClock` reaches a timer's jobs without waiting); the machine's by default. */
    clock?: { now: () => Date };
  } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'serambi-app-'));
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    PORT: String(await freeTcpPort()),
    DATA_DIR: dataDir,
    LIVEKIT_BIN: await liveKitBinary(),
    LOG_LEVEL: options.logs?.level ?? process.env.TEST_LOG_LEVEL ?? 'warn',
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else if (options.database === 'postgres') env.DATABASE_URL = await createTestDatabase();
  if (options.smtpUrl) env.SMTP_URL = options.smtpUrl;
  Object.assign(env, options.env);
  if (!env.LIVEKIT_URL && (env.PUBLIC_URL?.startsWith('https://') || env.NODE_ENV === 'production')) {
    // Production's embedded LiveKit takes fixed public ports; a test's stays on loopback, on free ones.
    env.LIVEKIT_NODE_IP ??= '127.0.0.1';
    env.LIVEKIT_UDP_PORT ??= String(await freeUdpPort());
    env.LIVEKIT_TCP_PORT ??= String(await freeTcpPort());
  }
  const config = loadConfig(env);
  const lines = options.logs?.lines;
  const destination = lines ? { write: (line: string) => void lines.push(line.trimEnd()) } : undefined;
  const server = await startServer(
    config,
    createLogger({ level: config.logLevel, pretty: false, destination }),
    options.clock,
  );
  return {
    url: server.url,
    context: server.context,
    liveKit: server.liveKit,
    get liveKitPid() {
      return server.liveKitPid;
    },
    env,
    stop: async () => {
      await server.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The machine's clock, moved forward by `advance` (for an app's timers: breakout tables' end, …). */
export interface MovableClock {
  now(): Date;
  advance(ms: number): void;
}

export function aMovableClock(): MovableClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      offset += ms;
    },
  };
}
