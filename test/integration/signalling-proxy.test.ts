import { connect as connectTcp } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { aLiveSession, type ConnectedClient, connectWithToken, eventually, roomService } from '../support/room.ts';
import { dispose } from '../support/rtc.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

/** Sends a raw WebSocket upgrade for `path` to `url`'s host and port; resolves with the status line LiveKit (or Serambi) answers. */
function upgradeStatus(url: string, path: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: hostname, port: Number(port) }, () => {
      socket.write(
        [
          `GET ${path} HTTP/1.1`,
          `Host: ${hostname}:${port}`,
          'Connection: Upgrade',
          'Upgrade: websocket',
          'Sec-WebSocket-Version: 13',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          '',
          '',
        ].join('\r\n'),
      );
    });
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) {
        resolve(answer.slice(0, answer.indexOf('\r\n')));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
  });
}

describe('LiveKit signalling through Serambi’s own origin (production)', () => {
  const publicUrl = 'https://serambi.example';
  let app: TestApp;
  let mail: SmtpPeer;
  const logs: string[] = [];
  let participant: ConnectedClient | undefined;

  beforeAll(async () => {
    mail = await startSmtpPeer();
    app = await startTestApp({
      smtpUrl: mail.url,
      env: { PUBLIC_URL: publicUrl, RATE_LIMITS: 'off' },
      logs: { level: 'debug', lines: logs },
    });
  });

  afterAll(async () => {
    await participant?.disconnect();
    await app?.stop();
    await mail?.stop();
    await dispose();
  });

  it('hands browsers the public origin as LiveKit’s address, and a participant joins LiveKit through it', async () => {
    const { viewer: member } = await aLiveSession(app);
    const livekit = member.join.livekit;
    expect(livekit?.url).toBe('wss://serambi.example');
    // Serambi's own address stands in for the public origin (the proxy in front forwards to it).
    participant = await connectWithToken(app.url.replace(/^http/, 'ws'), livekit?.token ?? '');
    expect(app.context.signalling?.openTunnels()).toBe(1);
    const inRoom = await roomService(app).listParticipants(participant.room.name ?? '');
    expect(inRoom.map((p) => p.identity)).toContain(member.join.snapshot.me.identity);

    await participant.disconnect();
    participant = undefined;
    await eventually(async () => app.context.signalling?.openTunnels() === 0);
  });

  it('answers livekit-client’s validate call from LiveKit, and never logs the token', async () => {
    const { viewer: member } = await aLiveSession(app);
    const token = member.join.livekit?.token ?? '';
    const valid = await fetch(`${app.url}/rtc/validate?access_token=${token}`);
    expect(valid.status).toBe(200);
    const forged = await fetch(`${app.url}/rtc/validate?access_token=${token.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);

    await upgradeStatus(app.url, `/rtc/v1?access_token=${token}`);
    expect(logs.some((line) => line.includes('/rtc/validate'))).toBe(true);
    expect(logs.filter((line) => line.includes(token.slice(-20)))).toEqual([]);
  });

  it('opens no other path of LiveKit and no other WebSocket', async () => {
    expect(await upgradeStatus(app.url, '/api/health')).toBe('HTTP/1.1 404 Not Found');
    expect(await upgradeStatus(app.url, '/rtc/%2e%2e/twirp/livekit.RoomService/ListRooms')).toBe(
      'HTTP/1.1 404 Not Found',
    );
    // LiveKit's API answers 401 without a token; through Serambi the path is the web app's, not LiveKit's.
    const api = await fetch(`${app.url}/twirp/livekit.RoomService/ListRooms`, { method: 'POST' });
    expect(api.status).not.toBe(401);
    expect(await api.text()).not.toMatch(/twirp|permission|unauthenticated/i);
  });

  it('says the media server is unavailable, as a WebSocket refusal and as a problem, while LiveKit is down', async () => {
    const pid = app.liveKitPid;
    // The supervisor brings LiveKit back on the same ports after a crash; the proxy follows it.
    if (pid) process.kill(pid, 'SIGKILL');
    await eventually(async () => (await upgradeStatus(app.url, '/rtc/v1')).includes('503'), 5_000);
    const validate = await fetch(`${app.url}/rtc/validate`);
    expect(validate.status).toBe(503);
    expect(validate.headers.get('Content-Type')).toMatch(/problem\+json/);
    await eventually(async () => (await fetch(`${app.url}/api/health`)).status === 200, 30_000);
    expect(await upgradeStatus(app.url, '/rtc/v1')).not.toContain('503');
  });
});

describe('LiveKit signalling in development', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('hands browsers the local LiveKit’s own loopback address, as before, and Serambi proxies nothing', async () => {
    const { viewer: member } = await aLiveSession(app);
    expect(member.join.livekit?.url).toBe(app.liveKit.url);
    expect(app.liveKit.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(app.context.signalling).toBeUndefined();
    // No tunnel: Node answers the request as plain HTTP (the web app), LiveKit never sees it.
    expect(await upgradeStatus(app.url, '/rtc/v1')).not.toMatch(/ 101 /);
  });
});
