import type { LocalVideoTrack } from 'livekit-client';
import { createEffect, onCleanup } from 'solid-js';

/** The camera as the speaker sees themself: mirrored, like a looking glass. */
export function CameraPreview(props: { track: LocalVideoTrack; label: string }) {
  let video!: HTMLVideoElement;
  createEffect(() => {
    const track = props.track;
    track.attach(video);
    onCleanup(() => track.detach(video));
  });
  return (
    <video
      ref={video}
      class="camera-preview"
      aria-label={props.label}
      data-testid="camera-preview"
      autoplay
      muted
      playsinline
    />
  );
}
