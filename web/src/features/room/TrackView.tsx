import type { Track } from 'livekit-client';
import { createEffect, onCleanup } from 'solid-js';

/** A video track in a <video>; LiveKit's adaptive stream sizes what it sends to the element. */
export function VideoTrackView(props: { track: Track; mirrored?: boolean; label?: string; contain?: boolean }) {
  let video!: HTMLVideoElement;
  createEffect(() => {
    const track = props.track;
    track.attach(video);
    onCleanup(() => track.detach(video));
  });
  return (
    <video
      ref={video}
      class="room-video"
      classList={{ 'room-video--mirrored': props.mirrored, 'room-video--contain': props.contain }}
      aria-label={props.label}
      autoplay
      muted
      playsinline
    />
  );
}

/** A remote audio track, played through its own <audio> element. */
export function AudioTrackView(props: { track: Track }) {
  let audio!: HTMLAudioElement;
  createEffect(() => {
    const track = props.track;
    track.attach(audio);
    onCleanup(() => track.detach(audio));
  });
  // biome-ignore lint/a11y/useMediaCaption: live speech has no caption track to attach; the element is never shown.
  return <audio ref={audio} autoplay />;
}
