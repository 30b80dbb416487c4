import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { doctorTarget } from './target.ts';

const KEYS = { apiKey: 'APIlocal', apiSecret: 's'.repeat(32) };

describe('what the doctor reaches', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'serambi-doctor-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The local LiveKit as a start left it in the data folder: its key pair and its configuration. */
  const aStartedLiveKit = (port = 7880) => {
    writeFileSync(path.join(dataDir, 'livekit-keys.json'), JSON.stringify(KEYS));
    writeFileSync(path.join(dataDir, 'livekit.yaml'), `port: ${port}\nrtc:\n  udp_port: 7882\n`);
  };

  const production = (extra: Record<string, string> = {}) =>
    loadConfig(
      {
        PUBLIC_URL: 'https://serambi.example',
        SMTP_URL: 'smtp://mail:587',
        LIVEKIT_NODE_IP: '203.0.113.7',
        HOST: '0.0.0.0',
        DATA_DIR: dataDir,
        ...extra,
      },
      { networkInterfaces: () => ({}) },
    );

  it('signals through Serambi’s own origin in production, and calls the local LiveKit’s API on loopback', () => {
    aStartedLiveKit(7885);
    const target = doctorTarget(production());
    expect(target.signallingUrl).toBe('wss://serambi.example');
    expect(target.api).toEqual({ url: 'ws://127.0.0.1:7885', ...KEYS });
    expect(target.embedded).toBe(true);
    expect(target.publicUrl.href).toBe('https://serambi.example/');
  });

  it('gives LiveKit’s webhook address on loopback when Serambi listens on every address', () => {
    aStartedLiveKit();
    expect(doctorTarget(production()).webhookUrl).toBe('http://127.0.0.1:3000/api/livekit/webhook');
    expect(doctorTarget(production({ HOST: '10.0.0.4', PORT: '8080' })).webhookUrl).toBe(
      'http://10.0.0.4:8080/api/livekit/webhook',
    );
  });

  it('brackets an IPv6 listening address in the webhook address', () => {
    aStartedLiveKit();
    expect(doctorTarget(production({ HOST: 'fd00::4' })).webhookUrl).toBe('http://[fd00::4]:3000/api/livekit/webhook');
  });

  it('says which file is missing when LiveKit never ran here: its keys first, then its configuration', () => {
    expect(doctorTarget(production()).api).toEqual({
      problem: 'noKeys',
      file: path.join(dataDir, 'livekit-keys.json'),
    });
    writeFileSync(path.join(dataDir, 'livekit-keys.json'), JSON.stringify(KEYS));
    expect(doctorTarget(production()).api).toEqual({ problem: 'noPort', file: path.join(dataDir, 'livekit.yaml') });
  });

  it('signals straight to the local LiveKit in development, where nothing proxies it', () => {
    aStartedLiveKit(7890);
    const target = doctorTarget(loadConfig({ DATA_DIR: dataDir }));
    expect(target.signallingUrl).toBe('ws://127.0.0.1:7890');
    expect(target.webhookUrl).toBe('http://127.0.0.1:3000/api/livekit/webhook');
  });

  it('has no signalling address in development when the local LiveKit cannot be found', () => {
    expect(doctorTarget(loadConfig({ DATA_DIR: dataDir })).signallingUrl).toBe('');
  });

  it('reaches an external LiveKit at its own address, as a WebSocket, with Serambi’s public webhook', () => {
    const target = doctorTarget(
      loadConfig({
        PUBLIC_URL: 'https://serambi.example',
        SMTP_URL: 'smtp://mail:587',
        LIVEKIT_URL: 'https://lk.example.id/',
        LIVEKIT_API_KEY: 'k',
        LIVEKIT_API_SECRET: 'x'.repeat(32),
      }),
    );
    expect(target.signallingUrl).toBe('wss://lk.example.id');
    expect(target.api).toMatchObject({ url: 'https://lk.example.id/', apiKey: 'k' });
    expect(target.webhookUrl).toBe('https://serambi.example/api/livekit/webhook');
    expect(target.embedded).toBe(false);
  });
});
