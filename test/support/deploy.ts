import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const tools = path.join(repoRoot, '.tools');
const SETUP_HINT = 'run ./setup --test, which installs what the checks of deploy/ use';

/** Runs a program to its end, collecting what it wrote. */
export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Caddy 2.7 or newer (the PROXY protocol listener): the one ./setup --test put in .tools/bin, else PATH's. */
export function caddyBinary(): string {
  const readsProxyProtocol = (binary: string) =>
    run(binary, ['list-modules']).stdout.split('\n').includes('caddy.listeners.proxy_protocol');
  const found = [path.join(tools, 'bin/caddy'), onPath('caddy')].find(
    (binary) => binary && existsSync(binary) && readsProxyProtocol(binary),
  );
  if (!found) throw new Error(`No Caddy 2.7 or newer (with caddy.listeners.proxy_protocol): ${SETUP_HINT}.`);
  return found;
}

/** nginx with its stream module: the system's, or the one ./setup --test unpacked into .tools/nginx. */
export function nginxInstallation(): { binary: string; streamModule: string } {
  for (const root of ['/', path.join(tools, 'nginx')]) {
    const binary = path.join(root, 'usr/sbin/nginx');
    const streamModule = path.join(root, 'usr/lib/nginx/modules/ngx_stream_module.so');
    if (existsSync(binary) && existsSync(streamModule)) return { binary, streamModule };
  }
  throw new Error(`No nginx with its stream module: ${SETUP_HINT}.`);
}

export function shellcheckBinary(): string {
  const found = onPath('shellcheck');
  if (!found) throw new Error(`No shellcheck: ${SETUP_HINT}.`);
  return found;
}

export function systemdAnalyzeBinary(): string | undefined {
  return onPath('systemd-analyze');
}

export interface Rendered {
  /** The folder standing for `/`. */
  root: string;
  file(absolutePath: string): string;
  /** The variables of an env file as sh reads it (single-quoted values). */
  env(absolutePath: string): Record<string, string>;
}

/** `deploy/install.sh --render <root> <domain> <email>`: the server's files, written under a folder. */
export function renderDeployment(
  options: { root?: string; domain?: string; email?: string; env?: NodeJS.ProcessEnv } = {},
): Rendered {
  const root = options.root ?? mkdtempSync(path.join(os.tmpdir(), 'serambi-deploy-'));
  const result = run(
    path.join(repoRoot, 'deploy/install.sh'),
    ['--render', root, options.domain ?? 'serambi.example.id', options.email ?? 'admin@example.id'],
    { env: options.env },
  );
  if (result.status !== 0) throw new Error(`install.sh --render failed (${result.status}): ${result.stderr}`);
  const file = (absolutePath: string) => readFileSync(path.join(root, absolutePath), 'utf8');
  return { root, file, env: (absolutePath) => parseEnvFile(file(absolutePath)) };
}

/** Parses KEY='value' and KEY=value lines, as both sh and systemd read serambi.env and caddy.env. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(?:'([^']*)'|(.*))$/.exec(line);
    if (match?.[1]) env[match[1]] = match[2] ?? match[3] ?? '';
  }
  return env;
}

/** A long-running program started by a test: its output, and a way to wait for a line of it. */
export interface Started {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp): Promise<void>;
  stop(): Promise<void>;
}

export function startProgram(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void; reject: (error: Error) => void }> = [];
  const check = () => {
    for (const waiter of waiters.splice(0)) {
      if (waiter.pattern.test(output)) waiter.resolve();
      else if (child.exitCode !== null) waiter.reject(new Error(`${command} exited (${child.exitCode}): ${output}`));
      else waiters.push(waiter);
    }
  };
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    check();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      check();
      resolve();
    }),
  );
  return {
    child,
    output: () => output,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve, reject });
        check();
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
