import { jobs } from '@serambi/server/jobs/schema.ts';
import { registrations } from '@serambi/server/registrations/schema.ts';
import type { FeedbackForm, FeedbackResults, MyFeedback } from '@serambi/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { aRegistrant, aRoomSetup, joinRoom, problemOf, type RoomClient } from '../support/room.ts';

const QUESTIONS: FeedbackForm['questions'] = [
  { id: 'topik', kind: 'choice', label: 'Topik berikutnya', required: true, options: ['Pemasaran', 'Keuangan'] },
  { id: 'lagi', kind: 'checkbox', label: 'Mau ikut lagi?', required: false },
  { id: 'saran', kind: 'short-text', label: 'Saran untuk pembicara', required: false },
];

const byLink = (app: TestApp, secret: string, body?: unknown) =>
  anonymous(app.url).request(
    `/api/registrations/${secret}/feedback`,
    body === undefined ? {} : { method: 'PUT', body },
  );

const inRoom = (client: RoomClient, body?: unknown) =>
  body === undefined ? client.call('/feedback', { method: 'GET' }) : client.call('/feedback', { method: 'PUT', body });

async function saved(response: Response): Promise<MyFeedback> {
  if (response.status !== 200) throw new Error(`feedback: ${response.status} ${await response.text()}`);
  return (await response.json()) as MyFeedback;
}

async function resultsFor(organizer: Caller, slug: string): Promise<FeedbackResults> {
  const response = await organizer.request(`/api/sessions/${slug}/report/feedback`);
  if (response.status !== 200) throw new Error(`results: ${response.status} ${await response.text()}`);
  return (await response.json()) as FeedbackResults;
}

async function setForm(organizer: Caller, slug: string, form: FeedbackForm) {
  const response = await organizer.request(`/api/sessions/${slug}/feedback/form`, { method: 'PUT', body: form });
  expect(response.status).toBe(200);
  return (await response.json()) as FeedbackForm;
}

