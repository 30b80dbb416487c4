import { dispose } from '@livekit/rtc-node';
import type { Problem } from '@serambi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { isRunning } from '../support/processes.ts';
import { aRegistrant, aRoomSetup, connect, eventually, joinRoom, requestJoin } from '../support/room.ts';

describe('when the media server goes down during a live session', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
    await dispose();
  });

  it('answers joins with a clear 503, loses nothing, and lets everyone back in once LiveKit is up again', async () => {
    const { owner, session } = await aRoomSetup(app);
    const secret = await aRegistrant(app, owner, session.slug, 'Budi Santoso');
    const host = await joinRoom(app, session.slug, { caller: owner });
    expect((await host.call('/live')).status).toBe(204);
    const viewer = await joinRoom(app, session.slug, { joinSecret: secret });
    const client = await connect(viewer.join);
    expect((await viewer.call('/hand', { body: { raised: true } })).status).toBe(204);

    const crashed = app.liveKitPid;
    if (crashed === undefined) throw new Error('the test app runs no local LiveKit');
    process.kill(crashed, 'SIGKILL');
    await eventually(async () => !isRunning(crashed));

    const refused = await fetch(`${app.url}/api/sessions/${session.slug}/room/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
      body: JSON.stringify({ joinSecret: secret }),
    });
    expect(refused.status).toBe(503);
    const problem = (await refused.json()) as Problem;
    expect(problem.code).toBe('livekit_unavailable');
    expect(problem.detail).toMatch(/media server cannot be reached/i);

    // Serambi starts its LiveKit again; the same person gets back in, with the room as it was.
    const back = await eventually(async () => {
      const response = await requestJoin(app, session.slug, { joinSecret: secret });
      return response.status === 200 ? response : undefined;
    }, 20_000);
    // The supervisor records the new process once it answers its health check.
    await eventually(async () => app.liveKitPid !== crashed);
    const rejoined = (await back.json()) as Awaited<ReturnType<typeof joinRoom>>['join'];
    expect(rejoined.snapshot.session.status).toBe('live');
    expect(rejoined.snapshot.hands.map((hand) => hand.name)).toEqual(['Budi Santoso']);
    const again = await connect(rejoined);
    await again.disconnect();
    await client.disconnect().catch(() => undefined);
  });
});
