import type { LocalAudioTrack } from 'livekit-client';
import { createAudioLevel } from './create-audio-level.ts';

export function MicrophoneLevelMeter(props: { track: LocalAudioTrack; label: string }) {
  const level = createAudioLevel(() => props.track);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot be drawn as a segmented bar in every browser.
    <div
      class="level-meter"
      role="meter"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={level()}
      data-testid="microphone-meter"
    >
      <div class="level-meter__fill" style={{ 'clip-path': `inset(0 ${100 - level()}% 0 0)` }} />
    </div>
  );
}
