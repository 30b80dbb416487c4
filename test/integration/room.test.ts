import { dispose, TrackKind } from '@livekit/rtc-node';
import type { ParticipantPage, RoomSnapshot } from '@serambi/shared';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { aRegistrant, aRoomSetup, asBot, connect, eventually, joinRoom, permissionsIn } from '../support/room.ts';
import { publishSyntheticMedia } from '../support/synthetic-media.ts';

describe('the live room over a real LiveKit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
    await dispose();
  });

  it('takes a participant from the waiting screen to the stage and back, with consent', async () => {
    const { owner, session } = await aRoomSetup(app);
    const secret = await aRegistrant(app, owner, session.slug, 'Budi Santoso');

    const host = await joinRoom(app, session.slug, { caller: owner });
    expect(host.join.snapshot.me.role).toBe('moderator');
    expect(host.join.livekit?.room).toBe('backstage');

    const viewer = await joinRoom(app, session.slug, { joinSecret: secret });
    expect(viewer.join.snapshot.me).toMatchObject({ role: 'participant', name: 'Budi Santoso', stage: 'none' });
    expect(viewer.join.livekit?.room).toBe('stage');
    const audience = await connect(viewer.join);

    expect((await host.call('/live')).status).toBe(204);
    await audience.nextEvent((e) => e.type === 'session.status' && e.data.status === 'live');

    const hostOnStage = await joinRoom(app, session.slug, { caller: owner });
    expect(hostOnStage.join.livekit?.room).toBe('stage');
    const speaker = await connect(hostOnStage.join);
    const speakerMedia = await publishSyntheticMedia(asBot(speaker, 'host'), {
      video: { width: 320, height: 180, fps: 10 },
    });
    await eventually(async () =>
      [...audience.room.remoteParticipants.values()].some((p) =>
        [...p.trackPublications.values()].some((t) => t.kind === TrackKind.KIND_VIDEO && t.track),
      ),
    );

    // A participant's token cannot publish.
    await expect(
      publishSyntheticMedia(asBot(audience, 'viewer'), { audio: { frequencyHz: 440, sampleRate: 48_000 } }),
    ).rejects.toThrow();

    const present = await eventually(async () => {
      const page = (await (await host.call('/participants', { method: 'GET' })).json()) as ParticipantPage;
      return page.participants.find((p) => p.name === 'Budi Santoso' && p.connected);
    });

    expect((await viewer.call('/hand', { body: { raised: true } })).status).toBe(204);
    await audience.nextEvent((e) => e.type === 'hand.raised');
    expect((await host.call(`/participants/${present.identity}/invite`)).status).toBe(204);
    await audience.nextEvent((e) => e.type === 'stage.invited');
    expect((await viewer.call('/stage/answer', { body: { accept: true } })).status).toBe(204);
    const granted = await permissionsIn(app, session.id, present.identity);
    expect(granted).toMatchObject({ canPublish: true, canSubscribe: true, canPublishData: false, hidden: false });
    const guestMedia = await publishSyntheticMedia(asBot(audience, 'viewer'), {
      audio: { frequencyHz: 440, sampleRate: 48_000 },
    });
    expect(guestMedia.audioTrackSid).toBeTruthy();

    expect((await host.call(`/participants/${present.identity}/remove-from-stage`)).status).toBe(204);
    expect(await permissionsIn(app, session.id, present.identity)).toMatchObject({ canPublish: false, hidden: true });
    // LiveKit unpublished the guest's track when the grant was revoked.
    await eventually(async () => {
      const { tracks } = await new RoomServiceClient(
        app.liveKit.url.replace(/^ws/, 'http'),
        app.liveKit.apiKey,
        app.liveKit.apiSecret,
      ).getParticipant(session.id, present.identity);
      return tracks.length === 0;
    });
    const after = (await (await viewer.call('', { method: 'GET' })).json()) as RoomSnapshot;
    expect(after.me.stage).toBe('none');
    expect(after.version).toBeGreaterThan(viewer.join.snapshot.version);

    await speakerMedia.stop();
    await speaker.disconnect();
    await audience.disconnect();
  });
});
