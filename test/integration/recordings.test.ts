import { randomUUID } from 'node:crypto';
import { dispose } from '@livekit/rtc-node';
import { recordingDepsOf } from '@serambi/server/recordings/deps.ts';
import { maintainRecordings } from '@serambi/server/recordings/retention.ts';
import { recordings } from '@serambi/server/recordings/schema.ts';
import { recordingKeys } from '@serambi/server/recordings/store.ts';
import type { RoomRecording } from '@serambi/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { anonymous, type Caller, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ask, moderate } from '../support/qa.ts';
import { probeRecording } from '../support/recording-probe.ts';
import {
  aLiveStage,
  recordingsSeenBy,
  replayAt,
  started,
  untilRecording,
  untilRunning,
} from '../support/recordings.ts';
import {
  aLiveSession,
  aRegistrant,
  aRoomSetup,
  auditSeenBy,
  type ConnectedClient,
  eventually,
  joinRoom,
  problemOf,
  snapshotOf,
} from '../support/room.ts';
import type { PublishedSyntheticMedia } from '../support/synthetic-media.ts';
import { postWebhook, signedWebhook } from '../support/webhooks.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('recording the stage with the built-in recorder', () => {
  let app: TestApp;
  const clients: ConnectedClient[] = [];
  const media: PublishedSyntheticMedia[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const m of media) await m.stop().catch(() => undefined);
    for (const client of clients) await client.disconnect().catch(() => undefined);
    await app?.stop();
    await dispose();
  });

  it('records, tells everyone, finishes the file, and replays it with a chapter per pinned question', async () => {
    const stage = await aLiveStage(app, clients, media);
    expect(stage.viewer.join.snapshot).toMatchObject({ recording: null, recordingNotice: false });

    const recording = await started(stage.host);
    expect(recording.status).toBe('starting');
    // Starting twice does not record twice.
    expect((await started(stage.host)).id).toBe(recording.id);
    await untilRunning(stage.audience, recording.id);
    const seen = await snapshotOf(stage.viewer);
    expect(seen.recording?.id).toBe(recording.id);
    expect(seen.recordingNotice).toBe(true);

    await sleep(2_000);
    const question = await ask(stage.viewer, 'Bagaimana memulai usaha digital dari nol?');
    await moderate(stage.host, question.id, 'pin');
    const pinnedAt = Date.now();
    await sleep(3_000);
    expect((await stage.host.call('/recording/stop')).status).toBe(204);
    await stage.audience.nextEvent((e) => e.type === 'session.recording' && e.data.recording === null, 30_000);

    const ready = await untilRecording(stage.owner, stage.session.slug, (r) => r.status === 'ready');
    expect(ready).toMatchObject({
      part: 1,
      partial: false,
      failure: null,
      backend: 'builtin',
      startedBy: 'Ayu Lestari',
    });
    expect(ready.durationMs).toBeGreaterThan(4_000);
    expect(ready.durationMs).toBeLessThan(20_000);
    expect(ready.sizeBytes).toBeGreaterThan(10_000);
    expect(ready.posterUrl).not.toBeNull();

    // The finished file: H.264 and AAC, its index at the front (faststart).
    const file = await app.context.recordingStore.scratchPath(recordingKeys(seen.session.id, recording.id).media);
    const probed = await probeRecording(file);
    expect(probed.streams.map((s) => `${s.codecType}:${s.codecName}`).sort()).toEqual(['audio:aac', 'video:h264']);
    const head = Buffer.from(
      await (await fetch(`${app.url}${ready.mediaUrl}`, { headers: { Range: 'bytes=0-65535' } })).arrayBuffer(),
    );
    expect(head.indexOf('moov')).toBeGreaterThan(0);
    expect(head.indexOf('moov')).toBeLessThan(
      head.indexOf('mdat') === -1 ? Number.POSITIVE_INFINITY : head.indexOf('mdat'),
    );

    // The registrant's personal link plays it, with the pinned question as a chapter at its time.
    const replay = await replayAt(app.url, `/api/registrations/${stage.secret}/replay`);
    expect(replay.state).toBe('available');
    const [part] = replay.parts;
    expect(part?.downloadUrl).toBeNull();
    expect(part?.chapters).toHaveLength(1);
    const chapter = part?.chapters[0];
    expect(chapter?.title).toBe('Bagaimana memulai usaha digital dari nol?');
    const expectedAt = (pinnedAt - Date.parse(seen.recording?.startedAt ?? '')) / 1000;
    expect(Math.abs((chapter?.at ?? 0) - expectedAt)).toBeLessThan(2);

    // Seeking: a byte range, the end of the file, and what is outside it.
    const size = ready.sizeBytes ?? 0;
    const ranged = await fetch(`${app.url}${part?.mediaUrl}`, { headers: { Range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);
    const tail = await fetch(`${app.url}${part?.mediaUrl}`, { headers: { Range: 'bytes=-10' } });
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    const beyond = await fetch(`${app.url}${part?.mediaUrl}`, { headers: { Range: `bytes=${size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);
    const whole = await fetch(`${app.url}${part?.mediaUrl}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Number(whole.headers.get('content-length'))).toBe(size);
    await whole.body?.cancel();

    // A signed address is for one recording and one purpose.
    const forged = part?.mediaUrl.replace(/token=\d+\./, 'token=9999999999.') ?? '';
    expect((await problemOf(await fetch(`${app.url}${forged}`))).code).toBe('media_link');
    const asDownload = part?.mediaUrl.replace('/media?', '/download?') ?? '';
    expect((await fetch(`${app.url}${asDownload}`)).status).toBe(403);
    const download = await fetch(`${app.url}${ready.downloadUrl}`, { headers: { Range: 'bytes=0-9' } });
    expect(download.headers.get('content-disposition')).toContain(`${stage.session.slug}-part-1.mp4`);
    await download.body?.cancel();
  });

  it('lets the replay access decide who watches; organizers always may and alone download', async () => {
    const stage = await aLiveStage(app, clients, media);
    const recording = await started(stage.host);
    await untilRunning(stage.audience, recording.id);
    await sleep(2_000);
    expect((await stage.host.call('/recording/stop')).status).toBe(204);
    await untilRecording(stage.owner, stage.session.slug, (r) => r.status === 'ready');

    const publicPath = `/api/sessions/${stage.session.slug}/replay`;
    const linkPath = `/api/registrations/${stage.secret}/replay`;
    // Registrants only (the default): a stranger is asked to sign in; the organizer may download.
    expect((await replayAt(app.url, publicPath)).state).toBe('sign_in');
    const organizerReplay = await replayAt(app.url, publicPath, stage.owner.cookie ?? undefined);
    expect(organizerReplay.parts[0]?.downloadUrl).toMatch(/\/download\?token=/);

    const setAccess = async (owner: Caller, body: object) => {
      const response = await owner.request(`/api/sessions/${stage.session.slug}/recordings/settings`, {
        method: 'PATCH',
        body,
      });
      expect(response.status).toBe(200);
    };
    await setAccess(stage.owner, { replayAccess: 'public' });
    const open = await replayAt(app.url, publicPath);
    expect(open.state).toBe('available');
    expect(open.parts[0]?.downloadUrl).toBeNull();

    await setAccess(stage.owner, { replayAccess: 'organizers' });
    expect(await replayAt(app.url, linkPath)).toMatchObject({ state: 'organizers_only', parts: [] });
    expect((await replayAt(app.url, publicPath, stage.owner.cookie ?? undefined)).state).toBe('available');

    // Settings are the organizers' alone, and a session outside a series has no series setting.
    const stranger = anonymous(app.url);
    expect((await stranger.request(`/api/sessions/${stage.session.slug}/recordings`)).status).toBe(401);
    const notSeries = await stage.owner.request(`/api/sessions/${stage.session.slug}/recordings/settings`, {
      method: 'PATCH',
      body: { seriesAutoRecord: true },
    });
    expect(notSeries.status).toBe(422);
  });

  it('a recorder killed mid-way leaves a partial recording that plays, and a new recording can start', async () => {
    const stage = await aLiveStage(app, clients, media);
    const recording = await started(stage.host);
    await untilRunning(stage.audience, recording.id);
    await sleep(5_000);
    const pid = recordingDepsOf(app.context).supervisor.pidOf(recording.id);
    expect(pid).toBeGreaterThan(0);
    // The whole group: the recorder and its ffmpeg die at once, as on a crash or an OOM kill.
    process.kill(-(pid ?? 0), 'SIGKILL');

    await stage.audience.nextEvent((e) => e.type === 'session.recording' && e.data.recording === null, 30_000);
    const failed = await untilRecording(
      stage.owner,
      stage.session.slug,
      (r) => r.id === recording.id && r.status === 'failed' && r.mediaUrl !== null,
    );
    expect(failed).toMatchObject({ partial: true, failure: 'recorder_crashed' });
    // Fragments of two seconds: most of the five recorded seconds survive.
    expect(failed.durationMs).toBeGreaterThan(1_500);
    const replay = await replayAt(app.url, `/api/registrations/${stage.secret}/replay`);
    expect(replay.parts[0]).toMatchObject({ id: recording.id, partial: true });

    // The live session goes on, and the moderator records again.
    expect((await snapshotOf(stage.viewer)).session.status).toBe('live');
    const again = await started(stage.host);
    expect(again.id).not.toBe(recording.id);
    await untilRunning(stage.audience, again.id);
    expect((await stage.host.call('/recording/stop')).status).toBe(204);
    const second = await untilRecording(
      stage.owner,
      stage.session.slug,
      (r) => r.id === again.id && r.status === 'ready',
    );
    expect(second.part).toBe(2);
  });

  it('records by itself when the session goes live, says so before anyone enters, and stops at the end', async () => {
    const { owner, session } = await aRoomSetup(app);
    const settings = await owner.request(`/api/sessions/${session.slug}/recordings/settings`, {
      method: 'PATCH',
      body: { autoRecord: true },
    });
    expect(settings.status).toBe(200);
    const secret = await aRegistrant(app, owner, session.slug, 'Sari Dewi');
    const viewer = await joinRoom(app, session.slug, { joinSecret: secret });
    // The consent notice, before the session is live and before anything records.
    expect(viewer.join.snapshot).toMatchObject({ recording: null, recordingNotice: true });

    const host = await joinRoom(app, session.slug, { caller: owner });
    expect((await host.call('/live')).status).toBe(204);
    // It started by itself; it is running once the recorder wrote its first frame.
    const running = await eventually(async () => {
      const { recording } = await snapshotOf(viewer);
      return recording?.status === 'recording' ? recording : undefined;
    }, 30_000);
    const audit = await host.call('/audit', { method: 'GET' });
    expect(((await audit.json()) as { action: string }[]).some((e) => e.action === 'recording_start')).toBe(false);

    await sleep(2_000);
    expect((await host.call('/end')).status).toBe(204);
    const done = await untilRecording(
      owner,
      session.slug,
      (r) => r.id === running.id && (r.status === 'ready' || r.status === 'failed'),
      60_000,
    );
    expect(done.status).toBe('ready');
    expect(done.endedAt).not.toBeNull();
  });

  it('lets an organizer record from the session’s page and delete the finished recording, files and all', async () => {
    const stage = await aLiveStage(app, clients, media);
    const recordingsPath = `/api/sessions/${stage.session.slug}/recordings`;
    const stranger = await signUp(app.url, { name: 'Putu Ayu' });
    const nobody = anonymous(app.url);
    expect((await stranger.request(`${recordingsPath}/start`, { method: 'POST' })).status).toBe(403);
    expect((await nobody.request(`${recordingsPath}/start`, { method: 'POST' })).status).toBe(401);
    expect((await recordingsSeenBy(stage.owner, stage.session.slug)).recordings).toEqual([]);

    const start = await stage.owner.request(`${recordingsPath}/start`, { method: 'POST' });
    expect(start.status).toBe(200);
    const recording = (await start.json()) as RoomRecording;
    await untilRunning(stage.audience, recording.id);
    // The moderators' log names the organizer who started it, though they never entered the room.
    expect(await auditSeenBy(stage.host)).toContainEqual(
      expect.objectContaining({
        action: 'recording_start',
        actor: { identity: stage.host.join.snapshot.me.identity, name: 'Ayu Lestari' },
      }),
    );
    const running = await stage.owner.request(`${recordingsPath}/${recording.id}`, { method: 'DELETE' });
    expect(await problemOf(running)).toMatchObject({ status: 409, code: 'recording_running' });

    expect((await stage.owner.request(`${recordingsPath}/stop`, { method: 'POST' })).status).toBe(204);
    await stage.audience.nextEvent((e) => e.type === 'session.recording' && e.data.recording === null, 30_000);
    const ready = await untilRecording(stage.owner, stage.session.slug, (r) => r.status === 'ready');
    expect(ready).toMatchObject({ id: recording.id, startedBy: 'Ayu Lestari' });
    const files = recordingKeys(stage.host.join.snapshot.session.id, recording.id);
    expect(await app.context.recordingStore.size(files.media)).toBeGreaterThan(0);
    expect(await app.context.recordingStore.size(files.poster)).toBeGreaterThan(0);

    // Only the community's organizers delete, and only a recording of this session.
    const deleteAs = (caller: Caller, id: string) => caller.request(`${recordingsPath}/${id}`, { method: 'DELETE' });
    expect((await deleteAs(stranger, recording.id)).status).toBe(403);
    expect((await deleteAs(nobody, recording.id)).status).toBe(401);
    expect(await problemOf(await deleteAs(stage.owner, randomUUID()))).toMatchObject({
      status: 404,
      code: 'recording_not_found',
    });
    expect((await recordingsSeenBy(stage.owner, stage.session.slug)).recordings.map((r) => r.id)).toEqual([
      recording.id,
    ]);

    expect((await deleteAs(stage.owner, recording.id)).status).toBe(204);
    expect((await recordingsSeenBy(stage.owner, stage.session.slug)).recordings).toEqual([]);
    expect(await app.context.recordingStore.size(files.media)).toBeNull();
    expect(await app.context.recordingStore.size(files.poster)).toBeNull();
    expect((await fetch(`${app.url}${ready.mediaUrl}`)).status).toBe(404);
    expect((await replayAt(app.url, `/api/registrations/${stage.secret}/replay`)).state).toBe('none');
  });

  it('retention deletes recordings past their community’s days, and the replay says they expired', async () => {
    const stage = await aLiveStage(app, clients, media);
    const recording = await started(stage.host);
    await untilRunning(stage.audience, recording.id);
    await sleep(1_500);
    expect((await stage.host.call('/recording/stop')).status).toBe(204);
    await untilRecording(stage.owner, stage.session.slug, (r) => r.status === 'ready');

    const retention = await stage.owner.request(`/api/communities/${stage.community.slug}/recording-retention`, {
      method: 'PATCH',
      body: { retentionDays: 30 },
    });
    expect(retention.status).toBe(200);
    const kept = (await recordingsSeenBy(stage.owner, stage.session.slug)).recordings[0];
    expect(Date.parse(kept?.expiresAt ?? '') - Date.parse(kept?.startedAt ?? '')).toBeGreaterThan(29 * 86_400_000);

    // Thirty days later, as far as this recording knows.
    await app.context.db
      .update(recordings)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(recordings.id, recording.id));
    await maintainRecordings(recordingDepsOf(app.context));
    const expired = (await recordingsSeenBy(stage.owner, stage.session.slug)).recordings[0];
    expect(expired).toMatchObject({ status: 'expired', mediaUrl: null });
    const file = await app.context.recordingStore.size(
      recordingKeys(stage.host.join.snapshot.session.id, recording.id).media,
    );
    expect(file).toBeNull();
    expect((await replayAt(app.url, `/api/registrations/${stage.secret}/replay`)).state).toBe('expired');
  });
});

describe('recording faults that must not touch the live session', () => {
  it('without ffmpeg, starting answers a clear 503 and the session stays live', async () => {
    const app = await startTestApp({ env: { FFMPEG_PATH: '/nonexistent/ffmpeg' } });
    try {
      const stage = await aLiveSession(app);
      const response = await stage.host.call('/recording/start');
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ status: 503, code: 'ffmpeg_missing' });
      expect(problem.detail).toContain('ffmpeg');
      expect((await snapshotOf(stage.viewer)).session.status).toBe('live');
      expect((await recordingsSeenBy(stage.owner, stage.session.slug)).recordings).toEqual([]);
    } finally {
      await app.stop();
    }
  });

  it('with too little free disk, starting answers 507 and nothing records', async () => {
    const app = await startTestApp({ env: { RECORDING_MIN_FREE_MB: String(1024 * 1024 * 1024) } });
    try {
      const stage = await aLiveSession(app);
      const problem = await problemOf(await stage.host.call('/recording/start'));
      expect(problem).toMatchObject({ status: 507, code: 'insufficient_storage' });
      expect((await snapshotOf(stage.viewer)).recording).toBeNull();
    } finally {
      await app.stop();
    }
  });
});

