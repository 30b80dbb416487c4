import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, startDeployment } from '../support/deployment.ts';
import { type DoctorRun, runDoctor } from '../support/doctor.ts';

/**
 * `pnpm run doctor` against the loopback public deployment (Caddy with its own CA, Serambi in
 * production behind it, LiveKit on 127.0.0.1, coturn on 127.0.0.3), run as an operator runs it on
 * the server. Each media line is a real WebRTC round trip, and must name the path that carried
 * it. Caddy's internal CA issues certificates for 12 hours, hence `--cert-days 0`. Runs in the
 * `solo` project: eight rtc-node participants and three deployments.
 */

async function doctorRoomsLeft(deployment: Deployment): Promise<string[]> {
  const { url, apiKey, apiSecret } = deployment.app.liveKit;
  const rooms = await new RoomServiceClient(url.replace(/^ws/, 'http'), apiKey, apiSecret).listRooms();
  return rooms.map((room) => room.name).filter((name) => name.startsWith('serambi-doctor-'));
}

const passedLine = (run: DoctorRun, check: string) => {
  const line = run.line(check);
  expect(line, run.stdout).toMatch(/^✓ /);
  return line;
};
const failedLine = (run: DoctorRun, check: string) => {
  const line = run.line(check);
  expect(line, run.stdout).toMatch(/^✗ /);
  return line;
};

describe('pnpm run doctor on a deployment with LiveKit’s ICE/TCP port and coturn', () => {
  let deployment: Deployment;
  let run: DoctorRun;

  beforeAll(async () => {
    deployment = await startDeployment();
    run = await runDoctor(deployment, ['--mail', 'operator@example.id', '--cert-days', '0']);
  }, 180_000);
  afterAll(async () => {
    await deployment?.stop();
  });

  it('passes every check and exits 0', () => {
    expect(run.stdout).not.toMatch(/^✗/m);
    expect(run.stdout).toMatch(/All 16 checks passed\./);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it('reaches the names, certificates and health report through the public side', () => {
    expect(passedLine(run, 'DNS serambi.test')).toContain('127.0.0.2');
    expect(passedLine(run, 'DNS turn.serambi.test')).toContain('127.0.0.3');
    expect(passedLine(run, `TLS certificate serambi.test:${deployment.ports.https}`)).toContain(
      'Caddy Local Authority',
    );
    expect(passedLine(run, `TLS certificate turn.serambi.test:${deployment.ports.turnTls}`)).toContain(
      'Caddy Local Authority',
    );
    expect(passedLine(run, 'Serambi /api/health')).toContain('database ok, LiveKit ok');
    passedLine(run, 'Clock');
    passedLine(run, 'Free disk for recordings');
  });

  it('sees LiveKit’s webhook reach Serambi, and signalling pass through Serambi’s origin', () => {
    passedLine(run, 'Webhook LiveKit → Serambi');
    expect(passedLine(run, 'Signalling check')).toContain(
      `https://serambi.test:${deployment.ports.https}/rtc/validate`,
    );
    const socket = passedLine(run, 'Signalling WebSocket');
    expect(socket).toContain(`wss://serambi.test:${deployment.ports.https}/rtc`);
    expect(socket).toContain(`turns:turn.serambi.test:${deployment.ports.turnTls}`);
  });

  it('sends media back and forth over each path, and names the path', () => {
    expect(passedLine(run, 'Media over UDP (direct)')).toMatch(
      new RegExp(`/udp \\S+ → host/udp 127\\.0\\.0\\.1:${deployment.ports.liveKitUdp}`),
    );
    const tcp = passedLine(run, 'Media over ICE/TCP (direct)');
    expect(tcp).toMatch(new RegExp(`/tcp \\S+ → host/tcp 127\\.0\\.0\\.1:${deployment.ports.liveKitTcp}`));
    expect(tcp).not.toContain('/udp');
    expect(passedLine(run, 'Media through TURN over UDP')).toMatch(
      new RegExp(`relay/udp\\(udp\\) 127\\.0\\.0\\.3:\\d+ → host/udp 127\\.0\\.0\\.1:${deployment.ports.liveKitUdp}`),
    );
    const tls = passedLine(run, 'Media through TURN over TLS');
    expect(tls).toMatch(/relay\/udp\(tcp\) 127\.0\.0\.3:\d+ → host\/udp/);
    expect(tls).toContain(`TLS to turn.serambi.test:${deployment.ports.turnTls} verified by the doctor`);
  });

  it('sends the test mail through SMTP and deletes its test room', async () => {
    passedLine(run, 'Mail (SMTP)');
    const mail = await deployment.smtp.waitForMessage((message) => message.subject === 'Serambi doctor: test mail');
    expect(mail.to).toMatchObject({ text: 'operator@example.id' });
    expect(await doctorRoomsLeft(deployment)).toEqual([]);
  });
});

describe('pnpm run doctor with LiveKit’s ICE/TCP turned off (LIVEKIT_TCP_PORT=0), in Indonesian', () => {
  let deployment: Deployment;
  let run: DoctorRun;

  beforeAll(async () => {
    deployment = await startDeployment({ iceTcp: false });
    run = await runDoctor(deployment, ['--cert-days', '0'], { LANG: 'id_ID.UTF-8' });
  }, 180_000);
  afterAll(async () => {
    await deployment?.stop();
  });

  it('fails the ICE/TCP line with its fix, and exits 1', () => {
    const line = failedLine(run, 'Media lewat ICE/TCP (langsung)');
    expect(line).toContain('Perbaikan: ICE/TCP mati (LIVEKIT_TCP_PORT=0)');
    expect(run.stdout).toContain('1 pemeriksaan gagal');
    expect(run.code).toBe(1);
  });

  it('still passes the other paths, and skips the mail it was not asked to send', () => {
    passedLine(run, 'Media lewat UDP (langsung)');
    passedLine(run, 'Media lewat TURN di atas UDP');
    passedLine(run, 'Media lewat TURN di atas TLS');
    expect(run.line('Surel (SMTP)')).toMatch(/^– .*dilewati: tambahkan --mail/);
  });
});

describe('pnpm run doctor on a deployment without TURN (no TURN_DOMAIN)', () => {
  let deployment: Deployment;
  let run: DoctorRun;

  beforeAll(async () => {
    deployment = await startDeployment({ turn: false });
    run = await runDoctor(deployment, ['--cert-days', '0']);
  }, 180_000);
  afterAll(async () => {
    await deployment?.stop();
  });

  it('fails both TURN lines with the fix that turns TURN on, and exits 1', () => {
    for (const check of ['Media through TURN over UDP', 'Media through TURN over TLS']) {
      const line = failedLine(run, check);
      expect(line).toContain('LiveKit offers participants no TURN server');
      expect(line).toContain('Fix: Set TURN_DOMAIN and TURN_SECRET');
    }
    expect(run.stdout).toContain('2 checks failed');
    expect(run.code).toBe(1);
  });

  it('still passes the direct paths', () => {
    passedLine(run, 'Media over UDP (direct)');
    passedLine(run, 'Media over ICE/TCP (direct)');
  });
});
