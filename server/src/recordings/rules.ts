import { forModerators } from '../room/rules.ts';
import type { ReplayViewer } from '../sessions/replay-access.ts';

export { mayWatch, type ReplayViewer, refusedReplayState } from '../sessions/replay-access.ts';

/**
 * Who may do what with recordings (docs/conventions.md#rules-as-named-predicates). In the room,
 * moderators start and stop the recording and the live stream; organizers do it from the
 * session's page (the community's `manage`), where only they set the stream's destination.
 * Who may watch a replay depends on the session's replay access
 * (`sessions/replay-access.ts`, which materials follow too).
 */
export const recordingRules = {
  control: forModerators,
  /** Start, stop and watch the live stream to an RTMP server (its destination is the organizers'). */
  stream: forModerators,
} as const;

/** The file itself, to keep: organizers only. */
export const mayDownload = (viewer: ReplayViewer) => viewer.organizer;