describe('feedback after a session', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** A scheduled session with two registrants, its organizer's questions on the form. */
  async function aSessionWithAForm() {
    const setup = await aRoomSetup(app);
    const budi = await aRegistrant(app, setup.owner, setup.session.slug, 'Budi Santoso');
    const sari = await aRegistrant(app, setup.owner, setup.session.slug, 'Sari Dewi');
    await setForm(setup.owner, setup.session.slug, { enabled: true, questions: QUESTIONS });
    return { ...setup, budi, sari };
  }

  async function goLive(setup: { owner: Caller; session: { slug: string } }): Promise<RoomClient> {
    const backstage = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    expect((await backstage.call('/live')).status).toBe(204);
    return joinRoom(app, setup.session.slug, { caller: setup.owner });
  }

  it('gives a session that was never edited a form that is on, with no questions', async () => {
    const setup = await aRoomSetup(app);
    const response = await setup.owner.request(`/api/sessions/${setup.session.slug}/feedback/form`);
    expect(await response.json()).toEqual({ enabled: true, questions: [] });
  });

  it('takes no answers before the session is live, and says so', async () => {
    const setup = await aSessionWithAForm();
    const mine = await saved(await byLink(app, setup.budi));
    expect(mine).toMatchObject({ sessionTitle: 'Bincang Usaha Langsung', open: false, response: null });
    expect(mine.form.questions.map((q) => q.id)).toEqual(['topik', 'lagi', 'saran']);

    const early = await problemOf(await byLink(app, setup.budi, { rating: 5, answers: { topik: 'Pemasaran' } }));
    expect(early).toMatchObject({ status: 409, code: 'feedback_not_open' });
    expect(early.detail).toMatch(/dibuka saat sesi dimulai/);
  });

  it('takes an answer by join link and from the room, keeps one per person, and replaces it when sent again', async () => {
    const setup = await aSessionWithAForm();
    const host = await goLive(setup);

    const first = await saved(
      await byLink(app, setup.budi, {
        rating: 4,
        comment: 'Materinya jelas.',
        answers: { topik: 'Pemasaran', lagi: true, saran: 'Tambah contoh' },
      }),
    );
    expect(first.open).toBe(true);
    expect(first.response).toMatchObject({
      rating: 4,
      comment: 'Materinya jelas.',
      answers: { topik: 'Pemasaran', lagi: true, saran: 'Tambah contoh' },
    });

    // Sari answers from the room, with the ticket her join link got her.
    const sari = await joinRoom(app, setup.session.slug, { joinSecret: setup.sari });
    expect((await saved(await inRoom(sari))).response).toBeNull();
    await saved(await inRoom(sari, { rating: 2, comment: 'Suara kurang jelas.', answers: { topik: 'Keuangan' } }));

    // Budi enters the room too: it is the same person, whose answer the room shows and replaces.
    const budi = await joinRoom(app, setup.session.slug, { joinSecret: setup.budi });
    expect((await saved(await inRoom(budi))).response?.rating).toBe(4);
    const replaced = await saved(
      await inRoom(budi, { rating: 5, comment: 'Luar biasa 👍', answers: { topik: 'Keuangan', lagi: false } }),
    );
    expect(replaced.response).toMatchObject({ rating: 5, answers: { topik: 'Keuangan', lagi: false } });
    expect((await saved(await byLink(app, setup.budi))).response?.comment).toBe('Luar biasa 👍');

    const results = await resultsFor(setup.owner, setup.session.slug);
    expect(results).toMatchObject({ responses: 2, averageRating: 3.5, ratingCounts: [0, 1, 0, 0, 1] });
    expect(results.questions).toEqual([
      { id: 'topik', label: 'Topik berikutnya', kind: 'choice', counts: { Pemasaran: 0, Keuangan: 2 }, texts: [] },
      { id: 'lagi', label: 'Mau ikut lagi?', kind: 'checkbox', counts: { yes: 0, no: 2 }, texts: [] },
      { id: 'saran', label: 'Saran untuk pembicara', kind: 'short-text', counts: {}, texts: [] },
    ]);
    // Newest first: Budi's replacement came after Sari's answer.
    expect(results.comments.map((c) => [c.name, c.rating, c.comment])).toEqual([
      ['Budi Santoso', 5, 'Luar biasa 👍'],
      ['Sari Dewi', 2, 'Suara kurang jelas.'],
    ]);

    // After the end the form still takes answers.
    expect((await host.call('/end')).status).toBe(204);
    const late = await saved(await inRoom(sari, { rating: 3, answers: { topik: 'Pemasaran', saran: 'Lebih lama' } }));
    expect(late).toMatchObject({ open: true, response: { rating: 3, comment: '' } });
    const after = await resultsFor(setup.owner, setup.session.slug);
    expect(after).toMatchObject({ responses: 2, averageRating: 4, ratingCounts: [0, 0, 1, 0, 1] });
    expect(after.questions.find((q) => q.id === 'saran')?.texts).toEqual(['Lebih lama']);
    expect(after.comments.map((c) => c.name)).toEqual(['Budi Santoso']);

    // A certificate's rule may ask for feedback: the late answer has Sari's certificate looked at again.
    const sessionId = sari.join.snapshot.session.id;
    const people = await app.context.db.select().from(registrations).where(eq(registrations.sessionId, sessionId));
    const emailOf = (name: string) => people.find((person) => person.name === name)?.email;
    const checks = await app.context.db.select().from(jobs).where(eq(jobs.kind, 'certificates-issue'));
    const payloads = checks.map((job) => job.payload);
    expect(payloads).toContainEqual({ sessionId, email: emailOf('Sari Dewi') });
    // Answers while the session was live wait for the check the end queues for everyone.
    expect(payloads).not.toContainEqual({ sessionId, email: emailOf('Budi Santoso') });
  });

  it('refuses answers that do not fit the form, naming each field', async () => {
    const setup = await aSessionWithAForm();
    await goLive(setup);
    const cases: Array<{ body: unknown; paths: string[] }> = [
      { body: { rating: 5, answers: {} }, paths: ['answers.topik'] },
      { body: { rating: 5, answers: { topik: 'Olahraga' } }, paths: ['answers.topik'] },
      { body: { rating: 5, answers: { topik: 'Pemasaran', rahasia: 'x' } }, paths: ['answers.rahasia'] },
      { body: { rating: 5, answers: { topik: 'Pemasaran', lagi: 'ya' } }, paths: ['answers.lagi'] },
      { body: { rating: 0, answers: { topik: 'Pemasaran' } }, paths: ['rating'] },
      { body: { rating: 6, answers: { topik: 'Pemasaran' } }, paths: ['rating'] },
      { body: { answers: { topik: 'Pemasaran' } }, paths: ['rating'] },
      { body: { rating: 5, comment: 'x'.repeat(2001), answers: { topik: 'Pemasaran' } }, paths: ['comment'] },
      { body: { rating: 5, answers: { topik: 'Pemasaran' }, name: 'Orang lain' }, paths: ['(root)'] },
    ];
    for (const { body, paths } of cases) {
      const problem = await problemOf(await byLink(app, setup.budi, body));
      expect(problem, JSON.stringify(body)).toMatchObject({ status: 422, code: 'validation' });
      for (const path of paths)
        expect(
          problem.errors?.map((e) => e.path),
          JSON.stringify(body),
        ).toContain(path);
    }
    const missing = await problemOf(await byLink(app, setup.budi, { rating: 5, answers: {} }));
    expect(missing.errors?.[0]?.message).toBe('Pertanyaan ini wajib dijawab.');
    expect((await saved(await byLink(app, setup.budi))).response).toBeNull();
  });

  it('takes nothing while the organizer has feedback turned off', async () => {
    const setup = await aSessionWithAForm();
    await goLive(setup);
    await setForm(setup.owner, setup.session.slug, { enabled: false, questions: QUESTIONS });
    expect((await saved(await byLink(app, setup.budi))).open).toBe(false);
    const refused = await problemOf(await byLink(app, setup.budi, { rating: 5, answers: { topik: 'Pemasaran' } }));
    expect(refused).toMatchObject({ status: 409, code: 'feedback_disabled' });
  });

  it('refuses a registration that was cancelled', async () => {
    const setup = await aSessionWithAForm();
    await goLive(setup);
    expect(
      (await anonymous(app.url).request(`/api/registrations/${setup.sari}/cancel`, { method: 'POST' })).status,
    ).toBe(200);
    expect((await saved(await byLink(app, setup.sari))).open).toBe(false);
    const refused = await problemOf(await byLink(app, setup.sari, { rating: 5, answers: { topik: 'Pemasaran' } }));
    expect(refused).toMatchObject({ status: 409, code: 'feedback_registration_cancelled' });
    expect((await resultsFor(setup.owner, setup.session.slug)).responses).toBe(0);
  });

  it('shows the form and the results to the session’s organizers only', async () => {
    const setup = await aSessionWithAForm();
    const stranger = await signUp(app.url, { name: 'Orang Lain' });
    const paths = [
      ['GET', `/api/sessions/${setup.session.slug}/feedback/form`],
      ['PUT', `/api/sessions/${setup.session.slug}/feedback/form`],
      ['GET', `/api/sessions/${setup.session.slug}/report/feedback`],
    ] as const;
    for (const [method, path] of paths) {
      const body = method === 'PUT' ? { enabled: false, questions: [] } : undefined;
      expect((await stranger.request(path, { method, body })).status, `${method} ${path}`).toBe(403);
      expect((await anonymous(app.url).request(path, { method, body })).status, `${method} ${path}`).toBe(401);
    }
    expect((await setup.owner.request(`/api/sessions/${setup.session.slug}/feedback/form`)).status).toBe(200);

    // A private session is not there at all for someone outside it.
    const hidden = await aRoomSetup(app, { visibility: 'private' });
    const seen = await stranger.request(`/api/sessions/${hidden.session.slug}/report/feedback`);
    expect(seen.status).toBe(404);
  });

  it('refuses questions that do not make a form', async () => {
    const setup = await aRoomSetup(app);
    const twice = await setup.owner.request(`/api/sessions/${setup.session.slug}/feedback/form`, {
      method: 'PUT',
      body: { enabled: true, questions: [QUESTIONS[2], QUESTIONS[2]] },
    });
    expect(twice.status).toBe(422);
    const oneOption = await setup.owner.request(`/api/sessions/${setup.session.slug}/feedback/form`, {
      method: 'PUT',
      body: { enabled: true, questions: [{ id: 'x', kind: 'choice', label: 'Pilih', options: ['Satu'] }] },
    });
    expect(oneOption.status).toBe(422);
  });

  it('does not let a room ticket of another session answer here', async () => {
    const setup = await aSessionWithAForm();
    const other = await aSessionWithAForm();
    await goLive(setup);
    const budi = await joinRoom(app, other.session.slug, { joinSecret: other.budi });
    const response = await fetch(`${app.url}/api/sessions/${setup.session.slug}/room/feedback`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${budi.join.ticket}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ rating: 5, answers: { topik: 'Pemasaran' } }),
    });
    expect(await problemOf(response)).toMatchObject({ status: 401, code: 'room_ticket' });
  });
});
