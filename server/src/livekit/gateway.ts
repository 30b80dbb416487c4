import {
  AccessToken,
  DataPacket_Kind,
  EgressClient,
  EgressStatus,
  EncodedFileOutput,
  EncodedFileType,
  type ParticipantPermission,
  RoomServiceClient,
  ServerError,
  TokenVerifier,
  TrackSource,
  type WebhookEvent,
} from 'livekit-server-sdk';
import { AppError } from '../http/errors.ts';
import { sharedFreshCalls } from './fresh-calls.ts';
import { createLiveKitNodes, type LiveKitNodes } from './nodes.ts';
import {
  mintPublishOnlyToken,
  type PublishOnlyToken,
  type ReadToken,
  readToken,
  SOURCE_OF,
} from './publish-only-tokens.ts';
import { createWebhookVerifier } from './webhook-signature.ts';

export type { PublishOnlyToken, ReadToken } from './publish-only-tokens.ts';

export interface LiveKitCredentials {
  /** ws(s):// URL of LiveKit for the server SDK and Serambi's own bots (the recorder). */
  url: string;
  apiKey: string;
  apiSecret: string;
}

/**
 * What a participant may do in a room, in our terms. `audience`: subscribe only, hidden
 * (docs/livekit.md#the-hidden-audience); `publisher`: camera, microphone and screen, visible;
 * `table`: camera and microphone, visible (a breakout table: docs/breakouts.md).
 */
export type RoomAccess = 'audience' | 'publisher' | 'table';

export type PublishedSource = 'microphone' | 'camera' | 'screen_share';

export interface RoomToken {
  room: string;
  identity: string;
  name: string;
  attributes: Record<string, string>;
  access: RoomAccess;
  ttlSeconds: number;
}

/**
 * The one place that talks to LiveKit's server API (docs/livekit.md#the-one-gateway). Network
 * failures become a 503 problem ("the media server cannot be reached"), so no caller sees a 500
 * because LiveKit is down.
 */
export interface LiveKitGateway {
  /** LiveKit's URL for Serambi itself (the recorder joins there). */
  readonly url: string;
  /** The ws(s):// URL browsers are given in join answers: Serambi's public origin when it proxies signalling. */
  readonly clientUrl: string;
  /** True when LiveKit answers an authenticated API call. */
  isHealthy(): Promise<boolean>;
  /** Verifies a webhook's signature, its times at `now` and its body checksum; throws when any is wrong. */
  receiveWebhook(rawBody: string, authorization: string | undefined, now: Date): Promise<WebhookEvent>;
  /** A join token for one identity in one room, with the grants of `access` and nothing else. */
  mintToken(token: RoomToken): Promise<string>;
  /** A publish-only token (see `PublishOnlyToken`). */
  mintPublishOnlyToken(token: PublishOnlyToken): Promise<string>;
  /** The claims of a token signed with this deployment's key, or null (another key, tampered, not a JWT). */
  readToken(jwt: string): Promise<ReadToken | null>;
  /** The nodes' http(s) URLs in the order to try them (answering ones first), for what Serambi forwards to LiveKit. */
  nodeUrls(): string[];
  /**
   * A token for Serambi's own recorder: hidden, subscribe-only, flagged as a recorder (LiveKit
   * then tells every client the room is being recorded).
   */
  mintRecorderToken(room: string, identity: string, ttlSeconds: number): Promise<string>;
  /** Starts LiveKit Egress recording the room's composite to an MP4 at `filepath` (egress's storage); its id. */
  startRoomEgress(room: string, filepath: string): Promise<string>;
  /** Stops an egress; one that already ended is fine. */
  stopEgress(egressId: string): Promise<void>;
  /**
   * Creates the room unless it exists (rooms are never created by joining: `auto_create: false`);
   * `maxParticipants` caps who may be connected at once (0 or absent: no cap).
   */
  ensureRoom(name: string, options?: { maxParticipants?: number }): Promise<void>;
  /** Closes a room and disconnects everyone in it; a room that does not exist is fine. */
  deleteRoom(name: string): Promise<void>;
  /** The room's metadata ('' when it has none); undefined when there is no such room. */
  roomMetadata(name: string): Promise<string | undefined>;
  /** Replaces the room's metadata; false when there is no such room. */
  setRoomMetadata(name: string, metadata: string): Promise<boolean>;
  /** Replaces a connected participant's permissions; false when they are not in the room. */
  setAccess(room: string, identity: string, access: RoomAccess, attributes?: Record<string, string>): Promise<boolean>;
  /** Mutes a participant's published track of `source`; false when there is no such track. */
  muteSource(room: string, identity: string, source: PublishedSource): Promise<boolean>;
  /** Disconnects a participant; false when they were not in the room. */
  removeParticipant(room: string, identity: string): Promise<boolean>;
  /**
   * Sends a reliable data packet on `topic` to everyone in the room (or only to the identities
   * in `to`); false when the room does not exist (or did not a moment ago: LiveKit takes
   * seconds to say so, so that is remembered until this process makes the room again or a few
   * seconds pass).
   */
  broadcast(room: string, topic: string, payload: unknown, to?: string[]): Promise<boolean>;
}

