import type { Page } from 'playwright-core';
import type { TestApp } from './app.ts';
import { aRoomSetup, asBot, type ConnectedClient, connectWithToken, joinRoom } from './room.ts';
import { type PublishedSyntheticMedia, publishSyntheticMedia } from './synthetic-media.ts';

/** One end of the ICE candidate pair that carries a page's media, as `getStats()` reports it. */
export interface CandidateEnd {
  candidateType: 'host' | 'srflx' | 'prflx' | 'relay' | string;
  protocol: 'udp' | 'tcp' | string;
  /** For a relay candidate: how the browser reaches the TURN server (`udp`, `tcp` or `tls`). */
  relayProtocol: string | null;
  address: string | null;
  port: number | null;
}

/** The path of the peer connection that receives the speaker's video, and what came over it. */
export interface MediaPath {
  local: CandidateEnd;
  remote: CandidateEnd;
  videoBytes: number;
  audioBytes: number;
  /** Sum of squared audio levels received (`totalAudioEnergy`): above 0 once anything was heard. */
  audioEnergy: number;
}

/**
 * An init script that keeps every RTCPeerConnection the page makes, so their stats can be read:
 * add it to the page's context before opening the room.
 */
export const keepPeerConnections = `(() => {
  const Native = window.RTCPeerConnection;
  const made = [];
  window.__peerConnections = made;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); made.push(this); }
  };
})();`;

/**
 * Reads the selected candidate pair of the page's peer connection that received the most video
 * (the subscriber's); null when none has received any yet. A string is evaluated, so no helper
 * a bundler adds can be missing in the page.
 */
export async function receivingPath(page: Page): Promise<MediaPath | null> {
  return page.evaluate(`(async () => {
    const end = (c) => c ? {
      candidateType: c.candidateType, protocol: c.protocol, relayProtocol: c.relayProtocol ?? null,
      address: c.address ?? c.ip ?? null, port: c.port ?? null,
    } : null;
    let best = null;
    for (const pc of window.__peerConnections ?? []) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      let videoBytes = 0, audioBytes = 0, audioEnergy = 0, pairId = null;
      stats.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') videoBytes += s.bytesReceived ?? 0;
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          audioBytes += s.bytesReceived ?? 0;
          audioEnergy += s.totalAudioEnergy ?? 0;
        }
        if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
      });
      const pair = pairId ? stats.get(pairId) : null;
      if (!pair || videoBytes === 0 || (best && best.videoBytes >= videoBytes)) continue;
      best = {
        local: end(stats.get(pair.localCandidateId)),
        remote: end(stats.get(pair.remoteCandidateId)),
        videoBytes, audioBytes, audioEnergy,
      };
    }
    return best;
  })()`);
}

/** Waits until the page has received the speaker's video and heard their audio; the path that carried them. */
export async function untilSeenAndHeard(page: Page, timeoutMs = 20_000): Promise<MediaPath> {
  const deadline = Date.now() + timeoutMs;
  let last: MediaPath | null = null;
  while (Date.now() < deadline) {
    last = await receivingPath(page);
    if (last && last.videoBytes > 0 && last.audioEnergy > 0) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`not seen and heard within ${timeoutMs} ms; last stats: ${JSON.stringify(last)}`);
}

export interface LiveStage {
  setup: Awaited<ReturnType<typeof aRoomSetup>>;
  /** The host on stage: an rtc-node client publishing a camera (a moving bar) and a 440 Hz tone. */
  stage: ConnectedClient;
  media: PublishedSyntheticMedia;
  stop(): Promise<void>;
}

/**
 * A live session whose host is on stage with a camera and a microphone, published from rtc-node
 * straight to LiveKit (`liveKitUrl`, its loopback address when the public one is Serambi's origin
 * behind TLS that rtc-node cannot be told to trust).
 */
export async function aLiveStage(
  app: TestApp,
  options: { liveKitUrl?: string; camera?: { width: number; height: number; fps: number } } = {},
): Promise<LiveStage> {
  const setup = await aRoomSetup(app);
  const backstage = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  const live = await backstage.call('/live');
  if (live.status !== 204) throw new Error(`the session did not go live: ${live.status}`);
  const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  const livekit = host.join.livekit;
  if (!livekit) throw new Error('the host has no LiveKit token');
  const stage = await connectWithToken(options.liveKitUrl ?? livekit.url, livekit.token);
  const media = await publishSyntheticMedia(asBot(stage, host.join.snapshot.me.identity), {
    video: { ...(options.camera ?? { width: 640, height: 360, fps: 15 }), pattern: 'moving-bar' },
    audio: { frequencyHz: 440, sampleRate: 48_000 },
  });
  return {
    setup,
    stage,
    media,
    stop: async () => {
      await media.stop();
      await stage.disconnect();
    },
  };
}
