import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freeTcpPort } from '@serambi/server/net/free-port.ts';
import { type Daemon, spawnLogged, stopChild, until } from './daemons.ts';

export interface TestCaddy extends Daemon {
  /** Caddy's root certificate (its internal CA), PEM file. */
  rootFile: string;
  logFile: string;
  /** Where the certificate Caddy issued for `host` and its key are. */
  certificateOf(host: string): { cert: string; key: string };
}

/**
 * Debian's Caddy with its internal CA on `address`: `host` proxied to `upstream` (WebSocket
 * upgrades included), and certificates issued for `alsoCertify` (coturn's name) that another
 * server may use. Waits until every certificate is on disk.
 */
export async function startCaddy(
  binary: string,
  dir: string,
  input: { address: string; httpsPort: number; host: string; upstream: string; alsoCertify: string[] },
): Promise<TestCaddy> {
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
	http_port ${await freeTcpPort(input.address)}
}
${input.host} {
	bind ${input.address}
	tls internal
	reverse_proxy ${upstream}
}
${input.alsoCertify.map((name) => `${name} {\n\tbind ${input.address}\n\ttls internal\n\trespond 404\n}\n`).join('')}`,
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
        existsSync(rootFile) && [input.host, ...input.alsoCertify].every((name) => existsSync(certificateOf(name).key)),
      exited,
      `Caddy did not issue its certificates (log: ${logFile})`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { rootFile, logFile, certificateOf, stop };
}
