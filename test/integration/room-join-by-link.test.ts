import { dispose } from '@livekit/rtc-node';
import type { JoinRoomResult } from '@serambi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { aRegistrant, aRoomSetup, joinRoom, problemOf } from '../support/room.ts';

/** `POST /api/room/join` with a personal link's secret and nothing else, as a phone opening its link does. */
function requestJoinByLink(app: TestApp, joinSecret: string) {
  return fetch(`${app.url}/api/room/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: app.url },
    body: JSON.stringify({ joinSecret }),
  });
}

describe('entering the room by a personal link alone', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
    await dispose();
  });

  it('lets the registrant into the session their link is for, as the same person joining by the session would be', async () => {
    const { owner, session } = await aRoomSetup(app);
    const secret = await aRegistrant(app, owner, session.slug, 'Budi Santoso');

    const response = await requestJoinByLink(app, secret);
    expect(response.status).toBe(200);
    const byLink = (await response.json()) as JoinRoomResult;
    const bySession = (await joinRoom(app, session.slug, { joinSecret: secret })).join;
    expect(byLink.snapshot.session.slug).toBe(session.slug);
    expect(byLink.snapshot.me).toMatchObject({ role: 'participant', name: 'Budi Santoso' });
    expect(byLink.snapshot.me.identity).toBe(bySession.snapshot.me.identity);
    expect(byLink.livekit?.room).toBe('stage');
    expect(byLink.livekit?.room).toBe(bySession.livekit?.room);
  });

  it('turns away by link whom joining by the session turns away: the waitlisted, the cancelled, the banned', async () => {
    const { owner, session } = await aRoomSetup(app, { capacity: 1 });
    const seated = await aRegistrant(app, owner, session.slug, 'Budi Santoso');
    const waiting = await aRegistrant(app, owner, session.slug, 'Sari Dewi');
    expect(await problemOf(await requestJoinByLink(app, waiting))).toMatchObject({
      status: 409,
      code: 'room_waitlisted',
    });

    const host = await joinRoom(app, session.slug, { caller: owner });
    const budi = await joinRoom(app, session.slug, { joinSecret: seated });
    expect((await host.call(`/participants/${budi.join.snapshot.me.identity}/ban`)).status).toBe(204);
    expect(await problemOf(await requestJoinByLink(app, seated))).toMatchObject({ status: 403, code: 'room_banned' });

    const cancelled = await fetch(`${app.url}/api/registrations/${seated}/cancel`, {
      method: 'POST',
      headers: { Origin: app.url },
    });
    expect(cancelled.status).toBeLessThan(300);
    expect(await problemOf(await requestJoinByLink(app, seated))).toMatchObject({
      status: 409,
      code: 'room_registration_cancelled',
    });
  });

  it('answers a link nobody holds with 404 and a cut-off one with 422, each saying what to do', async () => {
    const unknown = await problemOf(await requestJoinByLink(app, 'a'.repeat(43)));
    expect(unknown).toMatchObject({ status: 404, code: 'link_invalid' });
    expect(unknown.detail).toMatch(/\w/);
    expect(await problemOf(await requestJoinByLink(app, 'abc'))).toMatchObject({ status: 422, code: 'validation' });
  });
});
