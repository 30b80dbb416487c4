import { dispose } from '@livekit/rtc-node';
import { freeTcpPort } from '@serambi/server/net/free-port.ts';
import { recordingDepsOf } from '@serambi/server/recordings/deps.ts';
import { liveStreams } from '@serambi/server/recordings/schema.ts';
import type { DirectEvent, LiveStream, LiveStreamState, StreamDestinationAnswer } from '@serambi/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import type { ConnectedClient } from '../support/livekit-client.ts';
import { isRunning, waitUntilGone } from '../support/processes.ts';
import { aLiveStage, started, untilRecording, untilRunning } from '../support/recordings.ts';
import {
  aLiveSession,
  aSessionModerator,
  auditSeenBy,
  eventually,
  joinRoom,
  problemOf,
  type RoomClient,
  snapshotOf,
} from '../support/room.ts';
import { probeLiveStream, type RtmpServer, startRtmpServer } from '../support/rtmp.ts';
import type { PublishedSyntheticMedia } from '../support/synthetic-media.ts';

const KEY = 'serambi-uji-kunci-9f3a';

/** Saves the session's stream destination as `organizer`; the answer as it came. */
function putDestination(organizer: Caller, sessionSlug: string, body: unknown, language = 'en') {
  return organizer.request(`/api/sessions/${sessionSlug}/stream-destination`, {
    method: 'PUT',
    body,
    headers: { 'Accept-Language': language },
  });
}

async function savedDestination(organizer: Caller, sessionSlug: string, address: string, key = KEY) {
  const response = await putDestination(organizer, sessionSlug, { address, key });
  if (response.status !== 200) throw new Error(`destination: ${response.status} ${await response.text()}`);
  return (await response.json()) as StreamDestinationAnswer;
}

async function streamCall(moderator: RoomClient, action: 'start' | 'stop'): Promise<LiveStream> {
  const response = await moderator.call(`/stream/${action}`);
  if (response.status !== 200) throw new Error(`stream ${action}: ${response.status} ${await response.text()}`);
  return (await response.json()) as LiveStream;
}

/** The next state the moderators are told of (a direct event), after those already seen when `since` was taken. */
function untilStreamState(client: ConnectedClient, state: LiveStreamState, since = 0, timeoutMs = 30_000) {
  return client
    .nextDirect(
      (event) => event.type === 'session.stream' && event.data.state === state && client.direct.indexOf(event) >= since,
      timeoutMs,
    )
    .then((event) => (event as Extract<DirectEvent, { type: 'session.stream' }>).data);
}

