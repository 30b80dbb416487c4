import type { Browser, Page } from 'playwright-core';
import { newPage } from './browser.ts';

/**
 * An OBS-like WHIP publisher: Chromium's RTCPeerConnection with the fake camera and microphone,
 * sending H.264 and Opus only (what OBS's WHIP output sends), and the WHIP exchange of RFC 9725
 * done over HTTP from the test as OBS does it: POST the whole offer (ICE gathered, no trickle)
 * as application/sdp with the stream key as a Bearer, apply the answer, DELETE the resource to
 * stop. The page only holds the peer connection; it is opened on `origin` (any page: nothing of
 * the app runs in it that matters).
 */
export interface WhipPublisher {
  page: Page;
  /** Makes a new peer connection and answers its offer (after ICE gathering). */
  offer(): Promise<string>;
  /** Applies the server's answer; resolves when the connection is up. */
  answer(sdp: string): Promise<void>;
  /** The codecs the page's sender negotiated, e.g. ["video/H264", "audio/opus"]. */
  negotiatedCodecs(): Promise<string[]>;
  close(): Promise<void>;
}

export interface WhipAnswer {
  status: number;
  location: string | null;
  contentType: string | null;
  body: string;
}

/** POSTs an offer to a WHIP endpoint with `key` as its Bearer, as OBS does. */
export async function postOffer(url: string, key: string, offer: string): Promise<WhipAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sdp', Authorization: `Bearer ${key}` },
    body: offer,
  });
  return {
    status: response.status,
    location: response.headers.get('Location'),
    contentType: response.headers.get('Content-Type'),
    body: await response.text(),
  };
}

/** A WHIP publisher in a page of its own (`origin` is loaded first so the page has a secure-enough context for media). */
export async function aWhipPublisher(browser: Browser, origin: string): Promise<WhipPublisher> {
  const page = await newPage(browser);
  await page.goto(`${origin}/api/health`);
  return {
    page,
    offer: () =>
      page.evaluate(async () => {
        const w = window as unknown as { whipPc?: RTCPeerConnection };
        w.whipPc?.close();
        const pc = new RTCPeerConnection();
        w.whipPc = pc;
        const stream = await navigator.mediaDevices.getUserMedia({
          video: { width: 640, height: 360, frameRate: 15 },
          audio: true,
        });
        for (const track of stream.getTracks()) {
          const transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
          const wanted = track.kind === 'video' ? 'video/h264' : 'audio/opus';
          const codecs = (RTCRtpSender.getCapabilities(track.kind)?.codecs ?? []).filter(
            (codec) => codec.mimeType.toLowerCase() === wanted,
          );
          if (codecs.length === 0) throw new Error(`this Chromium cannot send ${wanted}`);
          transceiver.setCodecPreferences(codecs);
        }
        await pc.setLocalDescription(await pc.createOffer());
        await new Promise<void>((resolve) => {
          if (pc.iceGatheringState === 'complete') return resolve();
          pc.addEventListener('icegatheringstatechange', () => {
            if (pc.iceGatheringState === 'complete') resolve();
          });
        });
        return pc.localDescription?.sdp ?? '';
      }),
    answer: (sdp) =>
      page.evaluate(async (answer) => {
        const pc = (window as unknown as { whipPc: RTCPeerConnection }).whipPc;
        await pc.setRemoteDescription({ type: 'answer', sdp: answer });
        await new Promise<void>((resolve, reject) => {
          const check = () => {
            if (pc.connectionState === 'connected') resolve();
            if (pc.connectionState === 'failed') reject(new Error('WHIP peer connection failed'));
          };
          pc.addEventListener('connectionstatechange', check);
          check();
        });
      }, sdp),
    negotiatedCodecs: () =>
      page.evaluate(async () => {
        const pc = (window as unknown as { whipPc: RTCPeerConnection }).whipPc;
        const stats = await pc.getStats();
        const used = new Set<string>();
        stats.forEach((report: { type: string; codecId?: string }) => {
          if (report.type !== 'outbound-rtp' || !report.codecId) return;
          const codec = stats.get(report.codecId) as { mimeType?: string } | undefined;
          if (codec?.mimeType) used.add(codec.mimeType);
        });
        return [...used].sort();
      }),
    close: () => page.context().close(),
  };
}
