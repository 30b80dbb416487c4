import {
  AudioFrame,
  AudioSource,
  AudioStream,
  ContinualGatheringPolicy,
  IceServer,
  IceTransportType,
  LocalAudioTrack,
  type RemoteTrack,
  Room,
  RoomEvent,
  type RtcConfiguration,
  SimulateScenarioKind,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
} from '@livekit/rtc-node';

/**
 * A real WebRTC round trip with @livekit/rtc-node (libwebrtc): one participant publishes a
 * generated tone, a second one in the same room receives it, and the candidate pairs both
 * peer connections selected say which path carried it.
 */

export interface Candidate {
  type: 'host' | 'srflx' | 'prflx' | 'relay';
  protocol: string;
  address: string;
  port: number;
  /** For a relay candidate: how the client reaches its TURN server. */
  relayProtocol?: 'udp' | 'tcp' | 'tls' | undefined;
}

export interface SelectedPair {
  local: Candidate;
  remote: Candidate;
}

export interface RoundTrip {
  /** The selected candidate pair of every peer connection of the sender and the receiver. */
  pairs: SelectedPair[];
  /** From the sender's connect to the first sound heard by the receiver. */
  seconds: number;
}

export interface RoundTripInput {
  url: string;
  senderToken: string;
  receiverToken: string;
  /** ICE settings for both participants; LiveKit's own (the ICE servers of its join answer) when absent. */
  rtcConfig?: RtcConfiguration | undefined;
  /** Asks LiveKit to offer only its TCP candidates (an ICE restart) before anything is published. */
  forceTcp?: boolean;
  timeoutMs: number;
}

/** Only these ICE servers, and only relayed candidates: media must go through them or not at all. */
export function relayOnly(urls: string[], username: string, password: string): RtcConfiguration {
  return {
    iceTransportType: IceTransportType.TRANSPORT_RELAY,
    continualGatheringPolicy: ContinualGatheringPolicy.GATHER_ONCE,
    iceServers: [new IceServer({ urls, username, password })],
  };
}

const SAMPLE_RATE = 48_000;
const FRAME_SAMPLES = SAMPLE_RATE / 100;

export async function sendAndReceive(input: RoundTripInput): Promise<RoundTrip> {
  const sender = new Room();
  const receiver = new Room();
  let pump: NodeJS.Timeout | undefined;
  const started = performance.now();
  const deadline = Date.now() + input.timeoutMs;
  try {
    const heard = new Promise<void>((resolve, reject) => {
      receiver.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
        if (track.kind === TrackKind.KIND_AUDIO) untilSoundIn(track).then(resolve, reject);
      });
    });
    const options = { dynacast: false, ...(input.rtcConfig ? { rtcConfig: input.rtcConfig } : {}) };
    await withDeadline(sender.connect(input.url, input.senderToken, { ...options, autoSubscribe: false }), deadline);
    await withDeadline(receiver.connect(input.url, input.receiverToken, { ...options, autoSubscribe: true }), deadline);
    if (input.forceTcp) {
      await sender.simulateScenario(SimulateScenarioKind.SIMULATE_FORCE_TCP);
      await receiver.simulateScenario(SimulateScenarioKind.SIMULATE_FORCE_TCP);
      // The restart is done when both sides carry their connections over TCP.
      await untilTrue(
        async () => (await Promise.all([sender, receiver].map(carriesOverTcp))).every(Boolean),
        deadline,
        'ICE/TCP',
      );
    }
    const source = new AudioSource(SAMPLE_RATE, 1);
    const track = LocalAudioTrack.createAudioTrack('doctor-tone', source);
    const participant = sender.localParticipant;
    if (!participant) throw new Error('connected without a local participant');
    await withDeadline(
      participant.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE })),
      deadline,
    );
    const tone = toneFrame();
    // Real time: one 10 ms frame every 10 ms, as a microphone would.
    pump = setInterval(() => void source.captureFrame(tone).catch(() => {}), 10);
    await withDeadline(heard, deadline);
    const seconds = (performance.now() - started) / 1000;
    return { pairs: await selectedPairsOf([sender, receiver]), seconds };
  } finally {
    clearInterval(pump);
    await Promise.allSettled([sender.disconnect(), receiver.disconnect()]);
  }
}

