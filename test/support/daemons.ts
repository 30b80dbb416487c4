import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';

/** A process of a real part the tests start (Caddy, coturn), stopped by its pid. */
export interface Daemon {
  stop(): Promise<void>;
}

/** The binary of a Debian package, installed with apt-get first when it is missing and we are root (as for PostgreSQL). */
export function ensureDebianPackage(binary: string, packageName: string): string {
  if (existsSync(binary)) return binary;
  if (process.getuid?.() !== 0) {
    throw new Error(`${binary} not found: install it (Debian: apt-get install ${packageName}).`);
  }
  const result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', packageName], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0 || !existsSync(binary)) {
    throw new Error(`Installing ${packageName} with apt-get failed; see the output above.`);
  }
  // Debian's packages start no daemon in a container; on a full system they may, on their default ports only.
  return binary;
}

/** Starts `command` with its standard output and error appended to `logFile`; `exited` resolves with its exit code. */
export function spawnLogged(command: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', fd, fd], env: env ?? process.env });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited };
}

/** SIGTERM, then SIGKILL after five seconds; resolves once the process is gone. */
export async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Whether something accepts TCP connections at host:port. */
export function tcpAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

export async function until(condition: () => boolean, exited: Promise<number | null>, message: string): Promise<void> {
  return untilAsync(async () => condition(), exited, message);
}

/** Waits up to 20 s for `condition`; fails at once, saying so, if the process exits meanwhile. */
export async function untilAsync(
  condition: () => Promise<boolean>,
  exited: Promise<number | null>,
  message: string,
): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${message}: it exited (code ${exitCode})`);
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(message);
}
