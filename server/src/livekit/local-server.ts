import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freeTcpPort, freeUdpPort } from '../net/free-port.ts';

export interface LocalLiveKitOptions {
  binary: string;
  /** Keys, config and log live here; the keys are generated once and kept. */
  dataDir: string;
  /** Where LiveKit posts its webhooks (the app's /api/livekit/webhook). */
  webhookUrl?: string | undefined;
  /** How long to wait for the server to answer its health check. */
  startTimeoutMs?: number;
  /** Listen on these (a restart keeps its clients' address); free ports otherwise. */
  ports?: LocalLiveKit['ports'];
}

export interface LocalLiveKit {
  /** ws:// URL for clients and the server SDK. */
  url: string;
  apiKey: string;
  apiSecret: string;
  pid: number;
  ports: { http: number; rtcUdp: number };
  logFile: string;
  /** Resolves with the exit code when the process ends, whoever ended it. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

interface Keys {
  apiKey: string;
  apiSecret: string;
}

/** Reads the local LiveKit key pair from `dataDir`, creating it on first use. */
export function loadOrCreateKeys(dataDir: string): Keys {
  const file = path.join(dataDir, 'livekit-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Keys;
  mkdirSync(dataDir, { recursive: true });
  const keys: Keys = {
    apiKey: `API${randomBytes(6).toString('hex')}`,
    apiSecret: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

/**
 * Starts a LiveKit server bound to 127.0.0.1 on free ports, with the loopback settings of
 * docs/livekit.md#the-local-livekit-server, and waits until it answers. `stop()` ends it and waits
 * for the exit.
 */
export async function startLocalLiveKit(options: LocalLiveKitOptions): Promise<LocalLiveKit> {
  const { apiKey, apiSecret } = loadOrCreateKeys(options.dataDir);
  const ports = options.ports ?? { http: await freeTcpPort(), rtcUdp: await freeUdpPort() };
  const configFile = path.join(options.dataDir, 'livekit.yaml');
  writeFileSync(configFile, liveKitConfigYaml({ apiKey, apiSecret, ports, webhookUrl: options.webhookUrl }), {
    mode: 0o600,
  });
  const logFile = path.join(options.dataDir, 'livekit.log');
  const logFd = openSync(logFile, 'a');
  const [command, args] = withParentDeathSignal(options.binary, ['--config', configFile]);
  const child = spawn(command, args, {
    stdio: ['ignore', logFd, logFd],
    // LIVEKIT_CONFIG would override --config (docs/livekit.md#the-local-livekit-server).
    env: { ...process.env, LIVEKIT_CONFIG: undefined, LIVEKIT_KEYS: undefined },
  });
  closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `ws://127.0.0.1:${ports.http}`;
  try {
    await waitUntilHealthy(`http://127.0.0.1:${ports.http}/`, exited, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stopProcess(child, exited);
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
    throw new Error(`${(error as Error).message}\nLast lines of ${logFile}:\n${tail}`);
  }
  return {
    url,
    apiKey,
    apiSecret,
    pid: child.pid ?? -1,
    ports,
    logFile,
    exited,
    stop: () => stopProcess(child, exited),
  };
}

/**
 * On Linux, `setpriv --pdeathsig` makes the kernel stop LiveKit when this process dies, even by
 * SIGKILL, so no server is left behind; elsewhere LiveKit is stopped by `stop()` only.
 */
function withParentDeathSignal(binary: string, args: string[]): [string, string[]] {
  if (process.platform === 'linux' && existsSync('/usr/bin/setpriv')) {
    return ['/usr/bin/setpriv', ['--pdeathsig', 'SIGTERM', '--', binary, ...args]];
  }
  return [binary, args];
}

function liveKitConfigYaml(input: {
  apiKey: string;
  apiSecret: string;
  ports: LocalLiveKit['ports'];
  webhookUrl: string | undefined;
}): string {
  // JSON values are valid YAML scalars, so nothing needs escaping by hand.
  const j = JSON.stringify;
  const lines = [
    `port: ${input.ports.http}`,
    'bind_addresses: ["127.0.0.1"]',
    `keys: { ${j(input.apiKey)}: ${j(input.apiSecret)} }`,
    'logging: { level: info, json: false }',
    'rtc:',
    // ICE/TCP would listen on every interface (it ignores bind_addresses); UDP on loopback suffices.
    '  tcp_port: 0',
    `  udp_port: ${input.ports.rtcUdp}`,
    '  use_external_ip: false',
    '  node_ip: 127.0.0.1',
    '  enable_loopback_candidate: true',
    '  ips: { includes: ["127.0.0.1/32"] }',
    // Rooms are created by the server for sessions; a token alone must not create one.
    'room: { auto_create: false, empty_timeout: 300, departure_timeout: 20 }',
  ];
  if (input.webhookUrl) {
    lines.push('webhook:', `  api_key: ${j(input.apiKey)}`, `  urls: [${j(input.webhookUrl)}]`);
  }
  return `${lines.join('\n')}\n`;
}

async function waitUntilHealthy(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`LiveKit server exited during start (code ${exitCode}).`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`LiveKit server did not answer on ${url} within ${timeoutMs} ms.`);
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killTimer);
}
