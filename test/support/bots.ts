import {
  type AudioFrame,
  AudioStream,
  type RemoteAudioTrack,
  type RemoteParticipant,
  type RemoteTrack,
  type RemoteVideoTrack,
  Room,
  RoomEvent,
  TrackKind,
  type VideoFrame,
  VideoStream,
} from '@livekit/rtc-node';
import { AccessToken, type Room as LiveKitRoomInfo, RoomServiceClient, type VideoGrant } from 'livekit-server-sdk';
import type { LiveKitCredentials } from './livekit.ts';

/**
 * Headless LiveKit participants for integration tests and benchmarks, on @livekit/rtc-node.
 * Every wait here listens for an event and fails after a timeout with a message saying what
 * was missing; nothing sleeps in place of waiting.
 *
 * rtc-node runs one native runtime per process: call its `dispose()` once, after every bot of
 * the process has disconnected (in a vitest file: the last `afterAll`). Without it a plain Node
 * process never exits; after it, a new `connect()` in the same process never resolves.
 */

const TOKEN_TTL = '10m';
const DEFAULT_TIMEOUT_MS = 10_000;

export async function mintToken(
  liveKit: LiveKitCredentials,
  input: { identity: string; room: string; name?: string; grant?: VideoGrant },
): Promise<string> {
  const token = new AccessToken(liveKit.apiKey, liveKit.apiSecret, {
    identity: input.identity,
    name: input.name ?? input.identity,
    ttl: TOKEN_TTL,
  });
  token.addGrant({ roomJoin: true, room: input.room, ...input.grant });
  return token.toJwt();
}

/** Creates a room; the harness LiveKit has auto_create off, so a bot can join only after this. */
export function createRoom(liveKit: LiveKitCredentials, name: string): Promise<LiveKitRoomInfo> {
  return new RoomServiceClient(liveKit.url, liveKit.apiKey, liveKit.apiSecret).createRoom({ name });
}

export interface Bot {
  identity: string;
  room: Room;
  /** `performance.now()` when the bot started connecting, and when `connect()` resolved. */
  connectStartedAt: number;
  connectedAt: number;
  disconnect(): Promise<void>;
}

/**
 * Connects a bot that may publish, subscribe and send data unless `grant` says otherwise, and
 * subscribes to every track automatically.
 */
export async function joinBot(
  liveKit: LiveKitCredentials,
  input: { room: string; identity: string; name?: string; grant?: VideoGrant },
): Promise<Bot> {
  const token = await mintToken(liveKit, {
    ...input,
    grant: { canPublish: true, canSubscribe: true, canPublishData: true, ...input.grant },
  });
  const room = new Room();
  const connectStartedAt = performance.now();
  await room.connect(liveKit.url, token, { autoSubscribe: true, dynacast: false });
  return {
    identity: input.identity,
    room,
    connectStartedAt,
    connectedAt: performance.now(),
    disconnect: () => room.disconnect(),
  };
}

/** The bot's local participant; throws if the bot has not connected. */
export function localParticipantOf(bot: Bot) {
  const participant = bot.room.localParticipant;
  if (!participant) throw new Error(`Bot "${bot.identity}" is not connected.`);
  return participant;
}

type TrackKindName = 'audio' | 'video';
const trackKinds: Record<TrackKindName, TrackKind> = { audio: TrackKind.KIND_AUDIO, video: TrackKind.KIND_VIDEO };

/**
 * The first subscribed remote track of `kind` (from `fromIdentity` if given): one the bot
 * already has, or the next one it subscribes to.
 */
export function waitForTrack(
  bot: Bot,
  kind: 'video',
  options?: { fromIdentity?: string; timeoutMs?: number },
): Promise<RemoteVideoTrack>;
export function waitForTrack(
  bot: Bot,
  kind: 'audio',
  options?: { fromIdentity?: string; timeoutMs?: number },
): Promise<RemoteAudioTrack>;
export function waitForTrack(
  bot: Bot,
  kind: TrackKindName,
  options: { fromIdentity?: string; timeoutMs?: number } = {},
): Promise<RemoteTrack> {
  const { fromIdentity, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const wanted = (track: RemoteTrack | undefined, participant: RemoteParticipant): track is RemoteTrack =>
    track?.kind === trackKinds[kind] && (fromIdentity === undefined || participant.identity === fromIdentity);

  for (const participant of bot.room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      const track = publication.track as RemoteTrack | undefined;
      if (wanted(track, participant)) return Promise.resolve(track);
    }
  }

  const source = fromIdentity === undefined ? '' : ` from "${fromIdentity}"`;
  return new Promise<RemoteTrack>((resolve, reject) => {
    const onSubscribed = (track: RemoteTrack, _publication: unknown, participant: RemoteParticipant) => {
      if (!wanted(track, participant)) return;
      cleanUp();
      resolve(track);
    };
    const onDisconnected = () => {
      cleanUp();
      reject(new Error(`Bot "${bot.identity}" was disconnected while waiting for a ${kind} track${source}.`));
    };
    const timer = setTimeout(() => {
      cleanUp();
      reject(
        new Error(
          `Bot "${bot.identity}" subscribed to no ${kind} track${source} within ${timeoutMs} ms; ` +
            `it sees ${describeRemoteTracks(bot.room)}.`,
        ),
      );
    }, timeoutMs);
    const cleanUp = () => {
      clearTimeout(timer);
      bot.room.off(RoomEvent.TrackSubscribed, onSubscribed);
      bot.room.off(RoomEvent.Disconnected, onDisconnected);
    };
    bot.room.on(RoomEvent.TrackSubscribed, onSubscribed);
    bot.room.on(RoomEvent.Disconnected, onDisconnected);
  });
}

