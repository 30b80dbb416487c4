import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_HOST, type Deployment, TURN_HOST } from './deployment.ts';

export interface DoctorRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The report's line for the check whose name starts with `check` (with its fix line, if any). */
  line(check: string): string;
}

const REPOSITORY = path.resolve(import.meta.dirname, '../..');

/**
 * Runs `pnpm run doctor` against a loopback deployment as an operator runs it on the server: with
 * Serambi's environment, trusting Caddy's root like the machine trusts a public CA, and resolving
 * the deployment's names to their 127.x addresses. Names are resolved by every part of it
 * (Node, rtc-node's Rust signalling client, libwebrtc's TURN client) through getaddrinfo, so the
 * doctor runs in a mount namespace of its own whose /etc/hosts names them and whose
 * /etc/resolv.conf asks only loopback: the machine's files are not touched, and no option of the
 * doctor exists only for tests.
 */
export async function runDoctor(
  deployment: Deployment,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<DoctorRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'serambi-doctor-'));
  try {
    const hosts = path.join(dir, 'hosts');
    writeFileSync(
      hosts,
      [`127.0.0.1 localhost`, `${deployment.hosts.app} ${APP_HOST}`, `${deployment.hosts.turn} ${TURN_HOST}`, ''].join(
        '\n',
      ),
    );
    // No DNS server but loopback's (where none listens): a name LiveKit offers beyond the
    // deployment's (a public STUN server) fails to resolve instead of leaving the machine.
    const resolvConf = path.join(dir, 'resolv.conf');
    writeFileSync(resolvConf, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
    const root = path.join(dir, 'root.crt');
    writeFileSync(root, deployment.rootCertificate);
    const child = spawn(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        'mount --bind "$0" /etc/hosts && mount --bind "$1" /etc/resolv.conf && shift && exec "$@"',
        hosts,
        resolvConf,
        'pnpm',
        '--silent',
        'run',
        'doctor',
        ...args,
      ],
      {
        cwd: REPOSITORY,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          ...deployment.app.env,
          // Node's trust (fetch, TLS, WebSocket) and rustls' (rtc-node's signalling): Caddy's root.
          NODE_EXTRA_CA_CERTS: root,
          SSL_CERT_FILE: root,
          LANG: 'en_US.UTF-8',
          ...env,
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return {
      code,
      stdout,
      stderr,
      line(check) {
        const lines = stdout.split('\n');
        const index = lines.findIndex((line) => line.slice(3).startsWith(check));
        if (index < 0) throw new Error(`no line for "${check}" in the report:\n${stdout}\n${stderr}`);
        const next = lines[index + 1] ?? '';
        return /^\s+\S+: /.test(next) && next.startsWith('   ') ? `${lines[index]}\n${next}` : (lines[index] ?? '');
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
