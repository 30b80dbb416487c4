/**
 * Viewers of the capacity bench (capacity.bench.ts), in a child process of their own: each is an
 * rtc-node Room that subscribes to the speaker's tracks (hidden, subscribe-only) but attaches no
 * VideoStream or AudioStream, so no frame is converted or handed to JavaScript. rtc-node's
 * WebRTC stack still decodes what it receives (its inbound-rtp statistics count decoded frames,
 * with libvpx): that is the viewers' CPU, reported by the bench. What each viewer received is
 * read from those statistics (`getRtcStats()`: inbound-rtp bytes, headers and payload; rtc-node
 * 1.1 lists its receiving streams under `publisherStats`, so both lists are read).
 *
 * Driven over IPC by the bench: `join` (one viewer), `stats` (every viewer of the process),
 * `quit` (disconnect everyone, exit).
 */
import { dispose, Room, RoomEvent, TrackKind } from '../test/support/rtc.ts';

export type ToViewers = { type: 'join'; url: string; token: string } | { type: 'stats' } | { type: 'quit' };

export interface ViewerStats {
  viewers: number;
  withAudio: number;
  withVideo: number;
  /** RTP bytes (header and payload) every viewer of the process received, summed. */
  bytes: number;
  packets: number;
  /** The widest video frame a viewer's inbound stream reported (0 when nothing was decoded). */
  videoWidth: number;
  /** Video frames the viewers' WebRTC stacks decoded, summed. */
  framesDecoded: number;
}

export type FromViewers =
  | { type: 'ready' }
  | { type: 'joined' }
  | { type: 'failed'; message: string }
  | ({ type: 'stats' } & ViewerStats)
  | { type: 'quit' };

interface Viewer {
  room: Room;
  audio: boolean;
  video: boolean;
}

async function statsOf(viewers: Viewer[]): Promise<ViewerStats> {
  const totals: ViewerStats = {
    viewers: viewers.length,
    withAudio: viewers.filter((v) => v.audio).length,
    withVideo: viewers.filter((v) => v.video).length,
    bytes: 0,
    packets: 0,
    videoWidth: 0,
    framesDecoded: 0,
  };
  for (const { room } of viewers) {
    const { publisherStats, subscriberStats } = await room.getRtcStats();
    for (const entry of [...publisherStats, ...subscriberStats]) {
      if (entry.stats.case !== 'inboundRtp') continue;
      const inbound = entry.stats.value.inbound;
      const received = entry.stats.value.received;
      totals.bytes += Number(inbound?.bytesReceived ?? 0n) + Number(inbound?.headerBytesReceived ?? 0n);
      totals.packets += Number(received?.packetsReceived ?? 0n);
      totals.videoWidth = Math.max(totals.videoWidth, inbound?.frameWidth ?? 0);
      totals.framesDecoded += inbound?.framesDecoded ?? 0;
    }
  }
  return totals;
}

function viewersProcess(): void {
  const send = (message: FromViewers) => process.send?.(message);
  const viewers: Viewer[] = [];
  process.on('message', async (message: ToViewers) => {
    if (message.type === 'join') {
      const viewer: Viewer = { room: new Room(), audio: false, video: false };
      viewer.room.on(RoomEvent.TrackSubscribed, (track) => {
        if (track.kind === TrackKind.KIND_VIDEO) viewer.video = true;
        else if (track.kind === TrackKind.KIND_AUDIO) viewer.audio = true;
      });
      try {
        await viewer.room.connect(message.url, message.token, { autoSubscribe: true, dynacast: false });
        viewers.push(viewer);
        send({ type: 'joined' });
      } catch (error) {
        send({ type: 'failed', message: (error as Error).message });
      }
    } else if (message.type === 'stats') {
      send({ type: 'stats', ...(await statsOf(viewers)) });
    } else {
      await Promise.all(viewers.map((v) => v.room.disconnect()));
      await dispose();
      send({ type: 'quit' });
      process.exit(0);
    }
  });
  send({ type: 'ready' });
}

viewersProcess();
