import { dispose, type RemoteParticipant, RoomEvent, TrackSource } from '@livekit/rtc-node';
import type { WhipKey } from '@serambi/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { readVideoFrames, waitForTrack } from '../support/bots.ts';
import { launchBrowser } from '../support/browser.ts';
import {
  aRegistrant,
  aRoomSetup,
  aSessionModerator,
  aSpeaker,
  asBot,
  auditSeenBy,
  type ConnectedClient,
  claimsOf,
  connect,
  eventually,
  joinRoom,
  problemOf,
  type RoomClient,
  roomService,
} from '../support/room.ts';
import { aWhipPublisher, postOffer, type WhipPublisher } from '../support/whip-client.ts';

/**
 * OBS as a speaker: a Chromium page does OBS's WHIP exchange (H.264 + Opus, the whole offer in
 * one POST with the stream key as a Bearer) against Serambi's origin; an rtc-node audience
 * member receives it; the moderator's mute reaches it; revoking the key or removing the speaker
 * stops it, and the old key is refused afterwards, through Serambi and straight at LiveKit.
 */
describe('OBS as a speaker through WHIP', () => {
  let app: TestApp;
  let browser: Browser;
  let host: RoomClient;
  let speaker: RoomClient;
  let viewer: ConnectedClient;
  let obs: WhipPublisher;
  let key: WhipKey;
  let stage: string;
  /** Where LiveKit (through Serambi) said OBS's WHIP resource is. */
  let location = '';
  let setup: Awaited<ReturnType<typeof aRoomSetup>>;

  /** Publishes through WHIP with `key` and waits until the media flows. */
  const publishWith = async (publisher: WhipPublisher, url: string, bearer: string) => {
    const answer = await postOffer(url, bearer, await publisher.offer());
    if (answer.status !== 201) throw new Error(`WHIP POST: ${answer.status} ${answer.body}`);
    await publisher.answer(answer.body);
    return answer;
  };

  /** Resolves when the viewer sees `identity` leave the room. */
  const untilLeft = (identity: string, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      if (!viewer.room.remoteParticipants.has(identity)) return resolve();
      const timer = setTimeout(() => reject(new Error(`${identity} still in the room`)), timeoutMs);
      const onLeft = (participant: RemoteParticipant) => {
        if (participant.identity !== identity) return;
        clearTimeout(timer);
        viewer.room.off(RoomEvent.ParticipantDisconnected, onLeft);
        resolve();
      };
      viewer.room.on(RoomEvent.ParticipantDisconnected, onLeft);
    });

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    setup = await aRoomSetup(app);
    const speakerAccount = await aSpeaker(app, setup.session.id);
    const backstage = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const live = await backstage.call('/live');
    if (live.status !== 204) throw new Error(`live: ${live.status}`);
    host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    speaker = await joinRoom(app, setup.session.slug, { caller: speakerAccount });
    const secret = await aRegistrant(app, setup.owner, setup.session.slug, 'Budi Santoso');
    viewer = await connect((await joinRoom(app, setup.session.slug, { joinSecret: secret })).join);
    stage = setup.session.id;
    const issued = await speaker.call('/whip-key', { body: { as: 'camera' } });
    if (issued.status !== 200) throw new Error(`whip key: ${issued.status} ${await issued.text()}`);
    key = (await issued.json()) as WhipKey;
    obs = await aWhipPublisher(browser, app.url);
  });

  afterAll(async () => {
    await obs?.close();
    await browser?.close();
    await viewer?.disconnect();
    await app?.stop();
    await dispose();
  });

  it('the key is for Serambi’s own origin and may only publish, as the speaker’s OBS', () => {
    expect(key.url).toBe(`${app.context.config.publicUrl}/whip/v1`);
    const claims = claimsOf(key.key) as {
      sub: string;
      attributes: Record<string, string>;
      video: Record<string, unknown>;
    };
    expect(claims.sub).toBe(`${speaker.join.snapshot.me.identity}#obs1`);
    expect(claims.attributes).toMatchObject({ obsFor: speaker.join.snapshot.me.identity, obsAs: 'camera' });
    expect(claims.video).toMatchObject({
      room: stage,
      roomJoin: true,
      canPublish: true,
      canSubscribe: false,
      canPublishData: false,
      canPublishSources: ['camera', 'microphone'],
    });
    expect(claims.video.roomAdmin).toBeUndefined();
  });

  it('what OBS sends through Serambi reaches the audience as H.264 and Opus, untouched', async () => {
    const answer = await publishWith(obs, key.url, key.key);
    // A path on Serambi's origin: OBS's DELETE and PATCH come back through it.
    expect(answer.location).toMatch(/^\/whip\/v1\/PA_\w+$/);
    location = answer.location ?? '';
    expect(answer.contentType).toBe('application/sdp');
    const track = await waitForTrack(asBot(viewer, 'viewer'), 'video', { fromIdentity: key.identity });
    const frames = await readVideoFrames(track, 5);
    expect(frames[0]?.frame.width).toBe(640);
    await waitForTrack(asBot(viewer, 'viewer'), 'audio', { fromIdentity: key.identity });
    expect(await obs.negotiatedCodecs()).toEqual(['audio/opus', 'video/H264']);
    const seen = await roomService(app).getParticipant(stage, key.identity);
    expect(seen.tracks.map((t) => [t.source, t.mimeType]).sort()).toEqual([
      [TrackSource.SOURCE_CAMERA, 'video/H264'],
      [TrackSource.SOURCE_MICROPHONE, 'audio/opus'],
    ]);
    expect(seen.attributes).toMatchObject({ obsFor: speaker.join.snapshot.me.identity, role: 'speaker' });
  });

  it('the moderator’s mute of the speaker’s camera and microphone mutes what OBS sends', async () => {
    const speakerIdentity = speaker.join.snapshot.me.identity;
    for (const source of ['camera', 'microphone'] as const) {
      const muted = await host.call(`/participants/${speakerIdentity}/mute`, { body: { source } });
      expect(muted.status).toBe(204);
    }
    const tracks = await eventually(async () => {
      const { tracks } = await roomService(app).getParticipant(stage, key.identity);
      return tracks.every((t) => t.muted) && tracks;
    });
    expect(tracks).toHaveLength(2);
  });

  it('a request without a key, with a made-up key or with a browser’s token is refused with a clear problem', async () => {
    const offer = 'v=0\r\n';
    const none = await fetch(key.url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: offer });
    expect(await problemOf(none)).toMatchObject({ status: 401, code: 'whip_key_missing' });
    const madeUp = await postOffer(key.url, `${key.key.slice(0, -4)}AAAA`, offer);
    expect(madeUp.status).toBe(401);
    expect(JSON.parse(madeUp.body)).toMatchObject({ code: 'whip_key_invalid' });
    const browsersToken = host.join.livekit?.token ?? '';
    const notObs = await postOffer(key.url, browsersToken, offer);
    expect(JSON.parse(notObs.body)).toMatchObject({ code: 'whip_key_not_obs' });
    const wrongType = await fetch(key.url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${key.key}` },
      body: offer,
    });
    expect(await problemOf(wrongType)).toMatchObject({ status: 415, code: 'whip_content_type' });
  });

  it('OBS’s Stop Streaming (DELETE on the resource it was given) ends its connection through Serambi', async () => {
    expect(location).toMatch(/^\/whip\/v1\//);
    const left = untilLeft(key.identity);
    const stopped = await fetch(new URL(location, key.url), {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${key.key}` },
    });
    expect(stopped.status).toBe(200);
    await left;
    // Streaming again, for what follows.
    await publishWith(obs, key.url, key.key);
    await waitForTrack(asBot(viewer, 'viewer'), 'video', { fromIdentity: key.identity });
  });

  it('revoking the key disconnects OBS, and the old key is refused through Serambi and removed when taken straight to LiveKit', async () => {
    const left = untilLeft(key.identity);
    expect((await speaker.call('/whip-key', { method: 'DELETE' })).status).toBe(204);
    await left;

    const again = await postOffer(key.url, key.key, await obs.offer());
    expect(again.status).toBe(403);
    expect(JSON.parse(again.body)).toMatchObject({ code: 'whip_key_revoked' });

    // Past Serambi, at LiveKit's own port: LiveKit accepts the token (it is valid until it
    // expires), and the participant_joined webhook removes the connection again.
    const joined = new Promise<void>((resolve) => {
      const onJoined = (participant: RemoteParticipant) => {
        if (participant.identity !== key.identity) return;
        viewer.room.off(RoomEvent.ParticipantConnected, onJoined);
        resolve();
      };
      viewer.room.on(RoomEvent.ParticipantConnected, onJoined);
    });
    const direct = await postOffer(`${app.liveKit.url.replace(/^ws/, 'http')}/whip/v1`, key.key, await obs.offer());
    expect(direct.status).toBe(201);
    await obs.answer(direct.body);
    await joined;
    await untilLeft(key.identity);

    const audit = await auditSeenBy(host);
    expect(audit.map((entry) => [entry.action, entry.detail.reason ?? null])).toEqual(
      expect.arrayContaining([
        ['whip_key_issue', null],
        ['whip_key_revoke', 'holder'],
      ]),
    );
  });

  it('removing the speaker disconnects their OBS and ends their key', async () => {
    const issued = await speaker.call('/whip-key', { body: { as: 'screen_share' } });
    const second = (await issued.json()) as WhipKey;
    expect(second.identity).toBe(`${speaker.join.snapshot.me.identity}#obs2`);
    await publishWith(obs, second.url, second.key);
    await waitForTrack(asBot(viewer, 'viewer'), 'video', { fromIdentity: second.identity });

    const left = untilLeft(second.identity);
    const removed = await host.call(`/participants/${speaker.join.snapshot.me.identity}/remove`);
    expect(removed.status).toBe(204);
    await left;
    const again = await postOffer(second.url, second.key, await obs.offer());
    expect(JSON.parse(again.body)).toMatchObject({ code: 'whip_key_revoked' });
  });

  it('taking a moderator’s role away disconnects their OBS and ends their key', async () => {
    const { caller, personId } = await aSessionModerator(app, setup.session.id);
    const moderator = await joinRoom(app, setup.session.slug, { caller });
    const issued = await moderator.call('/whip-key', { body: { as: 'camera' } });
    const theirs = (await issued.json()) as WhipKey;
    await publishWith(obs, theirs.url, theirs.key);
    await waitForTrack(asBot(viewer, 'viewer'), 'video', { fromIdentity: theirs.identity });

    const left = untilLeft(theirs.identity);
    const removed = await setup.owner.request(`/api/sessions/${setup.session.slug}/people/${personId}`, {
      method: 'DELETE',
    });
    expect(removed.status).toBeLessThan(300);
    await left;
    const again = await postOffer(theirs.url, theirs.key, await obs.offer());
    expect(JSON.parse(again.body)).toMatchObject({ code: 'whip_key_revoked' });
    const audit = await auditSeenBy(host);
    expect(audit.find((entry) => entry.target?.identity === moderator.join.snapshot.me.identity)).toMatchObject({
      action: 'whip_key_revoke',
      detail: { reason: 'role_lost' },
    });
  });
});
