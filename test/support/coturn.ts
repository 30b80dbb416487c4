import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Daemon, spawnLogged, stopChild, tcpAnswers, untilAsync } from './daemons.ts';

/** Debian's coturn on `address`: TURN over UDP and over TLS, credentials from the shared secret (use-auth-secret). */
export async function startCoturn(
  binary: string,
  dir: string,
  input: {
    address: string;
    realm: string;
    udpPort: number;
    tlsPort: number;
    secret: string;
    certificate: { cert: string; key: string };
  },
): Promise<Daemon> {
  const home = path.join(dir, 'coturn');
  mkdirSync(home, { recursive: true });
  const relayBase = 40_000 + Math.floor(Math.random() * 200) * 100;
  const config = path.join(home, 'turnserver.conf');
  writeFileSync(
    config,
    [
      `listening-ip=${input.address}`,
      `relay-ip=${input.address}`,
      `listening-port=${input.udpPort}`,
      `tls-listening-port=${input.tlsPort}`,
      `min-port=${relayBase}`,
      `max-port=${relayBase + 99}`,
      'use-auth-secret',
      `static-auth-secret=${input.secret}`,
      `realm=${input.realm}`,
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
      () => tcpAnswers(input.address, input.tlsPort),
      exited,
      `coturn did not listen on ${input.address}:${input.tlsPort} (log: ${home}/turn.log)`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