describe('recording with LiveKit Egress (RECORDING_BACKEND=egress)', () => {
  const liveKit = inject('liveKit');
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: {
        RECORDING_BACKEND: 'egress',
        LIVEKIT_URL: liveKit.url,
        LIVEKIT_API_KEY: liveKit.apiKey,
        LIVEKIT_API_SECRET: liveKit.apiSecret,
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers 503 when the deployment runs no egress, and marks that recording failed', async () => {
    const { owner, session } = await aRoomSetup(app);
    const host = await joinRoom(app, session.slug, { caller: owner });
    expect((await host.call('/live')).status).toBe(204);
    const problem = await problemOf(await host.call('/recording/start'));
    expect(problem).toMatchObject({ status: 503, code: 'egress_unavailable' });
    const [failed] = (await recordingsSeenBy(owner, session.slug)).recordings;
    expect(failed).toMatchObject({ status: 'failed', failure: 'egress_failed', backend: 'egress', mediaUrl: null });
    expect((await snapshotOf(host)).recording).toBeNull();
  });

  it('moves a recording along as egress webhooks arrive, once each', async () => {
    const { owner, session } = await aRoomSetup(app);
    const host = await joinRoom(app, session.slug, { caller: owner });
    expect((await host.call('/live')).status).toBe(204);
    const sessionId = host.join.snapshot.session.id;
    const egressId = `EG_${Math.random().toString(36).slice(2, 10)}`;
    // What a successful start leaves behind (no egress service runs on this machine).
    await app.context.db
      .insert(recordings)
      .values({ sessionId, part: 1, backend: 'egress', egressId, startedAt: new Date() });
    const egressEvent = (event: string, status: string, extra: object = {}) => ({
      id: `EV_${Math.random().toString(36).slice(2, 10)}`,
      event,
      createdAt: String(Math.floor(Date.now() / 1000)),
      egressInfo: { egressId, roomName: sessionId, status, ...extra },
    });

    const active = await signedWebhook(app, egressEvent('egress_updated', 'EGRESS_ACTIVE'));
    expect((await postWebhook(app, active)).status).toBe(204);
    expect((await snapshotOf(host)).recording?.status).toBe('recording');

    const ended = await signedWebhook(
      app,
      egressEvent('egress_ended', 'EGRESS_COMPLETE', {
        fileResults: [
          {
            filename: 'replay.mp4',
            duration: String(95n * 1_000_000_000n),
            size: '7340032',
            location: 's3://bucket/replay.mp4',
          },
        ],
      }),
    );
    expect((await postWebhook(app, ended)).status).toBe(204);
    // A replayed delivery changes nothing.
    expect((await postWebhook(app, ended)).status).toBe(204);
    const [ready] = (await recordingsSeenBy(owner, session.slug)).recordings;
    expect(ready).toMatchObject({ status: 'ready', durationMs: 95_000, sizeBytes: 7_340_032, backend: 'egress' });
    expect((await snapshotOf(host)).recording).toBeNull();

    // A failed egress is failed, not ready.
    const otherId = `EG_${Math.random().toString(36).slice(2, 10)}`;
    await app.context.db
      .insert(recordings)
      .values({ sessionId, part: 2, backend: 'egress', egressId: otherId, startedAt: new Date(), status: 'recording' });
    const failedEvent = egressEvent('egress_ended', 'EGRESS_FAILED', { error: 'upload failed' });
    failedEvent.egressInfo.egressId = otherId;
    expect((await postWebhook(app, await signedWebhook(app, failedEvent))).status).toBe(204);
    const all = (await recordingsSeenBy(owner, session.slug)).recordings;
    expect(all.find((r) => r.part === 2)).toMatchObject({ status: 'failed', failure: 'egress_failed' });
  });
});
