import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalMediaConfig } from '../config.ts';
import { freeTcpPort, freeUdpPort } from '../net/free-port.ts';
import { isLoopbackHost } from '../net/loopback.ts';

/**
 * How long the TURN credentials LiveKit derives for a participant stay valid: longer than any
 * session (a whole-day workshop included), since an allocation cannot be refreshed after they
 * expire; a rejoin gets fresh ones. They only let their holder relay through our TURN server.
 */
export const TURN_CREDENTIAL_TTL_SECONDS = 12 * 3600;

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
  /** Loopback only (the default), or the public addresses and ports of production. */
  media?: LocalMediaConfig;
}

export interface LocalLiveKit {
  /** ws:// URL of its HTTP port on loopback: for the server SDK, Serambi's own bots, and browsers in development. */
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

/** Where the local LiveKit key pair is kept (a backup copies it; the rest of its files are made at each start). */
export const liveKitKeysFile = (dataDir: string) => path.join(dataDir, 'livekit-keys.json');

/** The key pair of the local LiveKit in `dataDir`, when Serambi has made one (`pnpm doctor` only reads). */
export function readKeys(dataDir: string): Keys | undefined {
  const file = liveKitKeysFile(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Keys) : undefined;
}

/** Where the local LiveKit's configuration is written at each start. */
export const liveKitConfigFile = (dataDir: string) => path.join(dataDir, 'livekit.yaml');

/** The HTTP port (API and signalling, on 127.0.0.1) of the local LiveKit last started in `dataDir`. */
export function readHttpPort(dataDir: string): number | undefined {
  const file = liveKitConfigFile(dataDir);
  if (!existsSync(file)) return undefined;
  const port = /^port: (\d+)$/m.exec(readFileSync(file, 'utf8'))?.[1];
  return port ? Number(port) : undefined;
}

/** Reads the local LiveKit key pair from `dataDir`, creating it on first use. */
export function loadOrCreateKeys(dataDir: string): Keys {
  const file = liveKitKeysFile(dataDir);
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
 * Starts a LiveKit server whose HTTP port (signalling, API) is on 127.0.0.1, and waits until it
 * answers. Its media stays on loopback (a free UDP port, no ICE/TCP; see
 * docs/livekit.md#the-local-livekit-server) unless `media` says it is public: then it advertises
 * the node address, listens on the configured UDP and ICE/TCP ports, and hands clients the TURN
 * server. `stop()` ends it and waits for the exit.
 */
export async function startLocalLiveKit(options: LocalLiveKitOptions): Promise<LocalLiveKit> {
  const { apiKey, apiSecret } = loadOrCreateKeys(options.dataDir);
  const media = options.media ?? { reach: 'loopback' };
  const ports = options.ports ?? {
    http: await freeTcpPort(),
    rtcUdp: media.reach === 'public' ? media.udpPort : await freeUdpPort(),
  };
  const configFile = liveKitConfigFile(options.dataDir);
  writeFileSync(configFile, liveKitConfigYaml({ apiKey, apiSecret, ports, media, webhookUrl: options.webhookUrl }), {
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

/** LiveKit's configuration file (its `--config`); exported for its tests. */
export function liveKitConfigYaml(input: {
  apiKey: string;
  apiSecret: string;
  ports: LocalLiveKit['ports'];
  media: LocalMediaConfig;
  webhookUrl: string | undefined;
}): string {
  // JSON values are valid YAML scalars, so nothing needs escaping by hand.
  const j = JSON.stringify;
  const lines = [
    `port: ${input.ports.http}`,
    // Signalling reaches it through Serambi (or on loopback in development), never directly.
    'bind_addresses: ["127.0.0.1"]',
    `keys: { ${j(input.apiKey)}: ${j(input.apiSecret)} }`,
    'logging: { level: info, json: false }',
    'rtc:',
    ...rtcYaml(input.ports, input.media),
    // Rooms are created by the server for sessions; a token alone must not create one.
    'room: { auto_create: false, empty_timeout: 300, departure_timeout: 20 }',
  ];
  if (input.webhookUrl) {
    lines.push('webhook:', `  api_key: ${j(input.apiKey)}`, `  urls: [${j(input.webhookUrl)}]`);
  }
  return `${lines.join('\n')}\n`;
}

function rtcYaml(ports: LocalLiveKit['ports'], media: LocalMediaConfig): string[] {
  const j = JSON.stringify;
  if (media.reach === 'loopback') {
    return [
      // ICE/TCP would listen on every interface (it ignores bind_addresses); UDP on loopback suffices.
      '  tcp_port: 0',
      `  udp_port: ${ports.rtcUdp}`,
      '  use_external_ip: false',
      '  node_ip: 127.0.0.1',
      '  enable_loopback_candidate: true',
      '  ips: { includes: ["127.0.0.1/32"] }',
      LOOPBACK_STUN,
    ];
  }
  const lines = [
    // ICE/TCP listens on every interface, for networks that let no UDP through; 0 turns it off.
    `  tcp_port: ${media.tcpPort}`,
    // One muxed UDP port instead of a range: one firewall line.
    `  udp_port: ${ports.rtcUdp}`,
    '  use_external_ip: false',
    `  node_ip: ${j(media.nodeIp)}`,
  ];
  if (isLoopbackHost(media.nodeIp)) {
    // A deployment tried on one machine (the tests): LiveKit skips loopback unless told.
    lines.push('  enable_loopback_candidate: true', `  ips: { includes: [${j(`${media.nodeIp}/32`)}] }`);
    if (!media.turn) lines.push(LOOPBACK_STUN);
  }
  if (media.turn) {
    // coturn (use-auth-secret): LiveKit gives each participant a username "<expiry>:<participant>"
    // and its HMAC under the shared secret, so no lasting TURN password ever reaches a browser.
    const { domain, secret, udpPort, tlsPort } = media.turn;
    const server = (port: number, protocol: string) =>
      `    - { host: ${j(domain)}, port: ${port}, protocol: ${protocol}, secret: ${j(secret)}, ttl: ${TURN_CREDENTIAL_TTL_SECONDS} }`;
    lines.push('  turn_servers:', server(udpPort, 'udp'), server(tlsPort, 'tls'));
  }
  return lines;
}

/**
 * With neither TURN nor STUN servers configured, LiveKit hands every client Google's public STUN
 * servers, and browsers and bots would send binding requests off the machine. On loopback nobody
 * needs STUN (tests must send nothing elsewhere): name port 4 of 127.0.0.1, unassigned, where
 * nothing answers. Not a port browsers refuse (the discard port 9 is one): Chromium's renderer
 * crashes gathering candidates for such a STUN server under DevTools network emulation, as the
 * phone bench uses. (LiveKit's own UDP port does not do: clients
 * sending it binding requests as a STUN server never connected.)
 */
const LOOPBACK_STUN = '  stun_servers: ["127.0.0.1:4"]';

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