/** A 440 Hz tone, loud enough that the receiver cannot mistake silence (or comfort noise) for it. */
function toneFrame(): AudioFrame {
  const samples = new Int16Array(FRAME_SAMPLES);
  for (let i = 0; i < samples.length; i++)
    samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE));
  return new AudioFrame(samples, SAMPLE_RATE, 1, FRAME_SAMPLES);
}

/** Resolves at the first decoded frame with sound in it. */
async function untilSoundIn(track: RemoteTrack): Promise<void> {
  const reader = new AudioStream(track, { sampleRate: SAMPLE_RATE, numChannels: 1 }).getReader();
  try {
    for (;;) {
      const { value: frame, done } = await reader.read();
      if (done) throw new Error('the received track ended without sound');
      let energy = 0;
      for (const sample of frame.data) energy += sample * sample;
      if (energy / frame.data.length > 1_000_000) return;
    }
  } finally {
    reader.releaseLock();
  }
}

const CANDIDATE_TYPES = ['host', 'srflx', 'prflx', 'relay'] as const;
const RELAY_PROTOCOLS = ['udp', 'tcp', 'tls'] as const;

/** The selected candidate pair of each peer connection of `rooms` (libwebrtc's getStats, through rtc-node). */
export async function selectedPairsOf(rooms: Room[]): Promise<SelectedPair[]> {
  const pairs: SelectedPair[] = [];
  for (const room of rooms) {
    const stats = await room.getRtcStats();
    for (const report of [stats.publisherStats, stats.subscriberStats]) {
      const byId = new Map(report.map((entry) => [statsId(entry.stats.value), entry.stats]));
      for (const entry of report) {
        if (entry.stats.case !== 'transport') continue;
        const selected = byId.get(entry.stats.value.transport?.selectedCandidatePairId ?? '');
        if (selected?.case !== 'candidatePair') continue;
        const local = byId.get(selected.value.candidatePair?.localCandidateId ?? '');
        const remote = byId.get(selected.value.candidatePair?.remoteCandidateId ?? '');
        if (local?.case !== 'localCandidate' || remote?.case !== 'remoteCandidate') continue;
        pairs.push({ local: candidateOf(local.value.candidate), remote: candidateOf(remote.value.candidate) });
      }
    }
  }
  return pairs;
}

function statsId(value: unknown): string {
  return (value as { rtc?: { id?: string } } | undefined)?.rtc?.id ?? '';
}

function candidateOf(
  stats:
    | { candidateType?: number; protocol?: string; address?: string; port?: number; relayProtocol?: number }
    | undefined,
): Candidate {
  return {
    type: CANDIDATE_TYPES[stats?.candidateType ?? 0] ?? 'host',
    protocol: stats?.protocol ?? '?',
    address: stats?.address ?? '?',
    port: stats?.port ?? 0,
    relayProtocol: stats?.relayProtocol === undefined ? undefined : RELAY_PROTOCOLS[stats.relayProtocol],
  };
}

/** Whether every peer connection of `room` has selected a pair, and each one over TCP at both ends. */
async function carriesOverTcp(room: Room): Promise<boolean> {
  const pairs = await selectedPairsOf([room]);
  return pairs.length > 0 && pairs.every((pair) => pair.local.protocol === 'tcp' && pair.remote.protocol === 'tcp');
}

/** "host/udp 192.0.2.2:53570 → host/udp 203.0.113.5:7882", the relay's own protocol added for relays. */
export function describePair(pair: SelectedPair): string {
  const side = (c: Candidate) =>
    `${c.type}/${c.protocol}${c.relayProtocol && c.type === 'relay' ? `(${c.relayProtocol})` : ''} ${c.address}:${c.port}`;
  return `${side(pair.local)} → ${side(pair.remote)}`;
}

/** Distinct descriptions of `pairs`, joined for one line of the report. */
export function describePairs(pairs: SelectedPair[]): string {
  return [...new Set(pairs.map(describePair))].join('; ') || 'no selected candidate pair';
}

async function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asks `condition` every 200 ms (libwebrtc's statistics have no event) until it holds or the deadline passes. */
async function untilTrue(condition: () => Promise<boolean>, deadline: number, what: string): Promise<void> {
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no connection over ${what} in time`);
}
