import { dispose } from '@livekit/rtc-node';
import { openDatabase } from '@serambi/server/db/client.ts';
import { isDatabaseUnavailable } from '@serambi/server/db/errors.ts';
import { jobs } from '@serambi/server/jobs/schema.ts';
import { liveKitWebhookDeliveries } from '@serambi/server/livekit/schema.ts';
import type { Health, Problem } from '@serambi/shared';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
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

/**
 * The answer to a request, or a failure naming it when none comes within `ms`: a frozen
 * database must cost a bounded wait, never a request that hangs.
 */
async function answeredWithin<T>(what: string, ms: number, request: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([request, limit]);
  } finally {
    clearTimeout(timer);
  }
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

  it('answers 503 within a bounded wait while PostgreSQL is frozen, and works again once it thaws, without a restart', async () => {
    const { owner, session, viewer } = await aLiveSession(app);
    const registrants = () =>
      owner.request(`/api/sessions/${session.slug}/registrants`, { headers: { 'Accept-Language': 'en' } });
    const askQuestion = (text: string) =>
      fetch(`${app.url}/api/sessions/${session.slug}/room/questions`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${viewer.join.ticket}`,
          'Content-Type': 'application/json',
          'Accept-Language': 'en',
        },
        body: JSON.stringify({ text, anonymous: false }),
      });
    // Connections open and idle in the pool, as in a deployment that has been running a while.
    for (const response of await Promise.all(Array.from({ length: 8 }, registrants))) {
      expect(response.status).toBe(200);
    }

    await postgres.freeze();
    try {
      // A hung server answers nothing, not even "no": the app must give up on its own.
      const [registration, question, list, health] = await Promise.all([
        answeredWithin('registration', 20_000, registerVisitor(app, session.slug, 'Ketut Arya')),
        answeredWithin('question', 20_000, askQuestion('Apakah materinya dibagikan?')),
        answeredWithin('registrants', 20_000, registrants()),
        answeredWithin('health', 20_000, fetch(`${app.url}/api/health`)),
      ]);
      await expectDatabaseUnavailable(registration);
      await expectDatabaseUnavailable(question);
      await expectDatabaseUnavailable(list);
      expect(health.status).toBe(503);
      expect((await health.json()) as Health).toMatchObject({ status: 'down', db: 'down' });
      // Once more, now that the pool's connections have been given up on: still a bounded answer.
      await expectDatabaseUnavailable(await answeredWithin('registrants again', 20_000, registrants()));
    } finally {
      await postgres.thaw();
    }

    // The same app, not restarted: more requests at once than the pool has connections all succeed.
    await eventually(async () => (await fetch(`${app.url}/api/health`)).status === 200, 20_000);
    const after = await Promise.all(
      Array.from({ length: 25 }, (_, i) => (i % 2 ? registrants() : fetch(`${app.url}/api/health`))),
    );
    expect(after.map((response) => response.status)).toEqual(Array(25).fill(200));
    expect((await askQuestion('Kapan sesi berikutnya?')).status).toBe(201);
    const retried = await registerVisitor(app, session.slug, 'Ketut Arya');
    expect([200, 201]).toContain(retried.status);
    const names = ((await (await registrants()).json()) as { name: string }[]).map((r) => r.name);
    expect(names.filter((name) => name === 'Ketut Arya')).toHaveLength(1);
  }, 120_000);

  it('drops a connection whose query went unanswered, so nothing later runs inside its transaction', async () => {
    const url = await createTestDatabase(postgres.url);
    const database = await openDatabase({ kind: 'postgres', url });
    await database.db.execute(sql`create table notes (text text not null)`);
    // Frozen between two statements of a transaction: the second is sent and never answered.
    const stuck = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into notes values ('written before the freeze')`);
      await postgres.freeze();
      await tx.execute(sql`select 1`);
    });
    let failure: unknown;
    try {
      failure = await answeredWithin(
        'the frozen transaction',
        20_000,
        stuck.then(
          () => 'committed',
          (error) => error,
        ),
      );
    } finally {
      await postgres.thaw();
    }
    expect(isDatabaseUnavailable(failure)).toBe(true);

    // The server now answers the old statement; a connection given back to the pool would still
    // be inside that transaction, and the writes below (the last one given back is the first
    // handed out) would never be committed, or would commit the frozen one's insert with theirs.
    for (let i = 0; i < 12; i++) await database.db.execute(sql`insert into notes values (${`written after ${i}`})`);
    const observer = new pg.Client({ connectionString: url });
    await observer.connect();
    try {
      const { rows } = await observer.query<{ text: string }>('select text from notes order by text');
      expect(rows.map((row) => row.text)).toEqual(Array.from({ length: 12 }, (_, i) => `written after ${i}`).sort());
    } finally {
      await observer.end();
    }
    await database.close();
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
