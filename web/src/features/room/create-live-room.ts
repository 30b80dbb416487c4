import type { LiveKitRoomKind } from '@serambi/shared';
import { ConnectionQuality, type DisconnectReason, type Participant, Room, RoomEvent } from 'livekit-client';
import { type Accessor, createSignal } from 'solid-js';
import type { MediaChoice } from './media-choice.ts';

/** The LiveKit rooms a visitor connects to: the join's, or a breakout table's (docs/breakouts.md). */
export type LiveRoomKind = LiveKitRoomKind | 'table';

/** What the room state wants to hear from one LiveKit connection. */
export interface LiveRoomHandlers {
  onData(payload: Uint8Array, topic: string | undefined): void;
  onDisconnected(reason: DisconnectReason | undefined): void;
  /** LiveKit resumed by itself after a network change: events may have been missed. */
  onReconnected(): void;
  onLocalPermissionsChanged(previous: Participant['permissions']): void;
}

/**
 * One connection to a LiveKit room (the stage, the backstage or a breakout table), with what the page draws
 * from it as signals. LiveKit's participants are mutable objects, so `changes` ticks whenever
 * any participant, track or mute state changes, and readers re-read the room.
 */
export interface LiveRoom {
  room: Room;
  kind: LiveRoomKind;
  changes: Accessor<number>;
  activeSpeakers: Accessor<ReadonlySet<string>>;
  canPlayAudio: Accessor<boolean>;
  quality: Accessor<ConnectionQuality>;
  reconnecting: Accessor<boolean>;
  /** Set before a disconnect the page chose, so it is not taken for a lost connection. */
  leaving: boolean;
}

/** Every event after which something drawn from the participants may look different. */
const PARTICIPANT_CHANGES = [
  RoomEvent.Connected,
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.TrackStreamStateChanged,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ParticipantPermissionsChanged,
  RoomEvent.ParticipantAttributesChanged,
  RoomEvent.ParticipantNameChanged,
] as const;

export function createLiveRoom(kind: LiveRoomKind, media: MediaChoice | undefined, handlers: LiveRoomHandlers) {
  const room = new Room({
    adaptiveStream: true,
    dynacast: true,
    videoCaptureDefaults: media?.cameraId ? { deviceId: media.cameraId } : undefined,
    audioCaptureDefaults: media?.microphoneId ? { deviceId: media.microphoneId } : undefined,
  });
  const [changes, setChanges] = createSignal(0);
  const [activeSpeakers, setActiveSpeakers] = createSignal<ReadonlySet<string>>(new Set());
  const [canPlayAudio, setCanPlayAudio] = createSignal(true);
  const [quality, setQuality] = createSignal(ConnectionQuality.Unknown);
  const [reconnecting, setReconnecting] = createSignal(false);
  const tick = () => setChanges((count) => count + 1);

  for (const event of PARTICIPANT_CHANGES) room.on(event, tick);
  room
    .on(RoomEvent.ActiveSpeakersChanged, (speakers: Participant[]) =>
      setActiveSpeakers(new Set(speakers.map((speaker) => speaker.identity))),
    )
    .on(RoomEvent.AudioPlaybackStatusChanged, () => setCanPlayAudio(room.canPlaybackAudio))
    .on(RoomEvent.ConnectionQualityChanged, (next, participant) => {
      if (participant === room.localParticipant) setQuality(next);
    })
    .on(RoomEvent.Reconnecting, () => setReconnecting(true))
    .on(RoomEvent.Reconnected, () => {
      setReconnecting(false);
      handlers.onReconnected();
    })
    .on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
      // Room events come from the server alone; a participant's packet is not one of them.
      if (participant === undefined) handlers.onData(payload, topic);
    })
    .on(RoomEvent.ParticipantPermissionsChanged, (previous, participant) => {
      if (participant === room.localParticipant) handlers.onLocalPermissionsChanged(previous);
    })
    .on(RoomEvent.Disconnected, (reason) => {
      setReconnecting(false);
      if (!live.leaving) handlers.onDisconnected(reason);
    });

  const live: LiveRoom = { room, kind, changes, activeSpeakers, canPlayAudio, quality, reconnecting, leaving: false };
  return live;
}

/** Disconnects on purpose: the Disconnected event that follows is not a lost connection. */
export async function leaveLiveRoom(live: LiveRoom): Promise<void> {
  live.leaving = true;
  await live.room.disconnect();
}