describe('streaming the stage to an RTMP server', () => {
  let app: TestApp;
  const clients: ConnectedClient[] = [];
  const media: PublishedSyntheticMedia[] = [];
  const servers: RtmpServer[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const m of media) await m.stop().catch(() => undefined);
    for (const client of clients) await client.disconnect().catch(() => undefined);
    await app?.stop();
    for (const server of servers) await server.dispose();
    await dispose();
  });

  it('pushes the director layout (H.264 1280×720, AAC) while live, tells only the moderators, and stops', async () => {
    const rtmp = await startRtmpServer();
    servers.push(rtmp);
    const stage = await aLiveStage(app, clients, media);
    const saved = await savedDestination(stage.owner, stage.session.slug, `${rtmp.address}/`);
    expect(saved.destination).toMatchObject({ address: rtmp.address, keyEnding: '9f3a' });
    // The key is sealed at rest and never answered again in full.
    const [row] = await app.context.db.select().from(liveStreams).where(eq(liveStreams.sessionId, stage.session.id));
    expect(JSON.stringify(row)).not.toContain(KEY);
    const read = await stage.owner.request(`/api/sessions/${stage.session.slug}/stream-destination`);
    expect(await read.text()).not.toContain(KEY);

    const host = stage.hostClient;
    expect((await streamCall(stage.host, 'start')).state).toBe('connecting');
    const live = await untilStreamState(host, 'live');
    expect(live).toMatchObject({ destinationHost: `127.0.0.1:${rtmp.port}`, keyEnding: '9f3a', reason: null });

    const first = await probeLiveStream(rtmp.playUrl(KEY));
    expect(first.streams.map((s) => `${s.codecType}:${s.codecName}`).sort()).toEqual(['audio:aac', 'video:h264']);
    expect(first.streams.find((s) => s.codecType === 'video')).toMatchObject({ width: 1280, height: 720 });
    const second = await probeLiveStream(rtmp.playUrl(KEY));
    expect(second.videoTime).toBeGreaterThan(first.videoTime);

    // The team sees it in the snapshot and the audit log; the audience sees nothing of it.
    expect((await snapshotOf(stage.host)).liveStream?.state).toBe('live');
    expect((await snapshotOf(stage.viewer)).liveStream).toBeNull();
    expect(stage.audience.direct.filter((event) => event.type === 'session.stream')).toEqual([]);
    const actions = (await auditSeenBy(stage.host)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['stream_start', 'stream_live']));

    const pid = recordingDepsOf(app.context).streaming.supervisor.pidOf(stage.session.id);
    expect(pid).toBeDefined();
    expect((await streamCall(stage.host, 'stop')).state).toBe('stopped');
    await waitUntilGone(pid as number);
    expect(isRunning(pid as number)).toBe(false);
    // Nothing is published under the key any more: a reader waits for a publisher in vain.
    await expect(probeLiveStream(rtmp.playUrl(KEY), 5_000)).rejects.toThrow();
    expect((await auditSeenBy(stage.host)).map((entry) => entry.action)).toContain('stream_stop');
  }, 120_000);

  it('shows a refused destination as failed with the reason, then retrying, and goes live when the server comes; the recording is untouched, also when the server goes away', async () => {
    const port = await freeTcpPort();
    const stage = await aLiveStage(app, clients, media);
    await savedDestination(stage.owner, stage.session.slug, `rtmp://127.0.0.1:${port}/live`);
    const host = stage.hostClient;
    const recording = await started(stage.host);
    await untilRunning(stage.audience, recording.id);

    await streamCall(stage.host, 'start');
    const failed = await untilStreamState(host, 'failed');
    expect(failed.reason).toMatch(/Connection refused/);
    expect(failed.reason).not.toContain(KEY);
    const retrying = await untilStreamState(host, 'retrying');
    expect(retrying.retryInSeconds).toBeGreaterThanOrEqual(2);
    const audit = await auditSeenBy(stage.host);
    expect(audit.find((entry) => entry.action === 'stream_failed')?.detail.reason).toMatch(/Connection refused/);

    // The server comes: a later attempt reaches it.
    const rtmp = await startRtmpServer({ port });
    servers.push(rtmp);
    await untilStreamState(host, 'live', 0, 60_000);
    await probeLiveStream(rtmp.playUrl(KEY));

    // It goes away mid-stream: failed, retrying, while the recording goes on.
    const seenBefore = host.direct.length;
    await rtmp.stop();
    await untilStreamState(host, 'failed', seenBefore);
    await untilStreamState(host, 'retrying', seenBefore);
    expect((await snapshotOf(stage.viewer)).recording).toMatchObject({ id: recording.id, status: 'recording' });

    expect((await stage.host.call('/recording/stop')).status).toBe(204);
    const ready = await untilRecording(
      stage.owner,
      stage.session.slug,
      (r) => r.id === recording.id && r.status === 'ready',
    );
    expect(ready).toMatchObject({ partial: false, failure: null });
    await streamCall(stage.host, 'stop');
  }, 180_000);

  it('lets organizers alone set the destination, refuses what is not rtmp(s) with a host in both languages, and moderators alone start it', async () => {
    const stage = await aLiveSession(app);
    const slug = stage.session.slug;
    for (const address of [
      'http://a.rtmp.youtube.com/live2',
      'rtmp:///live2',
      'rtmp://a.rtmp.youtube.com',
      'ftp://x/y',
      'rtmp://user:pw@host/live',
      'bukan alamat',
    ]) {
      const refused = await problemOf(await putDestination(stage.owner, slug, { address, key: KEY }));
      expect(refused.status, address).toBe(422);
      expect(refused.errors?.[0]).toMatchObject({ path: 'address' });
    }
    const english = await problemOf(
      await putDestination(stage.owner, slug, { address: 'https://youtube.com', key: KEY }),
    );
    const indonesian = await problemOf(
      await putDestination(stage.owner, slug, { address: 'https://youtube.com', key: KEY }, 'id'),
    );
    expect(english.errors?.[0]?.message).toMatch(/starting with rtmp:\/\/ or rtmps:\/\//);
    expect(indonesian.errors?.[0]?.message).toMatch(/diawali rtmp:\/\/ atau rtmps:\/\//);
    expect(
      (await problemOf(await putDestination(stage.owner, slug, { address: 'rtmp://h/live', key: 'dua kata' })))
        .errors?.[0],
    ).toMatchObject({ path: 'key' });
    expect(
      (await problemOf(await putDestination(stage.owner, slug, { address: 'rtmp://h/live' }))).errors?.[0],
    ).toMatchObject({ path: 'key' });

    // Not yet set: the console says so when a moderator starts.
    expect((await problemOf(await stage.host.call('/stream/start'))).code).toBe('stream_no_destination');

    // A moderator of the session who is no organizer may run the stream, not see or set its destination.
    const moderator = await aSessionModerator(app, stage.session.id);
    expect((await putDestination(moderator.caller, slug, { address: 'rtmp://h/live', key: KEY })).status).toBe(403);
    expect((await moderator.caller.request(`/api/sessions/${slug}/stream-destination`)).status).toBe(403);
    await savedDestination(stage.owner, slug, 'rtmps://h.example/live2');
    // Replacing the address keeps the key; removing forgets both.
    const moved = await putDestination(stage.owner, slug, { address: 'rtmp://h.example/app' });
    expect(((await moved.json()) as StreamDestinationAnswer).destination).toMatchObject({
      address: 'rtmp://h.example/app',
      keyEnding: '9f3a',
    });
    const asModerator = await joinRoom(app, slug, { caller: moderator.caller });
    expect((await asModerator.call('/stream', { method: 'GET' })).status).toBe(200);
    // A participant may not.
    const refused = await problemOf(await stage.viewer.call('/stream/start'));
    expect(refused.status).toBe(403);
    expect((await stage.viewer.call('/stream', { method: 'GET' })).status).toBe(403);

    expect((await stage.owner.request(`/api/sessions/${slug}/stream-destination`, { method: 'DELETE' })).status).toBe(
      204,
    );
    const gone = await stage.owner.request(`/api/sessions/${slug}/stream-destination`);
    expect(((await gone.json()) as StreamDestinationAnswer).destination).toBeNull();
    await eventually(async () => (await snapshotOf(stage.host)).liveStream?.destinationHost === null);
  });
});
