import {
  AudioStream,
  type RemoteParticipant,
  type RemoteTrack,
  type RemoteTrackPublication,
  type Room,
  RoomEvent,
  TrackKind,
  type TrackPublication,
  TrackSource,
  VideoBufferType,
  type VideoFrame,
  VideoRotation,
  VideoStream,
} from '@livekit/rtc-node';
import type { I420Image } from './canvas.ts';
import { type Recording, SAMPLE_RATE, type SourceFrame } from './recording.ts';
import { rotateI420 } from './rotate.ts';

/**
 * Feeds every track the room's hidden recorder subscribes to into the recording: audio
 * resampled natively to 48 kHz mono, video frames as they are decoded. Only stage people
 * publish in the room, so everything subscribed is recorded.
 */
export interface RoomTracks {
  /** Stops reading every track (their native streams are released). */
  stop(): Promise<void>;
}

export function followRoomTracks(room: Room, recording: Recording): RoomTracks {
  const readers = new Map<string, ReadableStreamDefaultReader<unknown>>();

  const read = async <Item>(trackId: string, stream: ReadableStream<Item>, take: (item: Item) => void) => {
    const reader = stream.getReader();
    readers.set(trackId, reader as ReadableStreamDefaultReader<unknown>);
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) return;
        take(next.value);
      }
    } finally {
      if (readers.get(trackId) === reader) readers.delete(trackId);
    }
  };

  const follow = (track: RemoteTrack, publication: TrackPublication, participant: RemoteParticipant) => {
    const trackId = publication.sid ?? track.sid;
    if (!trackId || readers.has(trackId)) return;
    if (track.kind === TrackKind.KIND_AUDIO) {
      // A shared tab's sound is mixed in but is nobody speaking.
      recording.addAudio(trackId, participant.identity, {
        speech: publication.source !== TrackSource.SOURCE_SCREENSHARE_AUDIO,
      });
      void read(trackId, new AudioStream(track, { sampleRate: SAMPLE_RATE, numChannels: 1 }), (frame) =>
        recording.pushAudio(trackId, frame.channels === 1 ? frame.data : firstChannel(frame.data, frame.channels)),
      );
    } else if (track.kind === TrackKind.KIND_VIDEO) {
      const kind = publication.source === TrackSource.SOURCE_SCREENSHARE ? 'screen' : 'camera';
      recording.addVideo(trackId, participant.identity, kind);
      void read(trackId, new VideoStream(track), (event) =>
        recording.pushVideo(trackId, convertedWhenDrawn(event.frame, event.rotation)),
      );
    }
  };

  const unfollow = (trackId: string | undefined) => {
    if (!trackId) return;
    const reader = readers.get(trackId);
    readers.delete(trackId);
    void reader?.cancel();
    recording.removeAudio(trackId);
    recording.removeVideo(trackId);
  };

  const onSubscribed = (track: RemoteTrack, publication: RemoteTrackPublication, participant: RemoteParticipant) =>
    follow(track, publication, participant);
  const onUnsubscribed = (track: RemoteTrack, publication: RemoteTrackPublication) =>
    unfollow(publication.sid ?? track.sid);
  const onMuted = (publication: TrackPublication) => {
    if (publication.kind === TrackKind.KIND_VIDEO && publication.sid) recording.muteVideo(publication.sid);
  };
  const onParticipantLeft = (participant: RemoteParticipant) => recording.forgetParticipant(participant.identity);

  room.on(RoomEvent.TrackSubscribed, onSubscribed);
  room.on(RoomEvent.TrackUnsubscribed, onUnsubscribed);
  room.on(RoomEvent.TrackMuted, onMuted);
  room.on(RoomEvent.ParticipantDisconnected, onParticipantLeft);
  // Tracks subscribed while connecting, before these listeners could hear about them.
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      const track = publication.track as RemoteTrack | undefined;
      if (track) follow(track, publication, participant);
    }
  }

  return {
    async stop() {
      room.off(RoomEvent.TrackSubscribed, onSubscribed);
      room.off(RoomEvent.TrackUnsubscribed, onUnsubscribed);
      room.off(RoomEvent.TrackMuted, onMuted);
      room.off(RoomEvent.ParticipantDisconnected, onParticipantLeft);
      const open = [...readers.values()];
      readers.clear();
      await Promise.all(open.map((reader) => reader.cancel()));
    },
  };
}

/**
 * Defers the conversion of a non-I420 frame, and turning a sideways one upright, to when (and
 * if) it is drawn.
 */
function convertedWhenDrawn(frame: VideoFrame, rotation: VideoRotation): SourceFrame {
  const quarterTurns = QUARTER_TURNS[rotation] ?? 0;
  let converted: I420Image | undefined = frame.type === VideoBufferType.I420 && quarterTurns === 0 ? frame : undefined;
  const sideways = quarterTurns % 2 === 1;
  return {
    width: sideways ? frame.height : frame.width,
    height: sideways ? frame.width : frame.height,
    i420() {
      converted ??= rotateI420(
        frame.type === VideoBufferType.I420 ? frame : frame.convert(VideoBufferType.I420),
        quarterTurns,
      );
      return converted;
    },
  };
}

const QUARTER_TURNS: Partial<Record<VideoRotation, 0 | 1 | 2 | 3>> = {
  [VideoRotation.VIDEO_ROTATION_0]: 0,
  [VideoRotation.VIDEO_ROTATION_90]: 1,
  [VideoRotation.VIDEO_ROTATION_180]: 2,
  [VideoRotation.VIDEO_ROTATION_270]: 3,
};

function firstChannel(interleaved: Int16Array, channels: number): Int16Array {
  const mono = new Int16Array(Math.floor(interleaved.length / channels));
  for (let i = 0; i < mono.length; i++) mono[i] = interleaved[i * channels] as number;
  return mono;
}
