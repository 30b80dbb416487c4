import { dispose } from '@livekit/rtc-node';
import type { AuditAction, RoomSnapshot } from '@serambi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpConfirmed } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  anAudienceMember,
  aRegistrant,
  aRoomSetup,
  asBot,
  auditSeenBy,
  connectWithToken,
  eventually,
  joinLobby,
  joinRoom,
  participantsSeenBy,
  problemOf,
  type RoomClient,
  requestJoin,
  roomService,
  untilDisconnected,
} from '../support/room.ts';
import { publishSyntheticMedia } from '../support/synthetic-media.ts';

/** The audit log has this moderator's `action` on `target` (or on nobody in particular). */
async function expectAudited(host: RoomClient, action: AuditAction, target: { identity: string; name: string } | null) {
  const { identity, name } = host.join.snapshot.me;
  expect(await auditSeenBy(host)).toContainEqual(
    expect.objectContaining({
      action,
      actor: { identity, name },
      target: target && { identity: target.identity, name: target.name },
    }),
  );
}

describe('moderators keep the room in order', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
    await dispose();
  });

  it('disconnects a banned participant, refuses their joins, and removes them again when an old token gets them back in', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const budi = await anAudienceMember(app, setup, host, 'Budi Santoso');
    const oldToken = budi.member.join.livekit;
    if (!oldToken) throw new Error('Budi had somewhere to connect');

    expect((await host.call(`/participants/${budi.identity}/ban`)).status).toBe(204);
    await untilDisconnected(budi.client);
    expect(await problemOf(await requestJoin(app, setup.session.slug, { joinSecret: budi.secret }))).toMatchObject({
      status: 403,
      code: 'room_banned',
    });
    await expectAudited(host, 'ban', { identity: budi.identity, name: 'Budi Santoso' });

    // The token of his earlier join is still valid for LiveKit: the participant_joined webhook throws him out.
    const sneakedIn = await connectWithToken(oldToken.url, oldToken.token);
    const seenConnected: boolean[] = [];
    const watch = async () => {
      const row = (await participantsSeenBy(host)).find((p) => p.identity === budi.identity);
      seenConnected.push(row?.connected ?? false);
      return row;
    };
    await untilDisconnected(sneakedIn);
    // Waiting for an absence: watch the list and LiveKit for a bounded time.
    const until = Date.now() + 2_000;
    while (Date.now() < until) {
      await watch();
      const inLiveKit = await roomService(app).listParticipants(setup.session.id);
      expect(inLiveKit.map((p) => p.identity)).not.toContain(budi.identity);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(seenConnected.length).toBeGreaterThan(3);
    expect(seenConnected).not.toContain(true);
    expect((await participantsSeenBy(host)).find((p) => p.identity === budi.identity)?.banned).toBe(true);

    // Lifting the ban lets him in again.
    expect((await host.call(`/participants/${budi.identity}/unban`)).status).toBe(204);
    expect((await requestJoin(app, setup.session.slug, { joinSecret: budi.secret })).status).toBe(200);
    await expectAudited(host, 'unban', { identity: budi.identity, name: 'Budi Santoso' });
  });

  it('removes a participant without a ban, who may then come back', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const sari = await anAudienceMember(app, setup, host, 'Sari Dewi');

    expect((await host.call(`/participants/${sari.identity}/remove`)).status).toBe(204);
    await untilDisconnected(sari.client);
    await expectAudited(host, 'remove', { identity: sari.identity, name: 'Sari Dewi' });

    const back = await joinRoom(app, setup.session.slug, { joinSecret: sari.secret });
    expect(back.join.livekit?.room).toBe('stage');
    const again = await connectWithToken(back.join.livekit?.url ?? '', back.join.livekit?.token ?? '');
    await eventually(async () =>
      (await participantsSeenBy(host)).some((p) => p.identity === sari.identity && p.connected),
    );
    await again.disconnect();
  });

  it("mutes a stage guest's microphone in LiveKit and tells the room", async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const budi = await anAudienceMember(app, setup, host, 'Budi Santoso');
    expect((await host.call(`/participants/${budi.identity}/invite`)).status).toBe(204);
    expect((await budi.member.call('/stage/answer', { body: { accept: true } })).status).toBe(204);
    const media = await publishSyntheticMedia(asBot(budi.client, budi.identity), {
      audio: { frequencyHz: 440, sampleRate: 48_000 },
    });
    const microphone = async () =>
      (await roomService(app).getParticipant(setup.session.id, budi.identity)).tracks.find(
        (t) => t.sid === media.audioTrackSid,
      );
    expect((await eventually(microphone))?.muted).toBe(false);

    expect((await host.call(`/participants/${budi.identity}/mute`, { body: { source: 'microphone' } })).status).toBe(
      204,
    );
    await eventually(async () => (await microphone())?.muted);
    const muted = await budi.client.nextEvent((e) => e.type === 'participant.muted');
    expect(muted.data).toEqual({ identity: budi.identity, source: 'microphone' });
    await expectAudited(host, 'mute', { identity: budi.identity, name: 'Budi Santoso' });

    // Nothing to mute: a camera he never turned on.
    expect(
      await problemOf(await host.call(`/participants/${budi.identity}/mute`, { body: { source: 'camera' } })),
    ).toMatchObject({ status: 409, code: 'room_no_track' });

    expect((await host.call(`/participants/${budi.identity}/remove-from-stage`)).status).toBe(204);
    await expectAudited(host, 'remove_from_stage', { identity: budi.identity, name: 'Budi Santoso' });
    await media.stop();
    await budi.client.disconnect();
  });

  it('keeps newcomers out of a locked room while people who were already in come back', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const budi = await anAudienceMember(app, setup, host, 'Budi Santoso');
    await budi.client.disconnect();
    const newcomer = await aRegistrant(app, setup.owner, setup.session.slug, 'Sari Dewi');

    const locked = await host.call('/settings', { method: 'PATCH', body: { locked: true } });
    expect(locked.status).toBe(200);
    expect(await locked.json()).toMatchObject({ locked: true });
    await expectAudited(host, 'settings', null);

    expect(await problemOf(await requestJoin(app, setup.session.slug, { joinSecret: newcomer }))).toMatchObject({
      status: 403,
      code: 'room_locked',
    });
    const back = await joinRoom(app, setup.session.slug, { joinSecret: budi.secret });
    expect(back.join.livekit?.room).toBe('stage');
  });

  it('answers a settings change that changes nothing with the settings as they are, and records nothing', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const before = await (await host.call('/settings', { method: 'PATCH', body: { stageGuestLimit: 2 } })).json();

    const unchanged = await host.call('/settings', { method: 'PATCH', body: {} });
    expect(unchanged.status).toBe(200);
    expect(await unchanged.json()).toEqual(before);
    expect((await auditSeenBy(host)).filter((entry) => entry.action === 'settings')).toHaveLength(1);
  });

  it('refuses a second stage invitation when the guest limit is one', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    expect((await host.call('/settings', { method: 'PATCH', body: { stageGuestLimit: 1 } })).status).toBe(200);
    const [budi, sari] = [
      await anAudienceMember(app, setup, host, 'Budi Santoso'),
      await anAudienceMember(app, setup, host, 'Sari Dewi'),
    ];
    expect((await sari.member.call('/hand', { body: { raised: true } })).status).toBe(204);

    expect((await host.call(`/participants/${budi.identity}/invite`)).status).toBe(204);
    await expectAudited(host, 'invite', { identity: budi.identity, name: 'Budi Santoso' });
    expect(await problemOf(await host.call(`/participants/${sari.identity}/invite`))).toMatchObject({
      status: 409,
      code: 'room_stage_full',
    });
    const snapshot = (await (await host.call('', { method: 'GET' })).json()) as RoomSnapshot;
    expect(snapshot.guests.map((g) => g.name)).toEqual(['Budi Santoso']);

    // The moderator answers Sari another way and lowers her hand.
    expect((await host.call(`/participants/${sari.identity}/lower-hand`)).status).toBe(204);
    await sari.client.nextEvent((e) => e.type === 'hand.lowered' && e.data.identity === sari.identity);
    await expectAudited(host, 'lower_hand', { identity: sari.identity, name: 'Sari Dewi' });
    await budi.client.disconnect();
    await sari.client.disconnect();
  });

  it('lets a moderator admit or deny people waiting in the lobby of a private session', async () => {
    const setup = await aRoomSetup(app, { visibility: 'private' });
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const wayan = await signUpConfirmed(app, { name: 'Wayan Sudarma' });
    const made = await signUpConfirmed(app, { name: 'Made Wirawan' });

    const waiting = await joinLobby(app, setup.session.slug, { caller: wayan });
    expect(waiting.join.livekit).toBeNull();
    expect(waiting.join.snapshot.me.admission).toBe('pending');
    const other = await joinLobby(app, setup.session.slug, { caller: made });
    const lobby = ((await (await host.call('', { method: 'GET' })).json()) as RoomSnapshot).lobby;
    expect(lobby.map((entry) => entry.name)).toEqual(['Wayan Sudarma', 'Made Wirawan']);
    // Only moderators see who waits: the people waiting see no list at all.
    expect(waiting.join.snapshot).not.toHaveProperty('lobby');

    const wayanIdentity = waiting.join.snapshot.me.identity;
    const madeIdentity = other.join.snapshot.me.identity;
    expect((await host.call(`/participants/${wayanIdentity}/admit`)).status).toBe(204);
    expect((await host.call(`/participants/${madeIdentity}/deny`)).status).toBe(204);

    const admitted = await joinRoom(app, setup.session.slug, { caller: wayan });
    expect(admitted.join.snapshot.me.admission).toBe('admitted');
    expect(admitted.join.livekit?.room).toBe('stage');
    expect(await problemOf(await requestJoin(app, setup.session.slug, { caller: made }))).toMatchObject({
      status: 403,
      code: 'room_denied',
    });
    await expectAudited(host, 'admit', { identity: wayanIdentity, name: 'Wayan Sudarma' });
    await expectAudited(host, 'deny', { identity: madeIdentity, name: 'Made Wirawan' });
    expect(((await (await host.call('', { method: 'GET' })).json()) as RoomSnapshot).lobby).toEqual([]);
  });
});
