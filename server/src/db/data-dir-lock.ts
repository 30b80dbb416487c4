import { chmod, mkdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';

/**
 * One process at a time opens a PGlite data folder: two would each keep their own copy of the
 * database in memory and overwrite each other's files. The process that has DATA_DIR listens on
 * the Unix socket DATA_DIR/serambi.sock (only its user may connect); whoever finds it answering
 * leaves the folder alone. A running server also answers `pnpm backup` there.
 */
export const DATA_DIR_HOLDERS = ['server', 'backup', 'restore'] as const;
export type DataDirHolder = (typeof DATA_DIR_HOLDERS)[number];

export interface DataDirHolding {
  holder: DataDirHolder | 'unknown';
  pid: number | null;
}

export interface DataDirLock {
  readonly socketPath: string;
  /** Answers control requests on the socket with `routes` (besides `GET /holder`). */
  serve(routes: Hono): void;
  release(): Promise<void>;
}

/** DATA_DIR is another process's: says which, and what to do. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

const SOCKET_NAME = 'serambi.sock';
/** A Unix socket's path has at most 107 bytes on Linux (103 on macOS), and Node cuts a longer one silently. */
const MAX_SOCKET_PATH_BYTES = 103;
/** The longest DATA_DIR (absolute, in bytes) whose socket path fits. */
export const MAX_DATA_DIR_BYTES = MAX_SOCKET_PATH_BYTES - SOCKET_NAME.length - 1;
/** A holder busy with a long query still answers within this; silence past it counts as in use. */
const ANSWER_TIMEOUT_MS = 5_000;

/** Whether DATA_DIR is short enough for its socket (`loadConfig` refuses a longer one with PGlite). */
export const fitsControlSocket = (dataDir: string) =>
  Buffer.byteLength(path.join(path.resolve(dataDir), SOCKET_NAME)) <= MAX_SOCKET_PATH_BYTES;

export function controlSocketPath(dataDir: string): string {
  if (!fitsControlSocket(dataDir)) throw new Error(`DATA_DIR ${dataDir} is too long for its control socket`);
  return path.join(path.resolve(dataDir), SOCKET_NAME);
}

/** Takes DATA_DIR for `holder`, or throws `DataDirInUseError` naming who has it. */
export async function lockDataDir(dataDir: string, holder: DataDirHolder): Promise<DataDirLock> {
  const socketPath = controlSocketPath(dataDir);
  await mkdir(path.dirname(socketPath), { recursive: true });
  const current = await holderOf(dataDir);
  if (current) throw new DataDirInUseError(inUseMessage(dataDir, current));
  // Nobody answers: a socket file left there is a crashed process's.
  await rm(socketPath, { force: true });
  let routes: Hono | undefined;
  const app = new Hono();
  app.get('/holder', (c) => c.json({ holder, pid: process.pid } satisfies DataDirHolding));
  app.all('*', (c) =>
    routes ? routes.fetch(c.req.raw) : c.json({ message: `${holder} answers nothing but /holder here` }, 404),
  );
  const server = createServer(getRequestListener(app.fetch));
  try {
    await listen(server, socketPath);
  } catch (error) {
    // Another process took it between our look and our listen.
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new DataDirInUseError(inUseMessage(dataDir, (await holderOf(dataDir)) ?? { holder: 'unknown', pid: null }));
  }
  await chmod(socketPath, 0o600);
  let released = false;
  return {
    socketPath,
    serve(next) {
      routes = next;
    },
    async release() {
      if (released) return;
      released = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await rm(socketPath, { force: true });
    },
  };
}

/** Who has DATA_DIR now, or null when nobody does. */
export async function holderOf(dataDir: string): Promise<DataDirHolding | null> {
  try {
    const response = await controlRequest(dataDir, 'GET', '/holder');
    const body = await bodyOf(response);
    if (response.statusCode !== 200) return { holder: 'unknown', pid: null };
    const parsed = JSON.parse(body.toString('utf8')) as Partial<DataDirHolding>;
    const holder = DATA_DIR_HOLDERS.find((name) => name === parsed.holder) ?? 'unknown';
    return { holder, pid: typeof parsed.pid === 'number' ? parsed.pid : null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No socket, or a socket file nobody listens on.
    if (code === 'ENOENT' || code === 'ECONNREFUSED') return null;
    // Someone accepted the connection (or it is not a socket at all): leave the folder alone.
    return { holder: 'unknown', pid: null };
  }
}

/**
 * A request to whoever holds DATA_DIR, over its socket; the answer's body is the caller's to read.
 * It fails when the holder is silent for `silentMs` (the holder is busy, or hung).
 */
export function controlRequest(
  dataDir: string,
  method: string,
  pathname: string,
  silentMs = ANSWER_TIMEOUT_MS,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ socketPath: controlSocketPath(dataDir), method, path: pathname }, resolve);
    outgoing.setTimeout(silentMs, () => {
      const timeout = Object.assign(new Error(`no answer on ${controlSocketPath(dataDir)} in time`), {
        code: 'ETIMEDOUT',
      });
      outgoing.destroy(timeout);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

export async function bodyOf(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function inUseMessage(dataDir: string, current: DataDirHolding): string {
  const who = {
    server: 'a running Serambi',
    backup: '`pnpm backup`',
    restore: '`pnpm restore`',
    unknown: 'another process',
  }[current.holder];
  const pid = current.pid === null ? '' : ` (pid ${current.pid})`;
  const advice =
    current.holder === 'server'
      ? 'stop it first, or use another DATA_DIR'
      : current.holder === 'unknown'
        ? `stop it, or remove ${controlSocketPath(dataDir)} if nothing uses it`
        : 'wait until it has finished';
  return `DATA_DIR ${path.resolve(dataDir)} is in use by ${who}${pid}: ${advice}.`;
}

function listen(server: Server, socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
