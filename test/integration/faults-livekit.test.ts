import { dispose } from '@livekit/rtc-node';
import type { JoinRoomResult } from '@serambi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { isRunning } from '../support/processes.ts';
import { ask, nextQuestion, vote, votesKnownBy } from '../support/qa.ts';
import { aLiveSession, type ConnectedClient, connect, eventually, inTheRoom, requestJoin } from '../support/room.ts';

describe('when the media server goes down while people use Q&A', () => {
  let app: TestApp;
  const clients: ConnectedClient[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const client of clients) await client.disconnect().catch(() => undefined);
    await app?.stop();
    await dispose();
  });

  it('stores questions and votes sent meanwhile, and whoever reconnects sees them and the events after', async () => {
    const { session, secret, host, viewer } = await aLiveSession(app);
    const first = await connect(viewer.join);
    clients.push(first);
    const before = await ask(viewer, 'Bagaimana memulai usaha kecil?');

    const crashed = app.liveKitPid;
    if (crashed === undefined) throw new Error('the test app runs no local LiveKit');
    process.kill(crashed, 'SIGKILL');
    await eventually(async () => !isRunning(crashed));

    // Q&A lives in the database: it is taken and answered while nobody can be told over LiveKit.
    const during = await ask(viewer, 'Apakah ada rekamannya?');
    expect((await vote(host, during.id)).votes).toBe(1);
    expect((await vote(host, before.id)).votes).toBe(1);

    // Once Serambi's LiveKit is back, a reconnecting viewer gets the room as it is now.
    const back = await eventually(async () => {
      const response = await requestJoin(app, session.slug, { joinSecret: secret });
      return response.status === 200 ? inTheRoom((await response.json()) as JoinRoomResult) : undefined;
    }, 30_000);
    const questions = back.snapshot.qa.questions.map(({ text, votes }) => ({ text, votes }));
    expect(questions).toEqual(
      expect.arrayContaining([
        { text: 'Bagaimana memulai usaha kecil?', votes: 1 },
        { text: 'Apakah ada rekamannya?', votes: 1 },
      ]),
    );
    // As a page reload does: the old connection goes (it would otherwise reconnect by itself
    // under the same identity, and LiveKit keeps only one of the two).
    await first.disconnect();
    const again = await connect(back);
    clients.push(again);

    // Broadcasts go on: a question and a vote after the outage reach the reconnected viewer.
    const after = await ask(host, 'Siapa yang sudah punya toko daring?');
    expect((await nextQuestion(again, after.id)).text).toBe('Siapa yang sudah punya toko daring?');
    await vote(viewer, after.id);
    await eventually(async () => votesKnownBy(again).get(after.id) === 1, 15_000);
  }, 60_000);
});
