import { dispose } from '@livekit/rtc-node';
import { openDatabase } from '@serambi/server/db/client.ts';
import { jobs } from '@serambi/server/jobs/schema.ts';
import { liveKitWebhookDeliveries } from '@serambi/server/livekit/schema.ts';
import type { Health, Problem } from '@serambi/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase, type PrivatePostgres, startPrivatePostgres } from '../support/postgres.ts';
import { ask, nextQuestion, vote } from '../support/qa.ts';
import { aLiveSession, type ConnectedClient, connect, eventually, snapshotOf } from '../support/room.ts';
import { postWebhook, signedWebhook } from '../support/webhooks.ts';

/** A self-registration as a visitor sends it, answered in English. */
function registerVisitor(app: TestApp, sessionSlug: string, name: string) {
  return fetch(`${app.url}/api/sessions/${sessionSlug}/registrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en', Origin: app.url },
    body: JSON.stringify({
      name,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.id`,
      answers: {},
      locale: 'en',
    }),
  });
}

async function expectDatabaseUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.headers.get('retry-after')).toBe('5');
  const problem = (await response.json()) as Problem;
  expect(problem.code).toBe('database_unavailable');
  expect(problem.detail).toMatch(/database/i);
  expect(problem.detail).toMatch(/try again/i);
}

describe('when PostgreSQL goes down during a live session', () => {
  let postgres: PrivatePostgres;
  let app: TestApp;
  const clients: ConnectedClient[] = [];
  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    app = await startTestApp({ databaseUrl: await createTestDatabase(postgres.url) });
  });
  afterAll(async () => {
    for (const client of clients) await client.disconnect().catch(() => undefined);
    await app?.stop();
    await postgres?.remove();
    await dispose();
  });

  it('answers a clear 503 while it is down, keeps the room connected, and recovers with nothing lost', async () => {
    const { owner, session, host, viewer } = await aLiveSession(app);
    const audience = await connect(viewer.join);
    clients.push(audience);
    expect((await registerVisitor(app, session.slug, 'Sari Dewi')).status).toBe(201);
    const before = await ask(viewer, 'Bagaimana memulai usaha kecil?');
    expect((await vote(host, before.id)).votes).toBe(1);

    await postgres.stop();

    // Every kind of request answers at once with a problem a person can act on, not a 500.
    await expectDatabaseUnavailable(await registerVisitor(app, session.slug, 'Wayan Putra'));
    const question = await fetch(`${app.url}/api/sessions/${session.slug}/room/questions`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${viewer.join.ticket}`,
        'Content-Type': 'application/json',
        'Accept-Language': 'en',
      },
      body: JSON.stringify({ text: 'Apakah ada rekamannya?', anonymous: false }),
    });
    await expectDatabaseUnavailable(question);
    // Signed in (the session is looked up first) and in Indonesian alike.
    const list = await owner.request(`/api/sessions/${session.slug}/registrants`, {
      headers: { 'Accept-Language': 'id' },
    });
    expect(list.status).toBe(503);
    expect(((await list.json()) as Problem).detail).toMatch(/basis data sedang tidak bisa dihubungi/i);
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(503);
    expect((await health.json()) as Health).toMatchObject({ status: 'down', db: 'down', livekit: 'ok' });
    // A webhook LiveKit sends meanwhile fails, so LiveKit delivers it again later.
    const delivery = await signedWebhook(app, {
      id: `EV_fault_${Math.random().toString(36).slice(2, 10)}`,
      event: 'room_started',
      room: { name: session.id },
      createdAt: Math.floor(Date.now() / 1000),
    });
    expect((await postWebhook(app, delivery)).status).toBe(503);
    // Media and data go through LiveKit, not the database: nobody in the room is cut off.
    expect(audience.room.isConnected).toBe(true);

    await postgres.start();

    // The same requests, retried, succeed against the same running app.
    await eventually(async () => (await registerVisitor(app, session.slug, 'Wayan Putra')).status === 201, 20_000);
    const after = await ask(viewer, 'Apakah ada rekamannya?');
    expect((await vote(host, after.id)).votes).toBe(1);
    expect((await postWebhook(app, delivery)).status).toBe(204);
    const handled = await app.context.db
      .select()
      .from(liveKitWebhookDeliveries)
      .where(eq(liveKitWebhookDeliveries.id, JSON.parse(delivery.body).id));
    expect(handled).toHaveLength(1);
    // Broadcasts go on, and the room's state holds what was accepted before the outage.
    expect((await nextQuestion(audience, after.id)).text).toBe('Apakah ada rekamannya?');
    const { qa } = await snapshotOf(viewer);
    expect(qa.questions.map(({ text, votes }) => ({ text, votes }))).toEqual(
      expect.arrayContaining([
        { text: 'Bagaimana memulai usaha kecil?', votes: 1 },
        { text: 'Apakah ada rekamannya?', votes: 1 },
      ]),
    );
    const registrants = await owner.request(`/api/sessions/${session.slug}/registrants`);
    expect(registrants.status).toBe(200);
    const names = ((await registrants.json()) as { name: string }[]).map((r) => r.name);
    expect(names.sort()).toEqual(['Budi Santoso', 'Sari Dewi', 'Wayan Putra']);
    expect(audience.room.isConnected).toBe(true);
    // The job runner lived through it: the confirmation of the registration retried after the outage goes out.
    await eventually(async () => {
      const mails = await app.context.db.select().from(jobs).where(eq(jobs.kind, 'send-mail'));
      const confirmation = mails.find((job) => JSON.stringify(job.payload).includes('wayan.putra@example.id'));
      return confirmation?.status === 'done';
    }, 20_000);
  });

  it('gives back a connection whose transaction could not even begin, so the pool neither shrinks nor hangs', async () => {
    const database = await openDatabase({ kind: 'postgres', url: await createTestDatabase(postgres.url) });
    await database.db.execute(sql`select 1`);
    // pg_ctl runs synchronously: the pool has not yet seen its idle connection die when BEGIN is sent on it.
    await postgres.stop();
    await expect(database.db.transaction((tx) => tx.execute(sql`select 1`))).rejects.toThrow();
    await postgres.start();
    expect(await database.db.transaction((tx) => tx.execute(sql`select 1 as one`))).toMatchObject({
      rows: [{ one: 1 }],
    });
    // Closing waits for every connection to come back: a lost one would make it wait forever.
    await database.close();
  });
});
