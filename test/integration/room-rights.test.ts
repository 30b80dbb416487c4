import { dispose } from '@livekit/rtc-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  aCoOrganizer,
  anAudienceMember,
  aRoomSetup,
  aSessionModerator,
  asBot,
  type ConnectedClient,
  claimsOf,
  connect,
  connectWithToken,
  joinLobby,
  joinRoom,
  permissionsIn,
  problemOf,
  type RoomClient,
  roomService,
  snapshotOf,
  untilDisconnected,
} from '../support/room.ts';
import { publishSyntheticMedia } from '../support/synthetic-media.ts';

/** How long LiveKit and the server get to stop a track published with a right that was taken away. */
const REVOCATION_WAIT_MS = 2_000;

/**
 * Tries to publish a microphone track and says how it was stopped: refused at once, or
 * unpublished by LiveKit (its `track_unpublished` webhook reaching the server) within the bounded
 * wait, which fails the test if neither happens.
 */
async function publishingStopped(
  app: TestApp,
  client: ConnectedClient,
  identity: string,
): Promise<'refused' | 'unpublished'> {
  let timer: NodeJS.Timeout | undefined;
  let stopListening = () => {};
  const unpublished = new Promise<void>((resolve, reject) => {
    stopListening = app.context.liveKitEvents.on('track_unpublished', (event) => {
      if (event.participant?.identity === identity) resolve();
    });
    timer = setTimeout(
      () => reject(new Error(`${identity}'s track was still published ${REVOCATION_WAIT_MS} ms later`)),
      REVOCATION_WAIT_MS,
    );
  });
  unpublished.catch(() => undefined);
  try {
    const media = await publishSyntheticMedia(asBot(client, identity), {
      audio: { frequencyHz: 440, sampleRate: 48_000 },
    }).catch(() => null);
    if (!media) return 'refused';
    await unpublished;
    await media.stop().catch(() => undefined);
    return 'unpublished';
  } finally {
    clearTimeout(timer);
    stopListening();
  }
}

/** The LiveKit token of a join, which a client can keep and use again later. */
function keptToken(client: RoomClient) {
  const livekit = client.join.livekit;
  if (!livekit) throw new Error(`${client.join.snapshot.me.name} had nowhere to connect`);
  return livekit;
}

