import { createHmac, randomBytes } from 'node:crypto';
import { dispose } from '@livekit/rtc-node';
import type { RoomSnapshot } from '@serambi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpConfirmed } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  anAudienceMember,
  aRegistrant,
  aRoomSetup,
  asBot,
  auditSeenBy,
  claimsOf,
  connect,
  eventually,
  joinRoom,
  participantsSeenBy,
  permissionsIn,
  problemOf,
  requestJoin,
} from '../support/room.ts';
import { publishSyntheticMedia } from '../support/synthetic-media.ts';
import { postWebhook, signedWebhook } from '../support/webhooks.ts';

/** An HS256 JWT shaped like a room ticket, signed with a key the server never had. */
function forgedTicket(sessionId: string, identity: string): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sid: sessionId, sub: identity, aud: 'serambi-room', iat: now, exp: now + 3600 })}`;
  return `${head}.${createHmac('sha256', randomBytes(32)).update(head).digest('base64url')}`;
}

function participantEvent(
  name: 'participant_joined' | 'participant_left',
  room: string,
  participant: { identity: string; sid: string },
) {
  return {
    event: name,
    id: `EV_${randomBytes(6).toString('hex')}`,
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { sid: 'RM_test', name: room },
    participant: { ...participant, state: 'ACTIVE' },
  };
}

describe('the room lets nobody do more than their role allows', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
    await dispose();
  });

  it("refuses every moderator endpoint to a participant's ticket, and changes nothing", async () => {
    const { owner, session } = await aRoomSetup(app);
    const host = await joinRoom(app, session.slug, { caller: owner });
    const viewer = await joinRoom(app, session.slug, {
      joinSecret: await aRegistrant(app, owner, session.slug, 'Budi Santoso'),
    });
    const target = host.join.snapshot.me.identity;
    const moderatorOnly: Array<[method: string, path: string, body?: unknown]> = [
      ['POST', '/live'],
      ['POST', '/end'],
      ['PATCH', '/settings', { locked: true }],
      ['GET', '/participants'],
      ['GET', '/audit'],
      ['POST', '/recording/start'],
      ['POST', '/recording/stop'],
      ['POST', `/participants/${target}/mute`, { source: 'microphone' }],
      ...['invite', 'remove-from-stage', 'lower-hand', 'remove', 'ban', 'unban', 'admit', 'deny'].map(
        (action): [string, string] => ['POST', `/participants/${target}/${action}`],
      ),
    ];

    for (const [method, path, body] of moderatorOnly) {
      const problem = await problemOf(await viewer.call(path, { method, body }));
      expect({ method, path, status: problem.status, code: problem.code }).toEqual({
        method,
        path,
        status: 403,
        code: 'room_moderators_only',
      });
    }
    const after = (await (await host.call('', { method: 'GET' })).json()) as RoomSnapshot;
    expect(after.session.status).toBe('scheduled');
    expect(after.settings.locked).toBe(false);
    expect(after.version).toBe(host.join.snapshot.version);
    expect(await auditSeenBy(host)).toEqual([]);
  });

  it('answers 401 room_ticket without a ticket, with a forged one, and with a ticket of another session', async () => {
    const first = await aRoomSetup(app);
    const other = await aRoomSetup(app);
    const viewer = await joinRoom(app, first.session.slug, {
      joinSecret: await aRegistrant(app, first.owner, first.session.slug, 'Budi Santoso'),
    });
    const elsewhere = await joinRoom(app, other.session.slug, { caller: other.owner });
    const roomUrl = `${app.url}/api/sessions/${first.session.slug}/room`;
    const attempts: Record<string, Record<string, string>> = {
      'no ticket': {},
      'not a bearer header': { Authorization: viewer.join.ticket },
      'a forged ticket': {
        Authorization: `Bearer ${forgedTicket(first.session.id, viewer.join.snapshot.me.identity)}`,
      },
      "another session's ticket": { Authorization: `Bearer ${elsewhere.join.ticket}` },
    };

    for (const [what, headers] of Object.entries(attempts)) {
      for (const [method, path] of [
        ['GET', ''],
        ['POST', '/live'],
      ] as const) {
        const problem = await problemOf(await fetch(`${roomUrl}${path}`, { method, headers }));
        expect({ what, path, status: problem.status, code: problem.code }).toEqual({
          what,
          path,
          status: 401,
          code: 'room_ticket',
        });
      }
    }
    expect((await viewer.call('', { method: 'GET' })).status).toBe(200);
  });

  it('gives a participant a hidden, subscribe-only LiveKit token for one identity, one room and at most ten minutes', async () => {
    const { owner, session } = await aRoomSetup(app);
    const host = await joinRoom(app, session.slug, { caller: owner });
    const viewer = await joinRoom(app, session.slug, {
      joinSecret: await aRegistrant(app, owner, session.slug, 'Budi Santoso'),
    });

    for (const [who, join, room, publisher] of [
      ['participant', viewer.join, session.id, false],
      ['moderator', host.join, `${session.id}-backstage`, true],
    ] as const) {
      const claims = claimsOf(join.livekit?.token ?? '');
      expect(claims.sub, who).toBe(join.snapshot.me.identity);
      expect(claims.video, who).toEqual({
        room,
        roomJoin: true,
        canSubscribe: true,
        canPublish: publisher,
        canPublishData: false,
        canPublishSources: publisher ? ['camera', 'microphone', 'screen_share', 'screen_share_audio'] : [],
        canUpdateOwnMetadata: false,
        hidden: !publisher,
      });
      const lifetime = Number(claims.exp) - Number(claims.nbf);
      expect(lifetime, who).toBeGreaterThan(0);
      expect(lifetime, who).toBeLessThanOrEqual(10 * 60);
      expect(Number(claims.exp) * 1000, who).toBeGreaterThan(Date.now());
    }

    // LiveKit enforces it: the audience is hidden, cannot send data and cannot publish.
    const audience = await connect(viewer.join);
    expect(await permissionsIn(app, session.id, viewer.join.snapshot.me.identity)).toMatchObject({
      canPublish: false,
      canPublishData: false,
      canSubscribe: true,
      hidden: true,
    });
    await expect(
      publishSyntheticMedia(asBot(audience, 'viewer'), { audio: { frequencyHz: 440, sampleRate: 48_000 } }),
    ).rejects.toThrow();
    await audience.disconnect();
  });

  it('refuses webhooks signed with another secret or with a tampered body, and handles a replayed one once', async () => {
    const { owner, session } = await aRoomSetup(app);
    const host = await joinRoom(app, session.slug, { caller: owner });
    const viewer = await joinRoom(app, session.slug, {
      joinSecret: await aRegistrant(app, owner, session.slug, 'Budi Santoso'),
    });
    const identity = viewer.join.snapshot.me.identity;
    const connectedNow = async () => (await participantsSeenBy(host)).find((p) => p.identity === identity)?.connected;
    const delivered = async (id: string) =>
      app.context.db.query.liveKitWebhookDeliveries.findMany({ where: (d, { eq }) => eq(d.id, id) });

    const forgedJoin = participantEvent('participant_joined', session.id, { identity, sid: 'PA_forged' });
    const wrongSecret = await signedWebhook(app, forgedJoin, randomBytes(32).toString('base64url'));
    expect((await postWebhook(app, wrongSecret)).status).toBe(401);
    const genuine = await signedWebhook(app, forgedJoin);
    const tampered = { ...genuine, body: genuine.body.replace('PA_forged', 'PA_tampered') };
    expect((await postWebhook(app, tampered)).status).toBe(401);
    expect(await delivered(forgedJoin.id)).toEqual([]);
    expect(await connectedNow()).toBe(false);

    // A genuine join then leave; replaying the join afterwards must not bring them back.
    const joined = await signedWebhook(
      app,
      participantEvent('participant_joined', session.id, { identity, sid: 'PA_first' }),
    );
    expect((await postWebhook(app, joined)).status).toBe(204);
    expect(await connectedNow()).toBe(true);
    const left = await signedWebhook(
      app,
      participantEvent('participant_left', session.id, { identity, sid: 'PA_first' }),
    );
    expect((await postWebhook(app, left)).status).toBe(204);
    expect(await connectedNow()).toBe(false);

    expect((await postWebhook(app, joined)).status).toBe(204);
    expect(await connectedNow()).toBe(false);
    expect(await delivered(JSON.parse(joined.body).id)).toHaveLength(1);
  });

  it('turns away registrants who cancelled, wait on the list, or hold a link of another session', async () => {
    const { owner, session } = await aRoomSetup(app, { capacity: 1 });
    const seated = await aRegistrant(app, owner, session.slug, 'Budi Santoso');
    const waiting = await aRegistrant(app, owner, session.slug, 'Sari Dewi');
    const other = await aRoomSetup(app);
    const otherLink = await aRegistrant(app, other.owner, other.session.slug, 'Rudi Hartono');

    expect(await problemOf(await requestJoin(app, session.slug, { joinSecret: waiting }))).toMatchObject({
      status: 409,
      code: 'room_waitlisted',
    });
    const cancelled = await fetch(`${app.url}/api/registrations/${seated}/cancel`, {
      method: 'POST',
      headers: { Origin: app.url },
    });
    expect(cancelled.status).toBeLessThan(300);
    expect(await problemOf(await requestJoin(app, session.slug, { joinSecret: seated }))).toMatchObject({
      status: 409,
      code: 'room_registration_cancelled',
    });
    expect(await problemOf(await requestJoin(app, session.slug, { joinSecret: otherLink }))).toMatchObject({
      status: 404,
      code: 'link_invalid',
    });
  });

  it('asks anonymous people to sign in or use their link, and signed-in strangers of a public session to register', async () => {
    const { session } = await aRoomSetup(app);
    expect(await problemOf(await requestJoin(app, session.slug, {}))).toMatchObject({ status: 401 });
    const stranger = await signUpConfirmed(app, { name: 'Wayan Sudarma' });
    expect(await problemOf(await requestJoin(app, session.slug, { caller: stranger }))).toMatchObject({
      status: 409,
      code: 'room_not_registered',
    });
  });

  it('cannot invite someone to the stage who has left, and says who', async () => {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const budi = await anAudienceMember(app, setup, host, 'Budi Santoso');
    await budi.client.disconnect();
    await eventually(async () => {
      const row = (await participantsSeenBy(host)).find((p) => p.identity === budi.identity);
      return row && !row.connected;
    });

    const problem = await problemOf(await host.call(`/participants/${budi.identity}/invite`));
    expect(problem).toMatchObject({ status: 409, code: 'room_participant_left' });
    expect(problem.detail).toContain('Budi Santoso');
  });

  it('stops one person from flooding the room with hand changes, and says how long to wait', async () => {
    const setup = await aRoomSetup(app);
    const secret = await aRegistrant(app, setup.owner, setup.session.slug, 'Sari Dewi');
    const sari = await joinRoom(app, setup.session.slug, { joinSecret: secret });
    const answers: number[] = [];
    for (let i = 0; i < 7; i++) answers.push((await sari.call('/hand', { body: { raised: i % 2 === 0 } })).status);
    expect(answers.slice(0, 6)).toEqual([204, 204, 204, 204, 204, 204]);
    const problem = await problemOf(await sari.call('/hand', { body: { raised: true } }));
    expect(problem).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(problem.detail).toMatch(/\d+/);
    // The limit is per person: someone else in the same room is not held back.
    const other = await joinRoom(app, setup.session.slug, {
      joinSecret: await aRegistrant(app, setup.owner, setup.session.slug, 'Wayan Sudarma'),
    });
    expect((await other.call('/hand', { body: { raised: true } })).status).toBe(204);
  });
});
