import type { JoinRoomResult } from '@serambi/shared';
import type { DisconnectReason, Participant } from 'livekit-client';
import { type Accessor, createSignal } from 'solid-js';
import { createLiveRoom, type LiveRoom, type LiveRoomKind, leaveLiveRoom } from './create-live-room.ts';
import { takeEarlyLiveRoom } from './early-entry.ts';
import { type MediaChoice, rememberMediaChoice } from './media-choice.ts';
import { mayPublish, publishChosenMedia } from './publish-media.ts';

/** A LiveKit room the server named: the join's (stage or backstage), or a breakout table's. */
export type LiveKitTarget = Omit<NonNullable<JoinRoomResult['livekit']>, 'room'> & { room: LiveRoomKind };

/**
 * The one LiveKit connection of this visitor (the stage or the backstage) and what they
 * publish on it: the camera and microphone they chose, once the server lets them.
 */
export interface RoomConnection {
  live: Accessor<LiveRoom | undefined>;
  media: Accessor<MediaChoice | undefined>;
  /** The devices that would not start when publishing, to say so. */
  mediaFailures: Accessor<('camera' | 'microphone')[]>;
  /** Keeps the devices someone chose, here and for their next visit. */
  keepMedia(choice: MediaChoice): void;
  /**
   * Connects to the LiveKit room the server named, leaving the current one first. Answers the
   * connected room, or undefined when connecting failed (reported as a loss) or was given up.
   */
  connect(target: LiveKitTarget): Promise<LiveRoom | undefined>;
  disconnect(): Promise<void>;
  /**
   * Publishes the chosen camera and microphone if the server lets this connection publish;
   * `override` turns one off this time (back from a breakout table: the microphone stays off).
   */
  publishIfAllowed(live: LiveRoom, override?: Partial<Pick<MediaChoice, 'camera' | 'microphone'>>): Promise<void>;
}

export function createRoomConnection(handlers: {
  onData(payload: Uint8Array, topic: string | undefined): void;
  /** LiveKit resumed by itself after a network change: events may have been missed. */
  onReconnected(): void;
  /** The connection ended without the page asking (it is already forgotten). */
  onLost(reason: DisconnectReason | undefined): void;
}): RoomConnection {
  const [live, setLive] = createSignal<LiveRoom>();
  const [media, setMedia] = createSignal<MediaChoice>();
  const [mediaFailures, setMediaFailures] = createSignal<('camera' | 'microphone')[]>([]);

  async function connect(target: LiveKitTarget): Promise<LiveRoom | undefined> {
    await disconnect();
    const roomHandlers = {
      onData: handlers.onData,
      onDisconnected,
      onReconnected: handlers.onReconnected,
      onLocalPermissionsChanged,
    };
    // A personal link into the room may have connected already, while this code loaded.
    const early = await takeEarlyLiveRoom(target);
    const next = early?.live ?? createLiveRoom(target.room, media(), roomHandlers);
    setLive(next);
    early?.handOver(roomHandlers);
    try {
      await (early?.connected ?? next.room.connect(target.url, target.token));
    } catch {
      if (!next.leaving) onDisconnected(undefined);
      return undefined;
    }
    return next.leaving ? undefined : next;
  }

  async function disconnect(): Promise<void> {
    const current = live();
    if (!current) return;
    setLive(undefined);
    await leaveLiveRoom(current);
  }

  function onDisconnected(reason: DisconnectReason | undefined) {
    setLive(undefined);
    handlers.onLost(reason);
  }

  async function publish(live: LiveRoom, override: Partial<MediaChoice> = {}): Promise<void> {
    const choice = { ...(media() ?? { camera: true, microphone: true }), ...override };
    setMediaFailures(await publishChosenMedia(live.room, choice));
  }

  function onLocalPermissionsChanged(previous: Participant['permissions']) {
    const current = live();
    // Invited on stage and accepted: the server let this connection publish.
    if (current && mayPublish(current.room) && !previous?.canPublish) void publish(current);
  }

  return {
    live,
    media,
    mediaFailures,
    keepMedia(choice) {
      rememberMediaChoice(choice);
      setMedia(choice);
    },
    connect,
    disconnect,
    async publishIfAllowed(next, override) {
      if (mayPublish(next.room)) await publish(next, override);
    },
  };
}
