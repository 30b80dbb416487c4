import { dispose } from '@livekit/rtc-node';
import type { ParticipantPage } from '@serambi/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { aRegistrant, aRoomSetup, connect, eventually, joinRoom } from '../support/room.ts';

describe('a server restart during a live session', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await dispose();
  });

  it('keeps the session live, the stage and the hands; clients join again and get the same room', async () => {
    const databaseUrl = await createTestDatabase();
    const first = await startTestApp({ databaseUrl });
    apps.push(first);
    const { owner, session } = await aRoomSetup(first);
    const guestSecret = await aRegistrant(first, owner, session.slug, 'Budi Santoso');
    const waitingSecret = await aRegistrant(first, owner, session.slug, 'Sari Dewi');

    const host = await joinRoom(first, session.slug, { caller: owner });
    expect((await host.call('/live')).status).toBe(204);
    const guest = await joinRoom(first, session.slug, { joinSecret: guestSecret });
    const waiting = await joinRoom(first, session.slug, { joinSecret: waitingSecret });
    const guestClient = await connect(guest.join);
    const waitingClient = await connect(waiting.join);
    const guestIdentity = guest.join.snapshot.me.identity;
    await eventually(async () => {
      const page = (await (await host.call('/participants', { method: 'GET' })).json()) as ParticipantPage;
      return page.participants.filter((p) => p.connected).length === 2;
    });
    expect((await waiting.call('/hand', { body: { raised: true } })).status).toBe(204);
    expect((await host.call(`/participants/${guestIdentity}/invite`)).status).toBe(204);
    expect((await guest.call('/stage/answer', { body: { accept: true } })).status).toBe(204);
    const before = (await (await host.call('', { method: 'GET' })).json()) as { version: number };

    // The server goes away (and its local LiveKit with it), then comes back on the same database.
    await guestClient.disconnect();
    await waitingClient.disconnect();
    await first.stop();
    apps.splice(apps.indexOf(first), 1);
    const second = await startTestApp({ databaseUrl });
    apps.push(second);

    const guestAgain = await joinRoom(second, session.slug, { joinSecret: guestSecret });
    expect(guestAgain.join.snapshot.session.status).toBe('live');
    expect(guestAgain.join.snapshot.me.stage).toBe('on_stage');
    expect(guestAgain.join.snapshot.version).toBe(before.version);
    expect(guestAgain.join.snapshot.hands.map((h) => h.name)).toEqual(['Sari Dewi']);
    expect(guestAgain.join.livekit?.room).toBe('stage');
    // The guest is back on stage with publishing rights in the new LiveKit's room.
    const reconnected = await connect(guestAgain.join);
    const token = JSON.parse(Buffer.from(guestAgain.join.livekit?.token.split('.')[1] ?? '', 'base64url').toString());
    expect(token.video).toMatchObject({ canPublish: true, canPublishData: false, room: session.id });
    await reconnected.disconnect();
  });
});