/** At a breakout table: camera and microphone (no screen: a table is a conversation). */
const TABLE_SOURCES = [TrackSource.CAMERA, TrackSource.MICROPHONE];

const PUBLISH_SOURCES = [
  TrackSource.CAMERA,
  TrackSource.MICROPHONE,
  TrackSource.SCREEN_SHARE,
  TrackSource.SCREEN_SHARE_AUDIO,
];

/** A participant's permissions as LiveKit keeps them (what admittance compares with a role's). */
export type LiveKitPermission = ParticipantPermission;

/** The name of an egress status LiveKit reports as a number (`EGRESS_ACTIVE`, …). */
export function egressStatusName(status: number): string {
  return EgressStatus[status] ?? String(status);
}

/**
 * The complete permission set of each access level. LiveKit replaces every field on update
 * (docs/livekit.md#permission-updates), so this is always sent whole. Nobody may publish data:
 * everything a client says goes through our HTTP API, where it is checked.
 */
export function permissionOf(access: RoomAccess): Partial<ParticipantPermission> {
  const publisher = access !== 'audience';
  return {
    canSubscribe: true,
    canPublish: publisher,
    canPublishData: false,
    canPublishSources: access === 'publisher' ? PUBLISH_SOURCES : access === 'table' ? TABLE_SOURCES : [],
    hidden: !publisher,
    recorder: false,
    canUpdateMetadata: false,
    canSubscribeMetrics: false,
  };
}

/**
 * Whether a connected participant's permissions (as a webhook reports them) are exactly those of
 * `access`: nothing more to take back, nothing missing. False when LiveKit did not say.
 */
export function hasExactly(permission: ParticipantPermission | undefined, access: RoomAccess): boolean {
  if (!permission) return false;
  const wanted = permissionOf(access);
  const sources = (list: TrackSource[] | undefined) => [...(list ?? [])].sort().join(',');
  return (
    permission.canSubscribe === wanted.canSubscribe &&
    permission.canPublish === wanted.canPublish &&
    permission.canPublishData === wanted.canPublishData &&
    sources(permission.canPublishSources) === sources(wanted.canPublishSources) &&
    permission.hidden === wanted.hidden &&
    permission.recorder === wanted.recorder &&
    permission.canUpdateMetadata === wanted.canUpdateMetadata
  );
}

/** How long a room that refused a broadcast is taken as absent (unless this process creates it). */
const ABSENT_ROOM_MEMORY_MS = 10_000;

/**
 * The gateway over one LiveKit URL, or over the nodes of a cluster (`nodes`): each call goes to
 * the first node that answers (healthy ones first), and a node that cannot be reached is marked
 * down and the next one tried. Any node serves any room: LiveKit routes the call through Redis to
 * the node that holds it.
 */
