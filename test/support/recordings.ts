import type { Recording, Replay, SessionRecordings } from '@serambi/shared';
import type { Caller } from './accounts.ts';
import { eventually } from './room.ts';

/** The organizer's list of a session's recordings; throws unless 200. */
export async function recordingsSeenBy(organizer: Caller, sessionSlug: string): Promise<SessionRecordings> {
  const response = await organizer.request(`/api/sessions/${sessionSlug}/recordings`);
  if (response.status !== 200) throw new Error(`recordings: ${response.status} ${await response.text()}`);
  return (await response.json()) as SessionRecordings;
}

/** Waits until the session's recording of `part` satisfies `done` (finishing runs in a job). */
export function untilRecording(
  organizer: Caller,
  sessionSlug: string,
  done: (recording: Recording) => boolean,
  timeoutMs = 60_000,
): Promise<Recording> {
  return eventually(async () => (await recordingsSeenBy(organizer, sessionSlug)).recordings.find(done), timeoutMs);
}

/** The replay as someone with `headers` (a cookie, or none) sees it at `path`. */
export async function replayAt(baseUrl: string, path: string, cookie?: string): Promise<Replay> {
  const response = await fetch(`${baseUrl}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  if (response.status !== 200) throw new Error(`replay: ${response.status} ${await response.text()}`);
  return (await response.json()) as Replay;
}
