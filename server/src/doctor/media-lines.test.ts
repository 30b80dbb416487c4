import { describe, expect, it } from 'vitest';
import type { Candidate, SelectedPair } from './checks/media.ts';
import { hostPortOf, isDirect, isRelayed, offered, roundTripLine } from './media-lines.ts';
import { DOCTOR_MESSAGES } from './messages.ts';

const t = DOCTOR_MESSAGES.en;

const host = (protocol: string, port = 7882): Candidate => ({ type: 'host', protocol, address: '203.0.113.7', port });
const relay = (relayProtocol: 'udp' | 'tcp' | 'tls'): Candidate => ({
  type: 'relay',
  protocol: 'udp',
  address: '198.51.100.9',
  port: 50_000,
  relayProtocol,
});
const pair = (local: Candidate, remote: Candidate): SelectedPair => ({ local, remote });

describe('which path the doctor’s media took', () => {
  it('counts a round trip as direct UDP only when every pair is direct over UDP on both ends', () => {
    expect(isDirect('udp')([pair(host('udp'), host('udp'))])).toBe(true);
    expect(isDirect('udp')([pair(host('udp'), host('udp')), pair(host('tcp', 7881), host('tcp', 7881))])).toBe(false);
    expect(isDirect('udp')([pair(host('udp'), host('tcp'))])).toBe(false);
    expect(isDirect('tcp')([pair(host('tcp', 7881), host('tcp', 7881))])).toBe(true);
  });

  it('never counts a relayed pair as direct, and no pair at all as any path', () => {
    expect(isDirect('udp')([pair(relay('udp'), host('udp'))])).toBe(false);
    expect(isDirect('udp')([])).toBe(false);
    expect(isRelayed('udp')([])).toBe(false);
  });

  it('counts a round trip as relayed over a transport only when every pair reached TURN over it', () => {
    expect(isRelayed('udp')([pair(relay('udp'), host('udp'))])).toBe(true);
    expect(isRelayed('tcp')([pair(relay('tcp'), host('udp')), pair(relay('tcp'), host('udp'))])).toBe(true);
    expect(isRelayed('tcp')([pair(relay('tcp'), host('udp')), pair(relay('udp'), host('udp'))])).toBe(false);
    expect(isRelayed('udp')([pair(host('udp'), host('udp'))])).toBe(false);
  });
});

describe('the TURN servers LiveKit offered', () => {
  const servers = [
    { urls: ['stun:turn.example.id:3478'], username: '', credential: '' },
    {
      urls: ['turn:turn.example.id:3478?transport=udp', 'turns:turn.example.id:443?transport=tcp'],
      username: 'u',
      credential: 'c',
    },
  ];

  it('picks the first URL that matches, with the server it belongs to (for its credentials)', () => {
    const turns = offered(servers, (url) => url.startsWith('turns:'));
    expect(turns?.url).toBe('turns:turn.example.id:443?transport=tcp');
    expect(turns?.server.username).toBe('u');
  });

  it('finds nothing when no URL matches', () => {
    expect(offered(servers, (url) => url.startsWith('turn:') && /transport=tcp/.test(url))).toBeUndefined();
    expect(offered([], () => true)).toBeUndefined();
  });

  it('names a server by host and port, without its scheme or transport', () => {
    expect(hostPortOf('turns:turn.example.id:443?transport=tcp')).toBe('turn.example.id:443');
    expect(hostPortOf('turn:turn.example.id:3478')).toBe('turn.example.id:3478');
  });
});

describe('a line of the media report', () => {
  const direct = [pair(host('udp'), host('udp'))];

  it('passes with the path and the time when the media took the path expected', async () => {
    const line = await roundTripLine(t, 'Media over UDP', 'Open UDP 7882.', 'UDP', isDirect('udp'), async () => ({
      pairs: direct,
      seconds: 1.24,
    }));
    expect(line).toEqual({
      status: 'ok',
      check: 'Media over UDP',
      measured:
        'a test tone went out and came back in 1.2 s over host/udp 203.0.113.7:7882 → host/udp 203.0.113.7:7882',
    });
  });

  it('fails with the fix when the media arrived by another path', async () => {
    const line = await roundTripLine(t, 'Media over UDP', 'Open UDP 7882.', 'UDP', isDirect('udp'), async () => ({
      pairs: [pair(relay('udp'), host('udp'))],
      seconds: 2,
    }));
    expect(line.status).toBe('fail');
    expect(line.measured).toMatch(/^the media took relay\/udp\(udp\) 198\.51\.100\.9:50000 → .*, not UDP$/);
    expect(line.fix).toBe('Open UDP 7882.');
  });

  it('fails with the reason and the fix when the round trip did not come back', async () => {
    const line = await roundTripLine(t, 'Media over ICE/TCP', 'Open TCP 7881.', 'ICE/TCP', isDirect('tcp'), () =>
      Promise.reject(new Error('timed out')),
    );
    expect(line).toMatchObject({ status: 'fail', measured: 'no media (timed out)', fix: 'Open TCP 7881.' });
  });

  it('adds how the path was forced to what it measured, passed or failed', async () => {
    const how = 'LiveKit asked for TCP candidates only';
    const passed = await roundTripLine(
      t,
      'T',
      'F',
      'UDP',
      isDirect('udp'),
      async () => ({ pairs: direct, seconds: 1 }),
      how,
    );
    expect(passed.measured).toMatch(/; LiveKit asked for TCP candidates only$/);
    const failed = await roundTripLine(t, 'T', 'F', 'UDP', isDirect('udp'), () => Promise.reject(new Error('x')), how);
    expect(failed.measured).toBe('no media (x); LiveKit asked for TCP candidates only');
  });

  it('speaks Indonesian when the doctor does', async () => {
    const line = await roundTripLine(DOCTOR_MESSAGES.id, 'T', 'F', 'UDP', isDirect('udp'), async () => ({
      pairs: direct,
      seconds: 1,
    }));
    expect(line.measured).toMatch(/^nada uji terkirim dan kembali dalam 1\.0 dtk lewat host\/udp/);
  });
});
