import { dispose, TrackKind } from '@livekit/rtc-node';
import type { ParticipantPage, RoomSnapshot } from '@serambi/shared';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  anAudienceMember,
  aRegistrant,
  aRoomSetup,
  asBot,
  auditSeenBy,
  connect,
  eventually,
  joinRoom,
  permissionsIn,
  problemOf,
  roomService,
  snapshotOf,
} from '../support/room.ts';
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

  it('lets a stage guest step down by themselves: publishing is revoked, their track unpublished, and the room told', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    expect((await host.call('/live')).status).toBe(204);
    const budi = await anAudienceMember(app, setup, host, 'Budi Santoso');
    const sari = await anAudienceMember(app, setup, host, 'Sari Dewi');

    // Only someone on the stage can leave it, and only with their own ticket.
    expect(await problemOf(await budi.member.call('/stage/leave'))).toMatchObject({
      status: 409,
      code: 'room_not_on_stage',
    });
    const unticketed = await fetch(`${app.url}/api/sessions/${setup.session.slug}/room/stage/leave`, {
      method: 'POST',
    });
    expect(await problemOf(unticketed)).toMatchObject({ status: 401, code: 'room_ticket' });

    expect((await host.call(`/participants/${budi.identity}/invite`)).status).toBe(204);
    expect((await budi.member.call('/stage/answer', { body: { accept: true } })).status).toBe(204);
    const media = await publishSyntheticMedia(asBot(budi.client, budi.identity), {
      audio: { frequencyHz: 440, sampleRate: 48_000 },
    });
    const tracksOfBudi = async () => (await roomService(app).getParticipant(setup.session.id, budi.identity)).tracks;
    await eventually(async () => (await tracksOfBudi()).length === 1);

    expect((await budi.member.call('/stage/leave')).status).toBe(204);

    const left = await sari.client.nextEvent((e) => e.type === 'stage.left' && e.data.identity === budi.identity);
    expect(left.data).toEqual({ identity: budi.identity, reason: 'left' });
    // Back in the audience: hidden, watching, not publishing; LiveKit took his microphone down.
    expect(await permissionsIn(app, setup.session.id, budi.identity)).toMatchObject({
      canPublish: false,
      canSubscribe: true,
      hidden: true,
    });
    await eventually(async () => (await tracksOfBudi()).length === 0);
    expect(budi.client.room.isConnected).toBe(true);
    const seen = await snapshotOf(budi.member);
    expect(seen.me.stage).toBe('none');
    expect(seen.guests).toEqual([]);
    expect(seen.version).toBeGreaterThanOrEqual(left.v);
    // Stepping down is his own choice, not a moderation action; a second time there is nothing to leave.
    expect((await auditSeenBy(host)).map((entry) => entry.action)).not.toContain('remove_from_stage');
    expect(await problemOf(await budi.member.call('/stage/leave'))).toMatchObject({
      status: 409,
      code: 'room_not_on_stage',
    });

    await media.stop();
    await budi.client.disconnect();
    await sari.client.disconnect();
  });
});
