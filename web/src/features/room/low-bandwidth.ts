import { type Room, Track } from 'livekit-client';
import { createSignal } from 'solid-js';

const STORAGE_KEY = 'serambi.room.lowBandwidth';

/** Sound and shared screens only, remembered on this browser for the next session. */
export function createLowBandwidthPreference() {
  const [on, setOn] = createSignal(readStored());
  const set = (next: boolean) => {
    setOn(next);
    try {
      localStorage.setItem(STORAGE_KEY, next ? '1' : '0');
    } catch {
      // Private windows may refuse storage; the mode still holds for this visit.
    }
  };
  return [on, set] as const;
}

function readStored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

/** Stops (or resumes) receiving camera video of everyone; audio and screen shares stay. */
export function applyLowBandwidth(room: Room, lowBandwidth: boolean): void {
  for (const participant of room.remoteParticipants.values()) {
    const camera = participant.getTrackPublication(Track.Source.Camera);
    if (camera && camera.isDesired === lowBandwidth) camera.setSubscribed(!lowBandwidth);
  }
}
