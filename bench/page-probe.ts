/**
 * What the browser benchmark (bench/browser.bench.ts) learns inside a page, without touching the
 * product: a script Playwright adds before any of the page's own, which notes when LiveKit's
 * signalling WebSocket opened, when the first RTCPeerConnection reached "connected", and when
 * the first frame of a matching <video> was handed to the compositor. Times are
 * `performance.now()` of the page, i.e. milliseconds since its navigation started.
 */

export interface PageMilestones {
  /** LiveKit's signalling WebSocket (`/rtc`) open. */
  signallingOpen: number | null;
  /** The first RTCPeerConnection in state "connected" (ICE and DTLS done: media can flow). */
  mediaConnected: number | null;
  /** The first video frame presented (`requestVideoFrameCallback` metadata.presentationTime). */
  firstFrame: number | null;
  /** The frame's size, to show it is the speaker's camera and not a placeholder. */
  frameSize: string | null;
}

declare global {
  interface Window {
    benchMilestones?: PageMilestones;
  }
}

/**
 * The probe as a script for `addInitScript`, watching the <video> elements `videoSelector`
 * picks. tsx compiles this module with esbuild's keepNames, which wraps named functions in a
 * `__name(fn, "name")` helper that exists here but not in the page: the script brings its own.
 */
export function pageProbeScript(videoSelector: string): string {
  return `{ const __name = (target) => target; (${installPageProbe.toString()})(${JSON.stringify(videoSelector)}); }`;
}

/** Runs in the page before its scripts (as a string: it must not use anything from this module's scope). */
function installPageProbe(videoSelector: string): void {
  const milestones: PageMilestones = { signallingOpen: null, mediaConnected: null, firstFrame: null, frameSize: null };
  window.benchMilestones = milestones;

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (String(url).includes('/rtc')) {
        this.addEventListener('open', () => {
          milestones.signallingOpen ??= performance.now();
        });
      }
    }
  };

  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState === 'connected') milestones.mediaConnected ??= performance.now();
      });
    }
  };

  // Each matching <video> asks for its next presented frame as soon as it is in the document and
  // again when a source is attached: Chromium drops a pending request when the element loads a
  // new source (srcObject), which LiveKit's attach() sets after the element is in place.
  const watched = new WeakSet<HTMLVideoElement>();
  const onFrame: VideoFrameRequestCallback = (_now, frame) => {
    if (milestones.firstFrame !== null) return;
    milestones.firstFrame = frame.presentationTime;
    milestones.frameSize = `${frame.width}×${frame.height}`;
  };
  const watch = () => {
    for (const video of document.querySelectorAll<HTMLVideoElement>(videoSelector)) {
      if (watched.has(video)) continue;
      watched.add(video);
      video.requestVideoFrameCallback(onFrame);
      video.addEventListener('loadstart', () => video.requestVideoFrameCallback(onFrame));
    }
  };
  new MutationObserver(watch).observe(document, { childList: true, subtree: true });
}
