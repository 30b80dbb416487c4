import { recordings } from '@serambi/server/recordings/schema.ts';
import type { Recording, Replay, RoomRecording, SessionRecordings } from '@serambi/shared';
import type { Caller } from './accounts.ts';
import type { TestApp } from './app.ts';
import { aLiveSession, asBot, type ConnectedClient, connect, eventually, type RoomClient } from './room.ts';
import { type PublishedSyntheticMedia, publishSyntheticMedia } from './synthetic-media.ts';

/**
 * A session gone live with its host on the stage publishing a camera and a tone, and one
 * registrant in the audience; the connections and media go into `clients` and `media` for the
 * caller's cleanup.
 */
export async function aLiveStage(app: TestApp, clients: ConnectedClient[], media: PublishedSyntheticMedia[]) {
  const { secret, host, viewer, ...setup } = await aLiveSession(app);
  const stage = await connect(host.join);
  clients.push(stage);
  media.push(
    await publishSyntheticMedia(asBot(stage, host.join.snapshot.me.identity), {
      video: { width: 320, height: 180, fps: 15, colour: { red: 40, green: 90, blue: 200 } },
      audio: { frequencyHz: 440, sampleRate: 48_000 },
    }),
  );
  const audience = await connect(viewer.join);
  clients.push(audience);
  return { ...setup, secret, host, viewer, audience, hostClient: stage };
}

/** Starts a recording as `moderator`; throws unless 200. */
export async function started(moderator: RoomClient): Promise<RoomRecording> {
  const response = await moderator.call('/recording/start');
  if (response.status !== 200) throw new Error(`start: ${response.status} ${await response.text()}`);
  return (await response.json()) as RoomRecording;
}

/** Waits until the audience is told recording `id` is running. */
export const untilRunning = (audience: ConnectedClient, id: string) =>
  audience.nextEvent(
    (e) => e.type === 'session.recording' && e.data.recording?.id === id && e.data.recording.status === 'recording',
    30_000,
  );

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

/**
 * A finished recording of a session, arranged in the database (no recorder run): enough for the
 * replay to list it to whoever may watch. Its file is not there to stream.
 */
export async function aReadyRecording(app: TestApp, sessionId: string) {
  const [row] = await app.context.db
    .insert(recordings)
    .values({
      sessionId,
      part: 1,
      status: 'ready',
      backend: 'builtin',
      mediaKey: `${sessionId}/part-1.mp4`,
      durationMs: 60_000,
      startedAt: new Date(Date.now() - 120_000),
      endedAt: new Date(Date.now() - 60_000),
    })
    .returning();
  if (!row) throw new Error('recording insert returned no row');
  return row;
}
