/**
 * The speaker of the capacity bench (capacity.bench.ts): a headless Chromium publishing with
 * livekit-client, as a speaker's browser does, in processes of its own (the browser's process
 * tree, whose CPU the bench reads apart from LiveKit's).
 *
 * - camera: Chromium's fake camera plays a 1280×720@30 y4m file (made by ffmpeg, once), published
 *   with `setCameraEnabled` and livekit-client's defaults (simulcast 1280×720 / 640×360 /
 *   320×180), plus the fake microphone. One change from the web client: degradation preference
 *   `maintain-resolution`, so that a short CPU on this shared machine costs frames rather than the
 *   720p layer (livekit-client's camera default, `maintain-framerate`, drops the resolution; a
 *   speaker's own computer is not shared with the media server).
 * - screen: a 1920×1080 canvas (a grey slide with a white bar moving across it, 15 frames a second,
 *   `captureStream`) published as the screen share with livekit-client's screen-share defaults
 *   (1920×1080@15 ≤ 2.5 Mbit/s, a half-size simulcast layer), plus the fake microphone.
 *
 * `layers()` reads the video sender's outbound-rtp statistics, one entry per simulcast layer: the
 * bench checks from them that the full-size layer is really sent.
 */

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { connectBrowser, launchBrowserServer } from '../test/support/browser.ts';

export interface SentLayer {
  rid: string;
  width: number;
  height: number;
  framesPerSecond: number;
  bytesSent: number;
  framesEncoded: number;
  qualityLimitationReason: string;
  /** The sender's bandwidth estimate (bit/s), the same for every layer. */
  availableOutgoingBitrate: number;
}

const speakerPage = `<!doctype html><meta charset="utf-8"><title>capacity speaker</title>
<script type="module">
import { Room, Track } from '/livekit-client.mjs';
let room;
window.publish = async (url, token, scene) => {
  room = new Room({ adaptiveStream: true, dynacast: true });
  await room.connect(url, token);
  if (scene === 'camera') {
    await room.localParticipant.setCameraEnabled(true, undefined, { degradationPreference: 'maintain-resolution' });
  } else {
    const canvas = document.createElement('canvas');
    canvas.width = 1920;
    canvas.height = 1080;
    const context = canvas.getContext('2d');
    let frame = 0;
    const draw = () => {
      context.fillStyle = '#dddddd';
      context.fillRect(0, 0, 1920, 1080);
      context.fillStyle = '#333333';
      context.font = '96px sans-serif';
      context.fillText('Slide ' + (1 + Math.floor(frame / 150)), 160, 240);
      context.fillStyle = '#ffffff';
      context.fillRect((frame * 16) % 1920, 0, 240, 1080);
      frame++;
    };
    draw();
    setInterval(draw, 1000 / 15);
    const [track] = canvas.captureStream(15).getVideoTracks();
    track.contentHint = 'detail';
    await room.localParticipant.publishTrack(track, { source: Track.Source.ScreenShare, name: 'screen' });
  }
  await room.localParticipant.setMicrophoneEnabled(true);
};
window.layers = async () => {
  const publication = [...room.localParticipant.videoTrackPublications.values()][0];
  const sender = publication && publication.track && publication.track.sender;
  if (!sender) return [];
  const layers = [];
  const stats = await sender.getStats();
  let estimate = 0;
  stats.forEach((s) => {
    if (s.type === 'candidate-pair' && s.nominated && s.availableOutgoingBitrate) estimate = s.availableOutgoingBitrate;
  });
  stats.forEach((s) => {
    if (s.type !== 'outbound-rtp') return;
    layers.push({
      rid: s.rid || '',
      width: s.frameWidth || 0,
      height: s.frameHeight || 0,
      framesPerSecond: s.framesPerSecond || 0,
      bytesSent: s.bytesSent || 0,
      framesEncoded: s.framesEncoded || 0,
      qualityLimitationReason: s.qualityLimitationReason || '',
      availableOutgoingBitrate: estimate,
    });
  });
  return layers;
};
</script>`;

/** A page serving nothing but livekit-client's ESM build and the publishing script above. */
async function startPageServer(): Promise<Server> {
  const require = createRequire(new URL('../test/support/browser.ts', import.meta.url));
  const clientPath = require.resolve('livekit-client').replace(/[^/]+$/, 'livekit-client.esm.mjs');
  const clientBundle = readFileSync(clientPath, 'utf8');
  const server = createServer((request, response) => {
    if (request.url === '/livekit-client.mjs') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(clientBundle);
    } else {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(speakerPage);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Starts Chromium, publishes the scene, and keeps publishing until `stop()`. */
export async function startSpeaker(input: {
  url: string;
  token: string;
  scene: 'camera' | 'screen';
  /** The camera's picture: a y4m file for Chromium's fake camera. */
  cameraFile: string;
}) {
  const pageServer = await startPageServer();
  const browserServer = await launchBrowserServer({
    extraArgs: [`--use-file-for-fake-video-capture=${input.cameraFile}`],
  });
  const stopAll = async () => {
    await browserServer.close();
    await new Promise((resolve) => pageServer.close(resolve));
  };
  try {
    const browser = await connectBrowser(browserServer);
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (error) => console.error(`[speaker page] ${error.message}`));
    await page.goto(`http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => 'publish' in window);
    await page.evaluate(
      ([url, token, scene]) =>
        (window as unknown as { publish: (u: string, t: string, s: string) => Promise<void> }).publish(
          url,
          token,
          scene,
        ),
      [input.url, input.token, input.scene] as const,
    );
    return {
      pid: browserServer.process().pid ?? -1,
      layers: () => page.evaluate(() => (window as unknown as { layers: () => Promise<SentLayer[]> }).layers()),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