export function createLiveKitGateway(
  credentials: LiveKitCredentials,
  clientUrl = credentials.url,
  nodes: LiveKitNodes = createLiveKitNodes([credentials.url]),
): LiveKitGateway {
  const clients = new Map(
    nodes.all.map((node) => [
      node,
      {
        rooms: new RoomServiceClient(node.httpUrl, credentials.apiKey, credentials.apiSecret, { requestTimeout: 5 }),
        egress: new EgressClient(node.httpUrl, credentials.apiKey, credentials.apiSecret),
      },
    ]),
  );
  /** Runs `call` on the first node that can be reached; LiveKit's own answers (ServerError) are final. */
  const onAnyNode = async <T>(call: (client: { rooms: RoomServiceClient; egress: EgressClient }) => Promise<T>) => {
    let unreachable: unknown;
    for (const node of nodes.inOrder()) {
      const client = clients.get(node);
      if (!client) continue;
      try {
        return await call(client);
      } catch (error) {
        if (error instanceof ServerError) throw error;
        // fetch failed, timed out or was refused: this node is down or unreachable.
        nodes.markDown(node);
        unreachable = error;
      }
    }
    throw unreachable;
  };
  const rooms = {
    createRoom: (options: Parameters<RoomServiceClient['createRoom']>[0]) =>
      onAnyNode((c) => c.rooms.createRoom(options)),
    listRooms: (names?: string[]) => onAnyNode((c) => c.rooms.listRooms(names)),
    updateRoomMetadata: (room: string, metadata: string) =>
      onAnyNode((c) => c.rooms.updateRoomMetadata(room, metadata)),
    deleteRoom: (room: string) => onAnyNode((c) => c.rooms.deleteRoom(room)),
    updateParticipant: (
      room: string,
      identity: string,
      options: { permission?: Partial<ParticipantPermission>; attributes?: Record<string, string> },
    ) => onAnyNode((c) => c.rooms.updateParticipant(room, identity, options)),
    getParticipant: (room: string, identity: string) => onAnyNode((c) => c.rooms.getParticipant(room, identity)),
    mutePublishedTrack: (...args: Parameters<RoomServiceClient['mutePublishedTrack']>) =>
      onAnyNode((c) => c.rooms.mutePublishedTrack(...args)),
    removeParticipant: (room: string, identity: string) => onAnyNode((c) => c.rooms.removeParticipant(room, identity)),
    sendData: (
      room: string,
      data: Uint8Array,
      kind: DataPacket_Kind,
      options: { topic?: string; destinationIdentities?: string[] },
    ) => onAnyNode((c) => c.rooms.sendData(room, data, kind, options)),
  };
  const egress = {
    startRoomCompositeEgress: (room: string, output: EncodedFileOutput, options: { layout: string }) =>
      onAnyNode((c) => c.egress.startRoomCompositeEgress(room, output, options)),
    stopEgress: (egressId: string) => onAnyNode((c) => c.egress.stopEgress(egressId)),
  };
  const receiveWebhook = createWebhookVerifier(credentials.apiKey, credentials.apiSecret);
  const verifier = new TokenVerifier(credentials.apiKey, credentials.apiSecret);
  const encoder = new TextEncoder();
  const absentSince = new Map<string, number>();
  /**
   * When this process last made each room, in its own count of calls: a broadcast that set out
   * before the room was made and is refused after (LiveKit takes seconds to answer 503) says
   * nothing about the room as it is now, so it must not mark it absent (a breakout table made
   * by its first connect would otherwise drop every event, the end included, for seconds).
   */
  const madeAt = new Map<string, number>();
  let calls = 0;
  /** Caps asked for by room name (a breakout table's size), read when the room is created. */
  const capOf = new Map<string, number>();
  const createRoom = sharedFreshCalls((name: string) =>
    // createRoom answers the existing room when there is one. Empty rooms linger long enough
    // for a reload or a speaker's network change; the session's end closes them explicitly.
    // In a cluster it also places the room again when the node that held it is gone.
    reachLiveKit(() =>
      rooms.createRoom({ name, emptyTimeout: 30 * 60, departureTimeout: 120, maxParticipants: capOf.get(name) ?? 0 }),
    ),
  );
  const isHealthy = async () => {
    try {
      await rooms.listRooms();
      return true;
    } catch {
      return false;
    }
  };
  return {
    get url() {
      // The recorder joins through a node that answers.
      return nodes.inOrder()[0]?.url ?? credentials.url;
    },
    clientUrl,
    isHealthy,
    receiveWebhook,
    async mintToken(token) {
      const at = new AccessToken(credentials.apiKey, credentials.apiSecret, {
        identity: token.identity,
        name: token.name,
        attributes: token.attributes,
        ttl: token.ttlSeconds,
      });
      const permission = permissionOf(token.access);
      at.addGrant({
        room: token.room,
        roomJoin: true,
        canSubscribe: true,
        canPublish: permission.canPublish ?? false,
        canPublishData: false,
        canPublishSources: permission.canPublishSources ?? [],
        canUpdateOwnMetadata: false,
        hidden: permission.hidden ?? true,
      });
      return at.toJwt();
    },
    mintPublishOnlyToken: (token) => mintPublishOnlyToken(credentials, token),
    readToken: (jwt) => readToken(verifier, jwt),
    nodeUrls: () => nodes.inOrder().map((node) => node.httpUrl),
    async mintRecorderToken(room, identity, ttlSeconds) {
      const at = new AccessToken(credentials.apiKey, credentials.apiSecret, {
        identity,
        name: 'Recorder',
        ttl: ttlSeconds,
      });
      at.addGrant({
        room,
        roomJoin: true,
        canSubscribe: true,
        canPublish: false,
        canPublishData: false,
        canPublishSources: [],
        canUpdateOwnMetadata: false,
        hidden: true,
        recorder: true,
      });
      return at.toJwt();
    },
    async startRoomEgress(room, filepath) {
      try {
        const info = await egress.startRoomCompositeEgress(
          room,
          new EncodedFileOutput({ fileType: EncodedFileType.MP4, filepath }),
          { layout: 'speaker' },
        );
        return info.egressId;
      } catch (error) {
        // A deployment without egress workers either refuses ("egress not connected") or, like
        // OSS v1.13.5 without Redis, waits for a worker until the request times out. Either way
        // LiveKit itself answers, so it is the egress that is missing, not LiveKit.
        if (error instanceof ServerError || (await isHealthy())) {
          throw new AppError(503, 'egress_unavailable', 'problems.egressUnavailable');
        }
        throw new AppError(503, 'livekit_unavailable', 'problems.liveKitUnavailable');
      }
    },
    async stopEgress(egressId) {
      try {
        await reachLiveKit(() => egress.stopEgress(egressId));
      } catch (error) {
        // Already ended (or unknown to a restarted egress): nothing left to stop.
        if (error instanceof ServerError && [400, 404, 412].includes(error.status)) return;
        throw error;
      }
    },
    async ensureRoom(name, options) {
      if (options?.maxParticipants) capOf.set(name, options.maxParticipants);
      await createRoom(name);
      madeAt.set(name, ++calls);
      absentSince.delete(name);
    },
    async deleteRoom(name) {
      capOf.delete(name);
      await absentIsFine(() => rooms.deleteRoom(name));
      madeAt.delete(name);
      absentSince.set(name, Date.now());
    },
    async roomMetadata(name) {
      const [room] = await reachLiveKit(() => rooms.listRooms([name]));
      return room?.metadata;
    },
    async setRoomMetadata(name, metadata) {
      return absentIsFine(() => rooms.updateRoomMetadata(name, metadata));
    },
    async setAccess(room, identity, access, attributes) {
      return absentIsFine(async () => {
        await rooms.updateParticipant(room, identity, {
          permission: permissionOf(access),
          ...(attributes ? { attributes } : {}),
        });
      });
    },
    async muteSource(room, identity, source) {
      return absentIsFine(async () => {
        const participant = await rooms.getParticipant(room, identity);
        const track = participant.tracks.find((t) => t.source === SOURCE_OF[source]);
        if (!track) throw new ServerError('not_found', 'no such track', 404);
        await rooms.mutePublishedTrack(room, identity, track.sid, true);
      });
    },
    async removeParticipant(room, identity) {
      return absentIsFine(() => rooms.removeParticipant(room, identity));
    },
    async broadcast(room, topic, payload, to) {
      const since = absentSince.get(room);
      if (since !== undefined && Date.now() - since < ABSENT_ROOM_MEMORY_MS) return false;
      const setOut = ++calls;
      try {
        await reachLiveKit(() =>
          rooms.sendData(room, encoder.encode(JSON.stringify(payload)), DataPacket_Kind.RELIABLE, {
            topic,
            ...(to ? { destinationIdentities: to } : {}),
          }),
        );
        absentSince.delete(room);
        return true;
      } catch (error) {
        // v1.13.5 answers a room it does not have with 503 "no response from servers" after ~3 s.
        if (error instanceof ServerError && (error.status === 404 || error.status === 503)) {
          // A 503 for a room this process made and did not delete is LiveKit too busy to answer in time, not an absent room.
          const made = madeAt.get(room);
          if (error.status === 404 ? (made ?? 0) < setOut : made === undefined) absentSince.set(room, Date.now());
          return false;
        }
        throw error;
      }
    },
  };
}

async function reachLiveKit<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ServerError) throw error;
    // fetch failed, timed out or was refused: LiveKit is down or unreachable.
    throw new AppError(503, 'livekit_unavailable', 'problems.liveKitUnavailable');
  }
}

/** Runs a call on something that may be gone (a room, a participant): true if it ran, false if it was absent. */
async function absentIsFine(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await reachLiveKit(call);
    return true;
  } catch (error) {
    if (error instanceof ServerError && error.status === 404) return false;
    throw error;
  }
}