function describeRemoteTracks(room: Room): string {
  const participants = [...room.remoteParticipants.values()].map((participant) => {
    const tracks = [...participant.trackPublications.values()].map(
      (publication) =>
        `${TrackKind[publication.kind ?? TrackKind.KIND_UNKNOWN]}${publication.track ? '' : ' (unsubscribed)'}`,
    );
    return `"${participant.identity}" [${tracks.join(', ')}]`;
  });
  return participants.length === 0 ? 'no remote participants' : participants.join(', ');
}

export interface ReceivedVideoFrame {
  frame: VideoFrame;
  timestampUs: bigint;
  /** `performance.now()` when the frame reached the reader. */
  receivedAt: number;
}

export interface ReceivedAudioFrame {
  frame: AudioFrame;
  receivedAt: number;
}

/** The next `count` decoded frames of a video track, as delivered (usually I420). */
export async function readVideoFrames(
  track: RemoteVideoTrack,
  count: number,
  options: { timeoutMs?: number } = {},
): Promise<ReceivedVideoFrame[]> {
  return readFromStream(new VideoStream(track), count, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'video', (event) => ({
    frame: event.frame,
    timestampUs: event.timestampUs,
    receivedAt: performance.now(),
  }));
}

/** The next `count` audio frames of a track (10 ms each), resampled natively to `sampleRate`. */
export async function readAudioFrames(
  track: RemoteAudioTrack,
  count: number,
  options: { timeoutMs?: number; sampleRate?: number; numChannels?: number } = {},
): Promise<ReceivedAudioFrame[]> {
  const stream = new AudioStream(track, {
    sampleRate: options.sampleRate ?? 48_000,
    numChannels: options.numChannels ?? 1,
  });
  return readFromStream(stream, count, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'audio', (frame) => ({
    frame,
    receivedAt: performance.now(),
  }));
}

/** Reads `count` items, then cancels the stream, which releases its native handle. */
async function readFromStream<Item, Received>(
  stream: ReadableStream<Item>,
  count: number,
  timeoutMs: number,
  what: string,
  receive: (item: Item) => Received,
): Promise<Received[]> {
  const reader = stream.getReader();
  const received: Received[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Received ${received.length} of ${count} ${what} frames within ${timeoutMs} ms.`)),
      timeoutMs,
    );
  });
  try {
    while (received.length < count) {
      const next = await Promise.race([reader.read(), timedOut]);
      if (next.done) throw new Error(`The ${what} stream ended after ${received.length} of ${count} frames.`);
      received.push(receive(next.value));
    }
    return received;
  } finally {
    clearTimeout(timer);
    await reader.cancel();
  }
}

export interface ReceivedData {
  payload: Uint8Array;
  /** Identity the SFU stamped on the packet; undefined when the server sent it. */
  senderIdentity: string | undefined;
  topic: string | undefined;
}

/** The next data packet on `topic` that reaches the bot. */
export function waitForData(bot: Bot, topic: string, options: { timeoutMs?: number } = {}): Promise<ReceivedData> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<ReceivedData>((resolve, reject) => {
    const onData = (payload: Uint8Array, participant?: RemoteParticipant, _kind?: unknown, packetTopic?: string) => {
      if (packetTopic !== topic) return;
      cleanUp();
      resolve({ payload, senderIdentity: participant?.identity, topic: packetTopic });
    };
    const timer = setTimeout(() => {
      cleanUp();
      reject(new Error(`Bot "${bot.identity}" received no data on topic "${topic}" within ${timeoutMs} ms.`));
    }, timeoutMs);
    const cleanUp = () => {
      clearTimeout(timer);
      bot.room.off(RoomEvent.DataReceived, onData);
    };
    bot.room.on(RoomEvent.DataReceived, onData);
  });
}
