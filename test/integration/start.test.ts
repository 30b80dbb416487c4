import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeTcpPort } from '@serambi/server/net/free-port.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { liveKitBinary } from '../support/livekit.ts';
import { isRunning, waitUntilGone } from '../support/processes.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs `server/src/main.ts` as `pnpm start` does, collecting its JSON log lines. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--max-semi-space-size=8', '--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) if (line.startsWith('{')) lines.push(JSON.parse(line));
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logged = (msg: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setInterval(() => {
        const line = lines.find((l) => l.msg === msg);
        if (line) {
          clearInterval(timer);
          resolve(line);
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`exited (${child.exitCode}) before logging "${msg}": ${stderr}`));
        }
      }, 50);
    });
  return { child, exited, logged, stderr: () => stderr };
}

function tempDataDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'serambi-start-'));
  dirs.push(dir);
  return dir;
}

describe('pnpm start', () => {
  it('stops at once with one line naming a bad variable', async () => {
    const main = startMain({ PORT: 'abc' });
    expect(await main.exited).toBe(1);
    expect(main.stderr().trim()).toBe('Configuration error: PORT must be a port number (got "abc").');
  });

  it.each([
    [
      { PUBLIC_URL: 'https://serambi.example.id' },
      /^Configuration error: SMTP_URL is required in production [^\n]*\.$/,
    ],
    [
      { NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.id:587' },
      /^Configuration error: PUBLIC_URL is required in production [^\n]*\.$/,
    ],
  ])('in production (%o), stops at once with one line naming the missing setting', async (env, line) => {
    const main = startMain({ PORT: String(await freeTcpPort()), DATA_DIR: tempDataDir(), ...env });
    expect(await main.exited).toBe(1);
    expect(main.stderr().trim()).toMatch(line);
  });

  it('refuses to listen beyond this machine in development, and says what to set', async () => {
    // Development serves the outbox of every mail, reset links included, to whoever asks.
    const main = startMain({ HOST: '0.0.0.0', PORT: String(await freeTcpPort()), DATA_DIR: tempDataDir() });
    expect(await main.exited).toBe(1);
    expect(main.stderr().trim()).toBe(
      'Configuration error: HOST=0.0.0.0 makes Serambi reachable from other machines; set PUBLIC_URL to its https address (production) or NODE_ENV=production, or keep HOST=127.0.0.1.',
    );
  });

  it('starts its own LiveKit, is healthy, and leaves no process behind on Ctrl-C', async () => {
    const dataDir = tempDataDir();
    const port = await freeTcpPort();
    const main = startMain({ PORT: String(port), DATA_DIR: dataDir, LIVEKIT_BIN: await liveKitBinary() });
    const liveKitPid = Number((await main.logged('local LiveKit server ready')).pid);
    await main.logged('Serambi is ready');
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok', livekit: 'ok' });
    expect(isRunning(liveKitPid)).toBe(true);
    const keys = readFileSync(path.join(dataDir, 'livekit-keys.json'), 'utf8');

    main.child.kill('SIGINT');
    expect(await main.exited).toBe(0);
    expect(isRunning(liveKitPid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(true);

    // A second start keeps the key pair made by the first.
    const again = startMain({ PORT: String(port), DATA_DIR: dataDir, LIVEKIT_BIN: await liveKitBinary() });
    await again.logged('Serambi is ready');
    expect(readFileSync(path.join(dataDir, 'livekit-keys.json'), 'utf8')).toBe(keys);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('takes its LiveKit server down even when it is killed outright, and starts again on its data', async () => {
    const dataDir = tempDataDir();
    const main = startMain({
      PORT: String(await freeTcpPort()),
      DATA_DIR: dataDir,
      LIVEKIT_BIN: await liveKitBinary(),
    });
    const liveKitPid = Number((await main.logged('local LiveKit server ready')).pid);
    await main.logged('Serambi is ready');
    main.child.kill('SIGKILL');
    await main.exited;
    await waitUntilGone(liveKitPid);
    expect(isRunning(liveKitPid)).toBe(false);

    // The killed one's control socket is left behind, answering nobody: it does not hold the folder.
    expect(existsSync(path.join(dataDir, 'serambi.sock'))).toBe(true);
    const again = startMain({
      PORT: String(await freeTcpPort()),
      DATA_DIR: dataDir,
      LIVEKIT_BIN: await liveKitBinary(),
    });
    await again.logged('Serambi is ready');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 90_000);
});
