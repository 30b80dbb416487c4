import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { connect as connectTls } from 'node:tls';
import { freeTcpPort, freeUdpPort } from '@serambi/server/net/free-port.ts';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from './app.ts';
import { launchBrowser } from './browser.ts';
import { type SmtpPeer, startSmtpPeer } from './smtp.ts';

/**
 * A public deployment of Serambi simulated on loopback with the real parts of the README's
 * layout: Debian's Caddy terminating TLS with its internal CA, Serambi in production mode
 * behind it (its embedded LiveKit advertising 127.0.0.1 on a muxed UDP port and, unless turned
 * off, an ICE/TCP port), coturn as TURN (UDP, and TLS with a certificate from Caddy's CA) on an
 * address of its own, mail to a test SMTP peer. Chromium reaches the names through
 * `--host-resolver-rules` and trusts Caddy's root through an NSS database of its own.
 *
 * Every address is in 127.0.0.0/8, with one exception nothing can avoid: LiveKit's ICE/TCP port
 * listens on every interface (it takes no bind address).
 */
export interface Deployment {
  /** https://serambi.test:<port>, through Caddy: what people open. */
  publicUrl: string;
  /** Serambi as started in this process: `app.url` is its own loopback address, behind Caddy. */
  app: TestApp;
  smtp: SmtpPeer;
  /** Caddy's root certificate (PEM), which signed the app's and TURN's certificates. */
  rootCertificate: string;
  hosts: { app: string; turn: string };
  ports: { https: number; liveKitUdp: number; liveKitTcp: number; turnUdp: number; turnTls: number };
  /** coturn's name and shared secret; null when the deployment has no TURN. */
  turn: { domain: string; secret: string } | null;
  /** Headless Chromium that resolves the deployment's names and trusts its CA; extra flags last. */
  launchBrowser(extraArgs?: string[]): Promise<Browser>;
  /** A fetch to the public side (through Caddy and TLS), as a browser would make it. */
  fetchPublic(pathAndQuery: string): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export const APP_HOST = 'serambi.test';
export const TURN_HOST = 'turn.serambi.test';
const APP_ADDRESS = '127.0.0.2';
const TURN_ADDRESS = '127.0.0.3';

export interface DeploymentOptions {
  /** LiveKit's ICE/TCP port on (the default) or off (LIVEKIT_TCP_PORT=0): then only TURN gets media past a UDP block. */
  iceTcp?: boolean;
  /**
   * coturn as TURN (the default), or none (no TURN_DOMAIN): where UDP is blocked, Chromium and
   * LiveKit take whichever of ICE/TCP and TURN/TLS answers first, so a test of one leaves the other out.
   */
  turn?: boolean;
  /** More variables for Serambi, applied last. */
  env?: NodeJS.ProcessEnv;
}

export async function startDeployment(options: DeploymentOptions = {}): Promise<Deployment> {
  const caddyBinary = ensureDebianPackage('/usr/bin/caddy', 'caddy');
  const coturnBinary = ensureDebianPackage('/usr/bin/turnserver', 'coturn');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'serambi-deployment-'));
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => {});
    stops.length = 0;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const smtp = await startSmtpPeer();
    stops.push(() => smtp.stop());
    const ports = {
      https: await freeTcpPort(APP_ADDRESS),
      liveKitUdp: await freeUdpPort(),
      liveKitTcp: options.iceTcp === false ? 0 : await freeTcpPort(),
      turnUdp: await freeUdpPort(TURN_ADDRESS),
      turnTls: await freeTcpPort(TURN_ADDRESS),
    };
    const publicUrl = `https://${APP_HOST}:${ports.https}`;
    const turn = options.turn === false ? null : { domain: TURN_HOST, secret: randomBytes(24).toString('hex') };

    const app = await startTestApp({
      smtpUrl: smtp.url,
      env: {
        PUBLIC_URL: publicUrl,
        // Every caller of the harness is 127.0.0.1; the limits have their own tests.
        RATE_LIMITS: 'off',
        LIVEKIT_NODE_IP: '127.0.0.1',
        LIVEKIT_UDP_PORT: String(ports.liveKitUdp),
        LIVEKIT_TCP_PORT: String(ports.liveKitTcp),
        ...(turn
          ? {
              TURN_DOMAIN: turn.domain,
              TURN_SECRET: turn.secret,
              TURN_UDP_PORT: String(ports.turnUdp),
              TURN_TLS_PORT: String(ports.turnTls),
            }
          : {}),
        ...options.env,
      },
    });
    stops.push(() => app.stop());

    const caddy = await startCaddy(caddyBinary, dir, { httpsPort: ports.https, upstream: app.url });
    stops.push(caddy.stop);
    if (turn) {
      const coturn = await startCoturn(coturnBinary, dir, {
        udpPort: ports.turnUdp,
        tlsPort: ports.turnTls,
        secret: turn.secret,
        certificate: caddy.certificateOf(TURN_HOST),
      });
      stops.push(coturn.stop);
    }

    const rootCertificate = readFileSync(caddy.rootFile, 'utf8');
    const chromiumHome = trustingHome(dir, caddy.rootFile);
    const resolverRules = [
      `MAP ${APP_HOST} ${APP_ADDRESS}`,
      `MAP ${TURN_HOST} ${TURN_ADDRESS}`,
      // No other name resolves: nothing leaves the machine (a public STUN server, say).
      'MAP * ~NOTFOUND',
      'EXCLUDE 127.0.0.1',
    ].join(', ');
    const fetchPublic = (pathAndQuery: string) =>
      httpsGet({ address: APP_ADDRESS, port: ports.https, host: APP_HOST, ca: rootCertificate, pathAndQuery });
    await eventuallyAnswers(() => fetchPublic('/api/health'), caddy.logFile);

    return {
      publicUrl,
      app,
      smtp,
      rootCertificate,
      hosts: { app: APP_ADDRESS, turn: TURN_ADDRESS },
      ports,
      turn,
      launchBrowser: (extraArgs = []) =>
        launchBrowser({
          extraArgs: [`--host-resolver-rules=${resolverRules}`, ...extraArgs],
          env: { ...process.env, HOME: chromiumHome },
        }),
      fetchPublic,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The binary of a Debian package, installed with apt-get first when it is missing and we are root (as for PostgreSQL). */
function ensureDebianPackage(binary: string, packageName: string): string {
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

interface Started {
  stop(): Promise<void>;
}

function spawnLogged(command: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', fd, fd], env: env ?? process.env });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Caddy with its internal CA on APP_ADDRESS, proxying APP_HOST to Serambi; it also issues TURN_HOST's certificate for coturn. */
async function startCaddy(
  binary: string,
  dir: string,
  input: { httpsPort: number; upstream: string },
): Promise<
  Started & { rootFile: string; logFile: string; certificateOf(host: string): { cert: string; key: string } }
> {
  const home = path.join(dir, 'caddy');
  mkdirSync(home, { recursive: true });
  const caddyfile = path.join(home, 'Caddyfile');
  const upstream = new URL(input.upstream).host;
  writeFileSync(
    caddyfile,
    `{
	admin off
	local_certs
	skip_install_trust
	auto_https disable_redirects
	https_port ${input.httpsPort}
	http_port ${await freeTcpPort(APP_ADDRESS)}
}
${APP_HOST} {
	bind ${APP_ADDRESS}
	tls internal
	reverse_proxy ${upstream}
}
${TURN_HOST} {
	bind ${APP_ADDRESS}
	tls internal
	respond "TURN answers on its own address" 404
}
`,
  );
  const logFile = path.join(home, 'caddy.log');
  const { child, exited } = spawnLogged(binary, ['run', '--config', caddyfile, '--adapter', 'caddyfile'], logFile, {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
  });
  const data = path.join(home, 'data', 'caddy');
  const rootFile = path.join(data, 'pki', 'authorities', 'local', 'root.crt');
  const certificateOf = (host: string) => ({
    cert: path.join(data, 'certificates', 'local', host, `${host}.crt`),
    key: path.join(data, 'certificates', 'local', host, `${host}.key`),
  });
  const stop = () => stopChild(child, exited);
  try {
    await until(
      () =>
        existsSync(rootFile) && existsSync(certificateOf(APP_HOST).cert) && existsSync(certificateOf(TURN_HOST).key),
      exited,
      `Caddy did not issue its certificates (log: ${logFile})`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { rootFile, logFile, certificateOf, stop };
}

/** coturn on TURN_ADDRESS: TURN over UDP and over TLS, credentials from the shared secret (use-auth-secret). */
async function startCoturn(
  binary: string,
  dir: string,
  input: { udpPort: number; tlsPort: number; secret: string; certificate: { cert: string; key: string } },
): Promise<Started> {
  const home = path.join(dir, 'coturn');
  mkdirSync(home, { recursive: true });
  const relayBase = 40_000 + Math.floor(Math.random() * 200) * 100;
  const config = path.join(home, 'turnserver.conf');
  writeFileSync(
    config,
    [
      `listening-ip=${TURN_ADDRESS}`,
      `relay-ip=${TURN_ADDRESS}`,
      `listening-port=${input.udpPort}`,
      `tls-listening-port=${input.tlsPort}`,
      `min-port=${relayBase}`,
      `max-port=${relayBase + 99}`,
      'use-auth-secret',
      `static-auth-secret=${input.secret}`,
      `realm=${TURN_HOST}`,
      `cert=${input.certificate.cert}`,
      `pkey=${input.certificate.key}`,
      'no-dtls',
      'no-cli',
      'no-multicast-peers',
      // LiveKit is on loopback here; production leaves this out (coturn then refuses such peers).
      'allow-loopback-peers',
      `pidfile=${path.join(home, 'turnserver.pid')}`,
      'no-stdout-log',
      `log-file=${path.join(home, 'turn.log')}`,
      'simple-log',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const { child, exited } = spawnLogged(binary, ['-c', config], path.join(home, 'stdout.log'));
  const stop = () => stopChild(child, exited);
  try {
    await untilAsync(
      () => tcpAnswers(TURN_ADDRESS, input.tlsPort),
      exited,
      `coturn did not listen on ${TURN_ADDRESS}:${input.tlsPort} (log: ${home}/turn.log)`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

/** A HOME for Chromium whose NSS database trusts `rootFile` for web sites: no certificate error is ignored. */
function trustingHome(dir: string, rootFile: string): string {
  const home = path.join(dir, 'chromium-home');
  const nssdb = path.join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  const certutil = ensureDebianPackage('/usr/bin/certutil', 'libnss3-tools');
  for (const args of [
    ['-N', '-d', `sql:${nssdb}`, '--empty-password'],
    ['-A', '-d', `sql:${nssdb}`, '-n', 'Serambi test deployment CA', '-t', 'C,,', '-i', rootFile],
  ]) {
    const result = spawnSync(certutil, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`certutil ${args[0]} failed: ${result.stderr || result.stdout}`);
  }
  return home;
}

function httpsGet(input: {
  address: string;
  port: number;
  host: string;
  ca: string;
  pathAndQuery: string;
}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connectTls({ host: input.address, port: input.port, servername: input.host, ca: input.ca }, () => {
      socket.write(
        `GET ${input.pathAndQuery} HTTP/1.1\r\nHost: ${input.host}:${input.port}\r\nConnection: close\r\n\r\n`,
      );
    });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, body: answer.slice(answer.indexOf('\r\n\r\n') + 4) });
    });
  });
}

function tcpAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function eventuallyAnswers(check: () => Promise<{ status: number }>, logFile: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const { status } = await check();
      if (status === 200) return;
      last = `status ${status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the deployment did not answer through Caddy: ${last} (log: ${logFile})`);
}

async function until(condition: () => boolean, exited: Promise<number | null>, message: string): Promise<void> {
  return untilAsync(async () => condition(), exited, message);
}

async function untilAsync(
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