describe('losing a right in the room takes effect at once', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
    await dispose();
  });

  it('a guest taken off the stage cannot publish again with the token they got while on it', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const budi = await anAudienceMember(app, setup, host, 'Budi Santoso');
    expect((await host.call(`/participants/${budi.identity}/invite`)).status).toBe(204);
    expect((await budi.member.call('/stage/answer', { body: { accept: true } })).status).toBe(204);
    // Entering again while on stage hands out a publisher's token: he keeps it.
    const onStage = keptToken(await joinRoom(app, setup.session.slug, { joinSecret: budi.secret }));
    expect(claimsOf(onStage.token).video).toMatchObject({ canPublish: true, hidden: false });

    expect((await host.call(`/participants/${budi.identity}/remove-from-stage`)).status).toBe(204);
    await budi.client.disconnect();
    const back = await connectWithToken(onStage.url, onStage.token);

    expect(['refused', 'unpublished']).toContain(await publishingStopped(app, back, budi.identity));
    const inLiveKit = await roomService(app).getParticipant(setup.session.id, budi.identity);
    expect(inLiveKit.tracks).toEqual([]);
    expect(await permissionsIn(app, setup.session.id, budi.identity)).toMatchObject({
      canPublish: false,
      hidden: true,
    });
    await back.disconnect();
  });

  it('a removed participant’s ticket and LiveKit token stop working until they enter again', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const sari = await anAudienceMember(app, setup, host, 'Sari Dewi');
    const kept = keptToken(sari.member);

    expect((await host.call(`/participants/${sari.identity}/remove`)).status).toBe(204);
    await untilDisconnected(sari.client);
    expect(await problemOf(await sari.member.call('/hand', { body: { raised: true } }))).toMatchObject({
      status: 403,
      code: 'room_removed',
    });
    expect(await problemOf(await sari.member.call('', { method: 'GET' }))).toMatchObject({
      status: 403,
      code: 'room_removed',
    });
    const sneakedIn = await connectWithToken(kept.url, kept.token);
    await untilDisconnected(sneakedIn);

    // Removal is not a ban: entering again through the door brings her back, with a ticket that works.
    const back = await joinRoom(app, setup.session.slug, { joinSecret: sari.secret });
    expect((await back.call('/hand', { body: { raised: true } })).status).toBe(204);
    const again = await connect(back.join);
    expect(again.room.isConnected).toBe(true);
    await again.disconnect();
  });

  it('a registrant who cancels keeps neither their ticket nor a way back into LiveKit with their token', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const rudi = await anAudienceMember(app, setup, host, 'Rudi Hartono');
    const kept = keptToken(rudi.member);

    const cancelled = await fetch(`${app.url}/api/registrations/${rudi.secret}/cancel`, {
      method: 'POST',
      headers: { Origin: app.url },
    });
    expect(cancelled.status).toBe(200);
    expect(
      await problemOf(await rudi.member.call('/questions', { body: { text: 'Masih boleh tanya?' } })),
    ).toMatchObject({ status: 403, code: 'room_registration_cancelled' });
    await rudi.client.disconnect();
    await untilDisconnected(await connectWithToken(kept.url, kept.token));
  });

  it('a moderator removed from the session loses the room’s moderation at once, ticket and connection', async () => {
    const setup = await aRoomSetup(app);
    const { caller, personId } = await aSessionModerator(app, setup.session.id);
    const moderator = await joinRoom(app, setup.session.slug, { caller });
    expect(moderator.join.snapshot.me.role).toBe('moderator');
    const backstage = await connect(moderator.join);
    expect((await moderator.call('/participants', { method: 'GET' })).status).toBe(200);

    const removed = await setup.owner.request(`/api/sessions/${setup.session.slug}/people/${personId}`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);

    await untilDisconnected(backstage);
    expect(
      await problemOf(await moderator.call('/settings', { method: 'PATCH', body: { locked: true } })),
    ).toMatchObject({ status: 401, code: 'room_ticket' });
    const kept = keptToken(moderator);
    await untilDisconnected(await connectWithToken(kept.url, kept.token));
    const owner = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    expect((await snapshotOf(owner)).settings.locked).toBe(false);
  });

  it('a co-organizer removed from the community loses the room’s moderation at once, ticket and connection', async () => {
    const setup = await aRoomSetup(app);
    const { caller, userId } = await aCoOrganizer(app, setup.community.slug);
    const moderator = await joinRoom(app, setup.session.slug, { caller });
    expect(moderator.join.snapshot.me.role).toBe('moderator');
    const backstage = await connect(moderator.join);
    expect((await moderator.call('/audit', { method: 'GET' })).status).toBe(200);

    const removed = await setup.owner.request(`/api/communities/${setup.community.slug}/members/${userId}`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);

    await untilDisconnected(backstage);
    expect(await problemOf(await moderator.call('/live'))).toMatchObject({ status: 401, code: 'room_ticket' });
    const kept = keptToken(moderator);
    await untilDisconnected(await connectWithToken(kept.url, kept.token));
    const owner = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    expect((await snapshotOf(owner)).session.status).toBe('scheduled');
  });

  it('a co-organizer removed from the community who enters a private session again waits in its lobby', async () => {
    const setup = await aRoomSetup(app, { visibility: 'private' });
    const { caller, userId } = await aCoOrganizer(app, setup.community.slug);
    const before = await joinRoom(app, setup.session.slug, { caller });
    expect(before.join.snapshot.me.admission).toBe('admitted');
    const removed = await setup.owner.request(`/api/communities/${setup.community.slug}/members/${userId}`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);

    const again = await joinLobby(app, setup.session.slug, { caller });
    expect(again.join.snapshot.me).toMatchObject({ identity: before.join.snapshot.me.identity, admission: 'pending' });
    expect(again.join.livekit).toBeNull();
  });
});
