import { dispose } from '@livekit/rtc-node';
import { roomDepsOf } from '@serambi/server/room/deps.ts';
import type { UpdateRoomSettingsRequest } from '@serambi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  ask,
  interactionReportSeenBy,
  moderate,
  nextDirectQuestion,
  nextQuestion,
  questionIn,
  vote,
} from '../support/qa.ts';
import {
  afterEverythingSoFar,
  anAudienceMember,
  aRegistrant,
  aRoomSetup,
  auditSeenBy,
  type ConnectedClient,
  connect,
  joinRoom,
  problemOf,
  type RoomClient,
  snapshotOf,
} from '../support/room.ts';

const budiName = 'Budi Santoso';
const sariName = 'Sari Dewi';

describe('the Q&A queue in the live room', () => {
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

  /** A session whose doors are open, its moderator connected (backstage) with `settings` applied. */
  async function aQaRoom(settings: UpdateRoomSettingsRequest = {}) {
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const hostClient = await connect(host.join);
    clients.push(hostClient);
    if (Object.keys(settings).length > 0) {
      expect((await host.call('/settings', { method: 'PATCH', body: settings })).status).toBe(200);
    }
    const person = async (name: string) => {
      const member = await anAudienceMember(app, setup, host, name);
      clients.push(member.client);
      return member;
    };
    return { setup, host, hostClient, person };
  }

  const qaOf = async (client: RoomClient) => (await snapshotOf(client)).qa;
  const idsIn = async (client: RoomClient) => (await qaOf(client)).questions.map((q) => q.id);
  /** Announces the votes counted so far now, rather than a quarter of a second later. */
  const announceVotes = () => roomDepsOf(app.context).bursts.flush();

  it('shows a question in open mode to everyone at once, with who asked', async () => {
    const { hostClient, person } = await aQaRoom();
    const budi = await person(budiName);
    const sari = await person(sariName);

    const asked = await ask(budi.member, 'Bagaimana cara mendaftar NIB untuk usaha rumahan?');

    expect(asked).toMatchObject({ status: 'open', anonymous: false, votes: 0, editedAt: null });
    for (const client of [sari.client, budi.client, hostClient]) {
      expect(await nextQuestion(client, asked.id)).toMatchObject({
        text: 'Bagaimana cara mendaftar NIB untuk usaha rumahan?',
        status: 'open',
        author: { identity: budi.identity, name: budiName },
      });
    }
    const seenBySari = await qaOf(sari.member);
    expect(questionIn(seenBySari, asked.id)?.author?.name).toBe(budiName);
    expect(seenBySari.mine).toEqual([]);
    expect((await qaOf(budi.member)).mine).toEqual([asked.id]);
  });

  it("gives each audience member a snapshot with every change announced before it, their own questions and their own votes, though the audience's part is read once per version", async () => {
    const { host, person } = await aQaRoom({ anonymousQuestions: 'moderators' });
    const budi = await person(budiName);
    const sari = await person(sariName);
    expect((await qaOf(sari.member)).questions).toEqual([]);

    const asked = await ask(budi.member, 'Bolehkah saya bertanya tanpa nama?', true);
    expect(questionIn(await qaOf(budi.member), asked.id)?.author?.name).toBe(budiName);
    expect((await qaOf(budi.member)).mine).toEqual([asked.id]);
    const seenBySari = await qaOf(sari.member);
    expect(questionIn(seenBySari, asked.id)).toMatchObject({ author: null, votes: 0 });
    expect(seenBySari.mine).toEqual([]);

    await vote(sari.member, asked.id);
    await announceVotes();
    expect(await qaOf(sari.member)).toMatchObject({ myVotes: [asked.id] });
    expect(questionIn(await qaOf(sari.member), asked.id)?.votes).toBe(1);
    expect(await qaOf(budi.member)).toMatchObject({ myVotes: [] });
    expect(questionIn(await qaOf(budi.member), asked.id)?.votes).toBe(1);

    expect((await sari.member.call('/chat', { body: { text: 'Halo semua' } })).status).toBe(201);
    expect((await snapshotOf(budi.member)).chat.messages.map((m) => m.text)).toEqual(['Halo semua']);

    await moderate(host, asked.id, 'dismiss');
    expect(await idsIn(sari.member)).toEqual([]);
    expect(questionIn(await qaOf(budi.member), asked.id)?.status).toBe('dismissed');
  });

  it('takes questions from the session page before the doors open, within the length limit', async () => {
    const setup = await aRoomSetup(app, { startsInMinutes: 180 });
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    const early = await joinRoom(app, setup.session.slug, {
      joinSecret: await aRegistrant(app, setup.owner, setup.session.slug, budiName),
    });
    expect(early.join.livekit).toBeNull();

    const asked = await ask(early, 'Apakah materinya akan dibagikan setelah sesi?');

    expect(asked.status).toBe('open');
    expect(questionIn(await qaOf(host), asked.id)?.author?.name).toBe(budiName);
    for (const text of ['   ', 'x'.repeat(301)]) {
      expect(await problemOf(await early.call('/questions', { body: { text } }))).toMatchObject({
        status: 422,
        code: 'validation',
      });
    }
  });

  it('hides an anonymous asker from the audience, and shows them to moderators only when the organizer chose so', async () => {
    const { setup, host, hostClient, person } = await aQaRoom({ anonymousQuestions: 'moderators' });
    const budi = await person(budiName);
    const sari = await person(sariName);

    const known = await ask(budi.member, 'Berapa modal awal yang wajar?', true);
    expect(known.author).toEqual({ identity: budi.identity, name: budiName });
    expect(await nextQuestion(sari.client, known.id)).toMatchObject({ anonymous: true, author: null });
    expect(await nextQuestion(hostClient, known.id)).toMatchObject({ author: null });
    expect((await nextDirectQuestion(hostClient, known.id)).author).toEqual({
      identity: budi.identity,
      name: budiName,
    });
    expect(questionIn(await qaOf(host), known.id)?.author?.name).toBe(budiName);
    expect(questionIn(await qaOf(sari.member), known.id)?.author).toBeNull();

    expect((await host.call('/settings', { method: 'PATCH', body: { anonymousQuestions: 'hidden' } })).status).toBe(
      200,
    );
    const hidden = await ask(budi.member, 'Apakah ada pendampingan gratis?', true);
    expect(await nextQuestion(hostClient, hidden.id)).toMatchObject({ anonymous: true, author: null });
    await afterEverythingSoFar(host, [hostClient, sari.client]);
    expect(hostClient.direct.filter((e) => 'id' in e.data && e.data.id === hidden.id)).toEqual([]);
    const seenByHost = await qaOf(host);
    expect(questionIn(seenByHost, hidden.id)?.author).toBeNull();
    // A question keeps the rule it was asked under.
    expect(questionIn(seenByHost, known.id)?.author?.name).toBe(budiName);
    const report = await interactionReportSeenBy(setup.owner, setup.session.slug);
    expect(report.questions.map((q) => [q.text, q.author?.name ?? null])).toEqual([
      ['Berapa modal awal yang wajar?', budiName],
      ['Apakah ada pendampingan gratis?', null],
    ]);
    // Nothing the audience received names the asker.
    expect(JSON.stringify([sari.client.events, sari.client.direct])).not.toContain(budi.identity);

    // Dismissing it leaves no trace of who asked in the moderators' audit log either.
    await moderate(host, hidden.id, 'dismiss');
    const dismissal = (await auditSeenBy(host)).find((entry) => entry.detail.question === hidden.id);
    expect(dismissal).toMatchObject({ action: 'question_dismiss', target: null });
    expect(JSON.stringify(dismissal)).not.toContain(budi.identity);

    expect((await host.call('/settings', { method: 'PATCH', body: { anonymousQuestions: 'off' } })).status).toBe(200);
    expect(
      await problemOf(await budi.member.call('/questions', { body: { text: 'Boleh tanpa nama?', anonymous: true } })),
    ).toMatchObject({ status: 422, code: 'question_anonymous_off' });
  });

  it('keeps a question in reviewed mode between its asker and the moderators until it is approved', async () => {
    const { host, hostClient, person } = await aQaRoom({ qaMode: 'reviewed' });
    const budi = await person(budiName);
    const sari = await person(sariName);

    const waiting = await ask(budi.member, 'Bagaimana menentukan harga jual?');

    expect(waiting.status).toBe('pending');
    expect((await nextDirectQuestion(budi.client, waiting.id)).status).toBe('pending');
    expect((await nextDirectQuestion(hostClient, waiting.id)).status).toBe('pending');
    expect(questionIn(await qaOf(host), waiting.id)?.status).toBe('pending');
    expect(questionIn(await qaOf(budi.member), waiting.id)?.status).toBe('pending');
    expect(await idsIn(sari.member)).not.toContain(waiting.id);
    expect(
      (await sari.member.call(`/questions/${waiting.id}/vote`, { method: 'PUT', body: { voted: true } })).status,
    ).toBe(404);

    await moderate(host, waiting.id, 'approve');

    expect(await nextQuestion(sari.client, waiting.id)).toMatchObject({ status: 'open', author: { name: budiName } });
    const heardBySari = sari.client.events.filter((e) => e.type === 'qa.question' && e.data.id === waiting.id);
    expect(heardBySari.map((e) => e.type === 'qa.question' && e.data.status)).toEqual(['open']);
    expect(sari.client.direct).toEqual([]);
    expect(await idsIn(sari.member)).toContain(waiting.id);

    // A question dismissed from the review list was never the audience's business.
    const noise = await ask(budi.member, 'Promo! Kunjungi toko daring saya');
    await nextDirectQuestion(hostClient, noise.id);
    await moderate(host, noise.id, 'dismiss');
    expect((await nextDirectQuestion(budi.client, noise.id, (q) => q.status === 'dismissed')).text).toBe(
      'Promo! Kunjungi toko daring saya',
    );
    await afterEverythingSoFar(host, [sari.client]);
    expect(JSON.stringify([sari.client.events, sari.client.direct])).not.toContain(noise.id);
    expect(questionIn(await qaOf(budi.member), noise.id)?.status).toBe('dismissed');
  });

  it('tells the asker alone that their question was dismissed: the audience only sees it go', async () => {
    const { host, hostClient, person } = await aQaRoom();
    const budi = await person(budiName);
    const sari = await person(sariName);
    const asked = await ask(budi.member, 'Siapa yang menang pilkada nanti?');
    await nextQuestion(sari.client, asked.id);

    await moderate(host, asked.id, 'dismiss');

    await sari.client.nextEvent((e) => e.type === 'qa.removed' && e.data.id === asked.id);
    expect((await nextDirectQuestion(budi.client, asked.id)).status).toBe('dismissed');
    expect((await nextDirectQuestion(hostClient, asked.id)).status).toBe('dismissed');
    await afterEverythingSoFar(host, [sari.client]);
    expect(JSON.stringify([sari.client.events, sari.client.direct])).not.toContain('dismissed');
    expect(await idsIn(sari.member)).not.toContain(asked.id);
    expect(questionIn(await qaOf(budi.member), asked.id)?.status).toBe('dismissed');
    expect(questionIn(await qaOf(host), asked.id)?.status).toBe('dismissed');
    expect(await auditSeenBy(host)).toContainEqual(
      expect.objectContaining({
        action: 'question_dismiss',
        target: { identity: budi.identity, name: budiName },
        detail: expect.objectContaining({ question: asked.id }),
      }),
    );
  });

  it('counts one upvote per person, toggled, and announces the counts as qa.votes', async () => {
    const { host, hostClient, person } = await aQaRoom();
    const budi = await person(budiName);
    const sari = await person(sariName);
    const asked = await ask(budi.member, 'Apakah perlu NPWP terpisah untuk usaha?');

    expect(await vote(sari.member, asked.id)).toEqual({ voted: true, votes: 1 });
    expect(await vote(sari.member, asked.id)).toEqual({ voted: true, votes: 1 });
    expect(await vote(host, asked.id)).toEqual({ voted: true, votes: 2 });
    expect(await vote(sari.member, asked.id, false)).toEqual({ voted: false, votes: 1 });
    expect(await vote(sari.member, asked.id, false)).toEqual({ voted: false, votes: 1 });
    await announceVotes();
    await afterEverythingSoFar(host, [budi.client, hostClient]);

    for (const client of [budi.client, hostClient]) {
      const counts = client.events.flatMap((e) =>
        e.type === 'qa.votes' ? e.data.votes.filter((v) => v.id === asked.id).map((v) => v.votes) : [],
      );
      expect(counts.length).toBeGreaterThan(0);
      expect(counts.at(-1)).toBe(1);
    }
    expect(questionIn(await qaOf(budi.member), asked.id)?.votes).toBe(1);
    expect((await qaOf(host)).myVotes).toEqual([asked.id]);
    expect((await qaOf(sari.member)).myVotes).toEqual([]);
  });

  it('announces no count for a question after it left the audience’s list', async () => {
    const { host, person } = await aQaRoom();
    const budi = await person(budiName);
    const sari = await person(sariName);
    const asked = await ask(budi.member, 'Siapa yang mau beli produk saya?');
    await nextQuestion(sari.client, asked.id);

    // The vote's count is due a quarter of a second later; the dismissal comes first.
    await vote(sari.member, asked.id);
    await moderate(host, asked.id, 'dismiss');
    await announceVotes();
    await afterEverythingSoFar(host, [sari.client]);

    const removed = await sari.client.nextEvent((e) => e.type === 'qa.removed' && e.data.id === asked.id);
    const countsAfter = sari.client.events.filter(
      (e) => e.v > removed.v && e.type === 'qa.votes' && e.data.votes.some((v) => v.id === asked.id),
    );
    expect(countsAfter).toEqual([]);
  });

  it('merges a duplicate into another question, carrying its votes over and counting a double voter once', async () => {
    const { host, hostClient, person } = await aQaRoom();
    const budi = await person(budiName);
    const sari = await person(sariName);
    const original = await ask(budi.member, 'Bagaimana cara ekspor produk kerajinan?');
    const duplicate = await ask(sari.member, 'Cara ekspor kerajinan tangan bagaimana?');
    await vote(budi.member, original.id);
    await vote(host, original.id);
    await vote(host, duplicate.id);
    await vote(sari.member, duplicate.id);

    expect((await host.call(`/questions/${duplicate.id}/merge`, { body: { into: original.id } })).status).toBe(204);

    await budi.client.nextEvent((e) => e.type === 'qa.removed' && e.data.id === duplicate.id);
    expect((await nextQuestion(budi.client, original.id, (q) => q.votes === 3)).votes).toBe(3);
    expect(await nextDirectQuestion(sari.client, duplicate.id)).toMatchObject({
      status: 'merged',
      mergedInto: original.id,
    });
    const seenBySari = await qaOf(sari.member);
    expect(questionIn(seenBySari, original.id)?.votes).toBe(3);
    expect(questionIn(seenBySari, duplicate.id)).toMatchObject({ status: 'merged', mergedInto: original.id });
    expect(seenBySari.myVotes).toEqual([original.id]);
    expect(await idsIn(budi.member)).not.toContain(duplicate.id);
    expect(await vote(sari.member, original.id)).toEqual({ voted: true, votes: 3 });
    expect(
      await problemOf(
        await sari.member.call(`/questions/${duplicate.id}/vote`, { method: 'PUT', body: { voted: true } }),
      ),
    ).toMatchObject({ status: 409, code: 'question_not_votable' });
    expect(
      (await budi.member.call(`/questions/${duplicate.id}/vote`, { method: 'PUT', body: { voted: true } })).status,
    ).toBe(404);
    expect(await auditSeenBy(host)).toContainEqual(
      expect.objectContaining({ action: 'question_merge', detail: expect.objectContaining({ into: original.id }) }),
    );
    expect(
      await problemOf(await host.call(`/questions/${original.id}/merge`, { body: { into: original.id } })),
    ).toMatchObject({ status: 409, code: 'question_merge_self' });
    await announceVotes();
    await afterEverythingSoFar(host, [hostClient]);
    expect(questionIn(await qaOf(host), original.id)?.votes).toBe(3);
  });

  it('pins one question as now answering for everyone; answering unpins it, and reopening puts it back on the list', async () => {
    const { setup, host, person } = await aQaRoom();
    const budi = await person(budiName);
    const sari = await person(sariName);
    const first = await ask(budi.member, 'Apa itu QRIS dan biayanya berapa?');
    const second = await ask(budi.member, 'Bagaimana memisahkan uang pribadi dan usaha?');

    await moderate(host, first.id, 'pin');
    await sari.client.nextEvent((e) => e.type === 'qa.answering' && e.data.id === first.id);
    expect((await qaOf(sari.member)).answeringId).toBe(first.id);
    await moderate(host, second.id, 'pin');
    await sari.client.nextEvent((e) => e.type === 'qa.answering' && e.data.id === second.id);

    await moderate(host, second.id, 'answer');

    await sari.client.nextEvent((e) => e.type === 'qa.answering' && e.data.id === null);
    const answered = await nextQuestion(sari.client, second.id, (q) => q.status === 'answered');
    expect(answered.answeredAt).not.toBeNull();
    const afterAnswer = await qaOf(sari.member);
    expect(afterAnswer.answeringId).toBeNull();
    expect(questionIn(afterAnswer, second.id)?.status).toBe('answered');
    expect(
      await problemOf(await sari.member.call(`/questions/${second.id}/vote`, { method: 'PUT', body: { voted: true } })),
    ).toMatchObject({ status: 409, code: 'question_not_votable' });
    expect(await problemOf(await host.call(`/questions/${second.id}/pin`))).toMatchObject({
      status: 409,
      code: 'question_not_open',
    });

    await moderate(host, second.id, 'reopen');
    expect(await nextQuestion(sari.client, second.id, (q) => q.status === 'open')).toMatchObject({ answeredAt: null });

    const report = await interactionReportSeenBy(setup.owner, setup.session.slug);
    const chapters = Object.fromEntries(report.questions.map((q) => [q.id, q.answering]));
    expect(chapters[first.id]).toEqual([{ startedAt: expect.any(String), endedAt: expect.any(String) }]);
    expect(chapters[second.id]).toEqual([{ startedAt: expect.any(String), endedAt: expect.any(String) }]);
    expect(Date.parse(chapters[first.id]?.[0]?.endedAt ?? '')).toBeLessThanOrEqual(
      Date.parse(chapters[second.id]?.[0]?.startedAt ?? ''),
    );
  });

  it('unpins the question being answered on a moderator’s word: everyone is told, it stays open, and its chapter ends', async () => {
    const { setup, host, person } = await aQaRoom();
    const budi = await person(budiName);
    const sari = await person(sariName);
    const asked = await ask(budi.member, 'Apakah QRIS bisa dipakai tanpa rekening bank?');
    await moderate(host, asked.id, 'pin');
    const pinned = await sari.client.nextEvent((e) => e.type === 'qa.answering' && e.data.id === asked.id);

    // A participant cannot take it down.
    expect(await problemOf(await budi.member.call(`/questions/${asked.id}/unpin`))).toMatchObject({
      status: 403,
      code: 'room_moderators_only',
    });
    expect((await qaOf(sari.member)).answeringId).toBe(asked.id);

    await moderate(host, asked.id, 'unpin');
    const unpinned = await sari.client.nextEvent((e) => e.type === 'qa.answering' && e.data.id === null);
    expect(unpinned.v).toBeGreaterThan(pinned.v);
    const seen = await qaOf(sari.member);
    expect(seen.answeringId).toBeNull();
    expect(questionIn(seen, asked.id)).toMatchObject({ status: 'open', answeredAt: null });
    const report = await interactionReportSeenBy(setup.owner, setup.session.slug);
    expect(report.questions.find((q) => q.id === asked.id)?.answering).toEqual([
      { startedAt: expect.any(String), endedAt: expect.any(String) },
    ]);

    // Unpinning what is not pinned changes nothing and tells nobody.
    await moderate(host, asked.id, 'unpin');
    await afterEverythingSoFar(host, [sari.client]);
    expect(sari.client.events.filter((e) => e.type === 'qa.answering').map((e) => e.data)).toEqual([
      { id: asked.id },
      { id: null },
    ]);
  });

  it('lets the asker edit or withdraw until the question is answered, and marks a moderator’s correction', async () => {
    const { host, person } = await aQaRoom();
    const budi = await person(budiName);
    const sari = await person(sariName);
    const asked = await ask(budi.member, 'Bagaimana cara mengurus sertifikat halla?');

    const byAsker = await budi.member.call(`/questions/${asked.id}`, {
      method: 'PATCH',
      body: { text: 'Bagaimana cara mengurus sertifikat halal?' },
    });
    expect(byAsker.status).toBe(200);
    expect(
      await nextQuestion(sari.client, asked.id, (q) => q.text === 'Bagaimana cara mengurus sertifikat halal?'),
    ).toMatchObject({ editedAt: expect.any(String), editedByModerator: false });
    expect(
      (await sari.member.call(`/questions/${asked.id}`, { method: 'PATCH', body: { text: 'Bukan punya saya' } }))
        .status,
    ).toBe(403);

    const byModerator = await host.call(`/questions/${asked.id}`, {
      method: 'PATCH',
      body: { text: 'Bagaimana cara mengurus sertifikat halal untuk UMKM?' },
    });
    expect(byModerator.status).toBe(200);
    expect(await nextQuestion(sari.client, asked.id, (q) => q.editedByModerator)).toMatchObject({
      text: 'Bagaimana cara mengurus sertifikat halal untuk UMKM?',
    });
    expect(await auditSeenBy(host)).toContainEqual(
      expect.objectContaining({
        action: 'question_edit',
        detail: expect.objectContaining({ before: 'Bagaimana cara mengurus sertifikat halal?' }),
      }),
    );

    await moderate(host, asked.id, 'answer');
    expect(
      await problemOf(
        await budi.member.call(`/questions/${asked.id}`, { method: 'PATCH', body: { text: 'Satu lagi' } }),
      ),
    ).toMatchObject({ status: 409, code: 'question_not_editable' });
    expect(await problemOf(await budi.member.call(`/questions/${asked.id}`, { method: 'DELETE' }))).toMatchObject({
      status: 409,
      code: 'question_not_editable',
    });

    const regretted = await ask(sari.member, 'Boleh minta nomor WA pembicara?');
    await nextQuestion(budi.client, regretted.id);
    expect((await sari.member.call(`/questions/${regretted.id}`, { method: 'DELETE' })).status).toBe(204);
    await budi.client.nextEvent((e) => e.type === 'qa.removed' && e.data.id === regretted.id);
    expect(await idsIn(sari.member)).not.toContain(regretted.id);
    expect(await idsIn(host)).not.toContain(regretted.id);
    expect((await sari.member.call(`/questions/${regretted.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('invites the asker of a question on stage from the question card, but not an anonymous one', async () => {
    const { host, person } = await aQaRoom();
    const budi = await person(budiName);
    const sari = await person(sariName);
    const named = await ask(budi.member, 'Boleh saya tunjukkan produk saya langsung?');
    const anonymous = await ask(sari.member, 'Boleh bertanya tanpa nama?', true);

    await moderate(host, named.id, 'invite');

    const invited = await budi.client.nextEvent((e) => e.type === 'stage.invited');
    expect(invited.data).toMatchObject({ identity: budi.identity, name: budiName });
    expect((await snapshotOf(budi.member)).me.stage).toBe('invited');
    expect(await problemOf(await host.call(`/questions/${anonymous.id}/invite`))).toMatchObject({
      status: 409,
      code: 'question_anonymous_invite',
    });
    expect((await snapshotOf(sari.member)).me.stage).toBe('none');
    expect((await budi.member.call(`/questions/${anonymous.id}/invite`)).status).toBe(403);
  });

  it('answers a fourth question within twenty seconds with 429 and how long to wait, and closes questions when the session ends', async () => {
    const { host, person } = await aQaRoom();
    const budi = await person(budiName);
    for (const n of [1, 2, 3]) await ask(budi.member, `Pertanyaan nomor ${n}?`);

    const refused = await problemOf(await budi.member.call('/questions', { body: { text: 'Pertanyaan nomor 4?' } }));

    expect(refused).toMatchObject({ status: 429, code: 'rate_limited' });
    const seconds = Number(refused.detail.match(/\d+/)?.[0]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(20);
    // The limit is per person.
    await ask(host, 'Pertanyaan dari moderator?');

    expect((await host.call('/live')).status).toBe(204);
    expect((await host.call('/end')).status).toBe(204);
    expect(await problemOf(await host.call('/questions', { body: { text: 'Masih boleh bertanya?' } }))).toMatchObject({
      status: 409,
      code: 'qa_closed',
    });
  });
});
