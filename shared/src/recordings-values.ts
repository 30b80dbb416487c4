/**
 * Recording states and their groups, backends, failures and who may watch a replay: values without zod, so a page that reads them does not download the schemas
 * (recordings.ts holds those and re-exports these).
 */

export const RECORDING_STATUSES = [
  'starting',
  'recording',
  'stopping',
  'processing',
  'ready',
  'failed',
  'expired',
] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

export const recordingStatusGroups = {
  /** At most one per session: starting twice returns this one. */
  active: ['starting', 'recording', 'stopping'],
  /** Has a file someone can watch (a failed recording may have a partial one). */
  watchable: ['ready', 'failed'],
} as const satisfies Record<string, readonly RecordingStatus[]>;

export const RECORDING_BACKENDS = ['builtin', 'egress'] as const;
export type RecordingBackend = (typeof RECORDING_BACKENDS)[number];

/** Why a recording failed; with `partial: true` the part recorded before it can still be watched. */
export const RECORDING_FAILURES = [
  'recorder_crashed',
  'disk_full',
  'ffmpeg_failed',
  'interrupted',
  'egress_failed',
  'processing_failed',
] as const;
export type RecordingFailure = (typeof RECORDING_FAILURES)[number];

/** Who may watch a session's replay; organizers always may, and only they may download. */
export const REPLAY_ACCESS = ['public', 'registrants', 'organizers'] as const;
export type ReplayAccess = (typeof REPLAY_ACCESS)[number];
