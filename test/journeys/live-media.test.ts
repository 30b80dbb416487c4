import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { dispose } from '@livekit/rtc-node';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Bot, createRoom, joinBot, mintToken } from '../support/bots.ts';
import { launchBrowser, newPage } from '../support/browser.ts';
import { publishSyntheticMedia } from '../support/synthetic-media.ts';

const require = createRequire(import.meta.url);
const clientBundle = readFileSync(
  path.join(path.dirname(require.resolve('livekit-client')), 'livekit-client.esm.mjs'),
  'utf8',
);

/** A bare page: connect with the token in the URL, report the first playing remote video and audio. */
const page = `<!doctype html><meta charset="utf-8"><title>media probe</title>
<script type="module">
import { Room, RoomEvent, Track } from '/livekit-client.mjs';
const params = new URLSearchParams(location.hash.slice(1));
const room = new Room();
window.probe = { video: null, audio: false, error: null };
room.on(RoomEvent.TrackSubscribed, (track) => {
  const element = track.attach();
  document.body.append(element);
  if (track.kind === Track.Kind.Audio) window.probe.audio = true;
  if (track.kind === Track.Kind.Video) {
    element.muted = true;
    element.addEventListener('resize', () => {
      window.probe.video = { width: element.videoWidth, height: element.videoHeight };
    });
  }
});
room.connect(params.get('url'), params.get('token')).catch((e) => { window.probe.error = String(e); });
</script>`;

describe('live media in the browser', () => {
  const liveKit = inject('liveKit');
  let server: Server;
  let browser: Browser;
  let speaker: Bot;
  let stopMedia: () => Promise<void>;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/livekit-client.mjs') {
        response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(clientBundle);
      } else {
        response.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await createRoom(liveKit, 'browser-media');
    speaker = await joinBot(liveKit, { room: 'browser-media', identity: 'speaker' });
    ({ stop: stopMedia } = await publishSyntheticMedia(speaker, {
      video: { width: 320, height: 240, fps: 15 },
      audio: { frequencyHz: 440, sampleRate: 48_000 },
    }));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stopMedia?.();
    await speaker?.disconnect();
    await dispose();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('Chromium receives and plays a speaker’s video and audio through the local LiveKit over loopback', async () => {
    const viewerToken = await mintToken(liveKit, {
      identity: 'viewer',
      room: 'browser-media',
      grant: { canSubscribe: true, canPublish: false, canPublishData: false },
    });
    const tab = await newPage(browser);
    const { port } = server.address() as AddressInfo;
    await tab.goto(`http://127.0.0.1:${port}/#${new URLSearchParams({ url: liveKit.url, token: viewerToken })}`);
    await tab.waitForFunction(
      () => {
        const probe = (window as unknown as { probe?: { video: unknown; audio: boolean; error: string | null } }).probe;
        return probe && (probe.error || (probe.video && probe.audio));
      },
      undefined,
      { timeout: 15_000 },
    );
    const probe = await tab.evaluate(() => (window as unknown as { probe: unknown }).probe);
    expect(probe).toEqual({ video: { width: 320, height: 240 }, audio: true, error: null });
    await tab.context().close();
  });
});
