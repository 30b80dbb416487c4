import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Recording, Replay, SessionRecordings } from '@serambi/shared';
import type { Caller } from './accounts.ts';
import { eventually } from './room.ts';

const run = promisify(execFile);

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

export interface ProbedStream {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
}

/** ffprobe's reading of a media file (or URL): its duration in seconds and its streams. */
export async function probe(file: string): Promise<{ duration: number; streams: ProbedStream[] }> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration:stream=codec_type,codec_name,width,height',
    '-of',
    'json',
    file,
  ]);
  const parsed = JSON.parse(stdout) as { format: { duration: string }; streams: ProbedStream[] };
  return { duration: Number(parsed.format.duration), streams: parsed.streams };
}
