import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect as connectTls } from 'node:tls';
import { freeTcpPort, freeUdpPort } from '@serambi/server/net/free-port.ts';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from './app.ts';
import { launchBrowser } from './browser.ts';
import { startCaddy } from './caddy.ts';
import { startCoturn } from './coturn.ts';
import { ensureDebianPackage } from './daemons.ts';
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

    const caddy = await startCaddy(caddyBinary, dir, {
      address: APP_ADDRESS,
      httpsPort: ports.https,
      host: APP_HOST,
      upstream: app.url,
      alsoCertify: turn ? [TURN_HOST] : [],
    });
    stops.push(caddy.stop);
    if (turn) {
      const coturn = await startCoturn(coturnBinary, dir, {
        address: TURN_ADDRESS,
        realm: TURN_HOST,
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
