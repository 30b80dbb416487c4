import { dispose } from '@livekit/rtc-node';
import { BURST_MS } from '@serambi/server/room/bursts.ts';
import { roomDepsOf } from '@serambi/server/room/deps.ts';
import type { ChatMessage, Poll, PollDraft, Reaction } from '@serambi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, signUpConfirmed } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ask, interactionReportSeenBy, nextQuestion } from '../support/qa.ts';
import {
  afterEverythingSoFar,
  anAudienceMember,
  aRoomSetup,
  auditSeenBy,
  type ConnectedClient,
  connect,
  eventually,
  joinLobby,
  joinRoom,
  problemOf,
  type RoomClient,
  snapshotOf,
} from '../support/room.ts';

let app: TestApp;
const clients: ConnectedClient[] = [];
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  for (const client of clients) await client.disconnect().catch(() => undefined);
  await app?.stop();
  // rtc-node's runtime is disposed once, after every describe of the file: a connect after it never resolves.
  await dispose();
});

/** A session whose doors are open, its moderator connected (backstage). */
async function aModeratedRoom() {
  const setup = await aRoomSetup(app);
  const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  const hostClient = await connect(host.join);
  clients.push(hostClient);
  const person = async (name: string) => {
    const member = await anAudienceMember(app, setup, host, name);
    clients.push(member.client);
    return member;
  };
  return { setup, host, hostClient, person };
}

async function say(member: RoomClient, text: string, announcement = false): Promise<ChatMessage> {
  const response = await member.call('/chat', { body: { text, announcement } });
  if (response.status !== 201) throw new Error(`chat: ${response.status} ${await response.text()}`);
  return (await response.json()) as ChatMessage;
}

const chatOf = async (member: RoomClient) => (await snapshotOf(member)).chat.messages;
const settings = (host: RoomClient, body: Record<string, unknown>) =>
  host.call('/settings', { method: 'PATCH', body }).then((r) => expect(r.status).toBe(200));

describe('the room’s chat', () => {
  it('sends a message to everyone exactly as written: HTML and script stay text for the client to draw', async () => {
    const { person } = await aModeratedRoom();
    const budi = await person('Budi Santoso');
    const sari = await person('Sari Dewi');
    const written = '<script>alert("halo")</script> <b>tebal</b> & <a href="javascript:x">https://contoh.id</a>';

    const sent = await say(budi.member, written);

    expect(sent).toMatchObject({ text: written, kind: 'message', questionId: null });
    const heard = await sari.client.nextEvent((e) => e.type === 'chat.message' && e.data.id === sent.id);
    expect(heard.data).toMatchObject({
      text: written,
      author: { identity: budi.identity, name: 'Budi Santoso', role: 'participant' },
    });
    expect((await chatOf(sari.member)).map((m) => m.text)).toEqual([written]);
  });

  it('deletes a message for everyone when a moderator says so, keeping it in the audit log', async () => {
    const { host, person } = await aModeratedRoom();
    const budi = await person('Budi Santoso');
    const sari = await person('Sari Dewi');
    const spam = await say(sari.member, 'Beli followers murah di sini');
    const kept = await say(sari.member, 'Terima kasih materinya');

    expect((await budi.member.call(`/chat/${spam.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await host.call(`/chat/${spam.id}`, { method: 'DELETE' })).status).toBe(204);

    await budi.client.nextEvent((e) => e.type === 'chat.deleted' && e.data.id === spam.id);
    expect((await chatOf(budi.member)).map((m) => m.id)).toEqual([kept.id]);
    expect(await auditSeenBy(host)).toContainEqual(
      expect.objectContaining({
        action: 'chat_delete',
        target: { identity: sari.identity, name: 'Sari Dewi' },
        detail: expect.objectContaining({ text: 'Beli followers murah di sini' }),
      }),
    );
    expect((await host.call(`/chat/${spam.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('lets moderators keep talking in a closed chat while participants are told it is closed', async () => {
    const { host, person } = await aModeratedRoom();
    const budi = await person('Budi Santoso');

    await settings(host, { chatClosed: true });

    expect(await problemOf(await budi.member.call('/chat', { body: { text: 'Halo?' } }))).toMatchObject({
      status: 409,
      code: 'chat_closed',
    });
    const fromHost = await say(host, 'Chat ditutup sebentar, silakan lewat Q&A');
    await budi.client.nextEvent((e) => e.type === 'chat.message' && e.data.id === fromHost.id);
    await settings(host, { chatClosed: false });
    await say(budi.member, 'Halo lagi');
  });

  it('holds a participant to one message per slow-mode period, saying how long to wait', async () => {
    const { host, person } = await aModeratedRoom();
    const budi = await person('Budi Santoso');
    await settings(host, { chatSlowModeSeconds: 30 });

    await say(budi.member, 'Pesan pertama');
    const refused = await problemOf(await budi.member.call('/chat', { body: { text: 'Pesan kedua' } }));

    expect(refused).toMatchObject({ status: 429, code: 'chat_slow_mode' });
    expect(refused.detail).toContain('30');
    const wait = Number(refused.detail.match(/\d+/g)?.at(-1));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    await say(host, 'Moderator tidak diperlambat');
    await say(host, 'Sama sekali');
  });

  it('refuses more than five messages in a moment from one participant', async () => {
    const { person } = await aModeratedRoom();
    const budi = await person('Budi Santoso');
    const answers = [];
    for (let i = 1; i <= 6; i++) answers.push(await budi.member.call('/chat', { body: { text: `Pesan ${i}` } }));
    expect(answers.slice(0, 5).map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await problemOf(answers[5] as Response)).toMatchObject({ status: 429, code: 'rate_limited' });
  });

  it('sends a moderator’s announcement to everyone and refuses one from a participant', async () => {
    const { host, person } = await aModeratedRoom();
    const budi = await person('Budi Santoso');

    expect(
      await problemOf(await budi.member.call('/chat', { body: { text: 'Pengumuman!', announcement: true } })),
    ).toMatchObject({ status: 403, code: 'room_moderators_only' });
    const announced = await say(host, 'Sesi tanya jawab dimulai lima menit lagi', true);
    const heard = await budi.client.nextEvent((e) => e.type === 'chat.message' && e.data.id === announced.id);
    expect(heard.data).toMatchObject({ kind: 'announcement', author: { role: 'moderator' } });
  });

  it('turns a chat message that is really a question into one, asked by the message’s author, in reviewed mode too', async () => {
    const { host, person } = await aModeratedRoom();
    await settings(host, { qaMode: 'reviewed' });
    const budi = await person('Budi Santoso');
    const sari = await person('Sari Dewi');
    const message = await say(budi.member, 'Apakah rekaman webinar ini dibagikan?');

    expect((await sari.member.call(`/chat/${message.id}/question`)).status).toBe(403);
    const made = await host.call(`/chat/${message.id}/question`);

    expect(made.status).toBe(201);
    const question = (await made.json()) as { id: string };
    expect(await nextQuestion(sari.client, question.id)).toMatchObject({
      text: 'Apakah rekaman webinar ini dibagikan?',
      status: 'open',
      fromChat: true,
      author: { identity: budi.identity, name: 'Budi Santoso' },
    });
    const questioned = await sari.client.nextEvent((e) => e.type === 'chat.questioned');
    expect(questioned.data).toEqual({ id: message.id, questionId: question.id });
    expect((await chatOf(sari.member)).find((m) => m.id === message.id)?.questionId).toBe(question.id);
    expect((await snapshotOf(budi.member)).qa.mine).toEqual([question.id]);
    expect(await problemOf(await host.call(`/chat/${message.id}/question`))).toMatchObject({
      status: 409,
      code: 'chat_already_question',
    });
  });
});

describe('polls', () => {
  async function draft(host: RoomClient, poll: PollDraft): Promise<Poll> {
    const response = await host.call('/polls', { body: poll });
    if (response.status !== 201) throw new Error(`poll: ${response.status} ${await response.text()}`);
    return (await response.json()) as Poll;
  }
  const act = async (host: RoomClient, id: string, action: string) => {
    const response = await host.call(`/polls/${id}/${action}`);
    if (response.status !== 200) throw new Error(`${action}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Poll;
  };
  const choose = (member: RoomClient, id: string, optionIds: string[]) =>
    member.call(`/polls/${id}/vote`, { body: { optionIds } });
  const pollEventsOf = (client: ConnectedClient, id: string) =>
    client.events.filter((e) => e.type.startsWith('poll.') && 'id' in e.data && e.data.id === id);

  it('keeps a draft among moderators, takes one vote per person once launched, and shows results only when told', async () => {
    const { host, hostClient, person } = await aModeratedRoom();
    const budi = await person('Budi Santoso');
    const sari = await person('Sari Dewi');

    const prepared = await draft(host, { question: 'Sudah punya NIB?', kind: 'single', options: ['Sudah', 'Belum'] });
    expect(prepared).toMatchObject({ status: 'draft', voters: 0 });
    await hostClient.nextDirect((e) => e.type === 'poll.updated' && e.data.id === prepared.id);
    expect((await snapshotOf(sari.member)).polls.polls).toEqual([]);
    expect((await choose(sari.member, prepared.id, [prepared.options[0]?.id ?? ''])).status).toBe(404);
    const reworded = await host.call(`/polls/${prepared.id}`, {
      method: 'PUT',
      body: { question: 'Usaha Anda sudah punya NIB?', kind: 'single', options: ['Sudah', 'Belum'] },
    });
    expect(reworded.status).toBe(200);
    const [yes, no] = ((await reworded.json()) as Poll).options.map((o) => o.id) as [string, string];

    await act(host, prepared.id, 'launch');

    const launched = await sari.client.nextEvent((e) => e.type === 'poll.updated' && e.data.status === 'open');
    expect(launched.data).toMatchObject({
      question: 'Usaha Anda sudah punya NIB?',
      voters: null,
      options: [
        { text: 'Sudah', votes: null },
        { text: 'Belum', votes: null },
      ],
    });
    expect(pollEventsOf(sari.client, prepared.id)).toHaveLength(1);
    expect(sari.client.direct).toEqual([]);
    expect(await problemOf(await choose(sari.member, prepared.id, [yes, no]))).toMatchObject({
      status: 422,
      code: 'poll_one_choice',
    });
    expect(await problemOf(await choose(sari.member, prepared.id, ['bukan-pilihan']))).toMatchObject({
      status: 422,
      code: 'poll_unknown_option',
    });
    const ballot = await choose(sari.member, prepared.id, [no]);
    expect(ballot.status).toBe(200);
    expect(((await ballot.json()) as Poll).options.map((o) => o.votes)).toEqual([null, null]);
    expect(await problemOf(await choose(sari.member, prepared.id, [yes]))).toMatchObject({
      status: 409,
      code: 'poll_already_voted',
    });
    expect((await choose(budi.member, prepared.id, [yes])).status).toBe(200);
    await roomDepsOf(app.context).bursts.flush();
    const counted = await hostClient.nextDirect((e) => e.type === 'poll.votes' && e.data.voters === 2);
    expect(counted.data).toMatchObject({ options: [{ votes: 1 }, { votes: 1 }] });
    await afterEverythingSoFar(host, [sari.client]);
    expect(sari.client.events.filter((e) => e.type === 'poll.votes')).toEqual([]);
    const seenBySari = (await snapshotOf(sari.member)).polls;
    expect(seenBySari.polls[0]?.options.map((o) => o.votes)).toEqual([null, null]);
    expect(seenBySari.myVotes).toEqual({ [prepared.id]: [no] });

    await act(host, prepared.id, 'show-results');
    const shown = await sari.client.nextEvent((e) => e.type === 'poll.updated' && e.data.resultsVisible);
    expect(shown.data).toMatchObject({ voters: 2, options: [{ votes: 1 }, { votes: 1 }] });
    expect((await choose(host, prepared.id, [yes])).status).toBe(200);
    await roomDepsOf(app.context).bursts.flush();
    const live = await sari.client.nextEvent((e) => e.type === 'poll.votes' && e.data.voters === 3);
    expect(live.data).toMatchObject({
      options: [
        { id: yes, votes: 2 },
        { id: no, votes: 1 },
      ],
    });

    const next = await draft(host, { question: 'Lanjut sesi berikutnya?', options: ['Ya', 'Tidak'] });
    expect(await problemOf(await host.call(`/polls/${next.id}/launch`))).toMatchObject({
      status: 409,
      code: 'poll_already_open',
    });
    await act(host, prepared.id, 'close');
    await budi.client.nextEvent((e) => e.type === 'poll.updated' && e.data.status === 'closed');
    expect(await problemOf(await choose(sari.member, prepared.id, [yes]))).toMatchObject({
      status: 409,
      code: 'poll_not_open',
    });
    expect(
      (await host.call(`/polls/${prepared.id}`, { method: 'PUT', body: { question: 'Ubah', options: ['a', 'b'] } }))
        .status,
    ).toBe(409);
    expect((await host.call(`/polls/${prepared.id}`, { method: 'DELETE' })).status).toBe(409);
    expect((await host.call(`/polls/${next.id}`, { method: 'DELETE' })).status).toBe(204);
    await hostClient.nextDirect((e) => e.type === 'poll.removed' && e.data.id === next.id);
    expect((await snapshotOf(host)).polls.polls.map((p) => p.id)).toEqual([prepared.id]);
  });

  it('hides shown results again when told: the audience loses the counts, and later votes are counted for moderators alone', async () => {
    const { host, hostClient, person } = await aModeratedRoom();
    const budi = await person('Budi Santoso');
    const sari = await person('Sari Dewi');
    const poll = await draft(host, { question: 'Sudah memakai QRIS?', kind: 'single', options: ['Sudah', 'Belum'] });
    const [yes, no] = poll.options.map((o) => o.id) as [string, string];
    await act(host, poll.id, 'launch');
    expect((await choose(sari.member, poll.id, [yes])).status).toBe(200);
    await act(host, poll.id, 'show-results');
    await sari.client.nextEvent((e) => e.type === 'poll.updated' && e.data.resultsVisible);

    // A participant cannot hide them.
    expect(await problemOf(await budi.member.call(`/polls/${poll.id}/hide-results`))).toMatchObject({
      status: 403,
      code: 'room_moderators_only',
    });
    expect((await snapshotOf(budi.member)).polls.polls[0]?.resultsVisible).toBe(true);

    // The moderator still sees the counts in the answer; the audience is told they are hidden, without them.
    const hidden = await act(host, poll.id, 'hide-results');
    expect(hidden).toMatchObject({ resultsVisible: false, voters: 1, options: [{ votes: 1 }, { votes: 0 }] });
    const told = await sari.client.nextEvent((e) => e.type === 'poll.updated' && !e.data.resultsVisible);
    expect(told.data).toMatchObject({ status: 'open', voters: null, options: [{ votes: null }, { votes: null }] });
    expect((await snapshotOf(sari.member)).polls.polls[0]).toMatchObject({
      resultsVisible: false,
      voters: null,
      options: [{ votes: null }, { votes: null }],
    });

    expect((await choose(budi.member, poll.id, [no])).status).toBe(200);
    await roomDepsOf(app.context).bursts.flush();
    await hostClient.nextDirect((e) => e.type === 'poll.votes' && e.data.id === poll.id && e.data.voters === 2);
    await afterEverythingSoFar(host, [sari.client]);
    expect(sari.client.events.filter((e) => e.type === 'poll.votes')).toEqual([]);
  });

  it('keeps the results with the session: the organizer’s report and CSVs, with formula-like text neutralized', async () => {
    const { setup, host, person } = await aModeratedRoom();
    const budi = await person('Budi Santoso');
    const sari = await person('Sari Dewi');
    const channels = await draft(host, {
      question: 'Di mana Anda berjualan?',
      kind: 'multiple',
      options: ['Instagram', 'Tokopedia', '=WhatsApp'],
    });
    const [instagram, tokopedia, whatsapp] = channels.options.map((o) => o.id) as [string, string, string];
    await act(host, channels.id, 'launch');
    expect((await choose(budi.member, channels.id, [instagram, whatsapp])).status).toBe(200);
    expect((await choose(sari.member, channels.id, [whatsapp])).status).toBe(200);
    await act(host, channels.id, 'close');
    await draft(host, { question: 'Draf yang belum dipakai', options: ['a', 'b'] });
    await ask(budi.member, '=HYPERLINK("http://contoh.id","klik")');
    await say(sari.member, 'Terima kasih!');

    const report = await interactionReportSeenBy(setup.owner, setup.session.slug);
    expect(report.polls).toHaveLength(1);
    expect(report.polls[0]).toMatchObject({
      question: 'Di mana Anda berjualan?',
      status: 'closed',
      voters: 2,
      options: [
        { id: instagram, votes: 1 },
        { id: tokopedia, votes: 0 },
        { id: whatsapp, votes: 2 },
      ],
    });
    expect(report.chatMessages).toBe(1);
    expect(report.questions.map((q) => q.text)).toEqual(['=HYPERLINK("http://contoh.id","klik")']);

    const pollsCsv = await setup.owner.request(`/api/sessions/${setup.session.slug}/report/polls.csv`);
    expect(pollsCsv.headers.get('content-type')).toMatch(/^text\/csv/);
    const pollLines = (await pollsCsv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(pollLines).toEqual([
      'poll,kind,status,option,votes,voters',
      'Di mana Anda berjualan?,multiple,closed,Instagram,1,2',
      'Di mana Anda berjualan?,multiple,closed,Tokopedia,0,2',
      "Di mana Anda berjualan?,multiple,closed,'=WhatsApp,2,2",
    ]);
    const questionsCsv = await (
      await setup.owner.request(`/api/sessions/${setup.session.slug}/report/questions.csv`)
    ).text();
    expect(questionsCsv).toContain(`"'=HYPERLINK(""http://contoh.id"",""klik"")"`);
    expect(questionsCsv).not.toMatch(/(^|,|")=HYPERLINK/m);
    expect(questionsCsv).toContain('Budi Santoso');

    const stranger = await signUp(app.url, { name: 'Orang Lain' });
    expect((await stranger.request(`/api/sessions/${setup.session.slug}/report/interaction`)).status).toBe(403);
    expect((await stranger.request(`/api/sessions/${setup.session.slug}/report/questions.csv`)).status).toBe(403);
  });
});

describe('reactions', () => {
  const react = (member: RoomClient, reaction: Reaction) => member.call('/reactions', { body: { reaction } });
  /** The reactions a client was told of, summed over every burst. */
  const reactionsKnownBy = (client: ConnectedClient) => {
    const totals: Record<string, number> = {};
    for (const e of client.events) {
      if (e.type !== 'reaction.burst') continue;
      for (const [reaction, n] of Object.entries(e.data.counts)) totals[reaction] = (totals[reaction] ?? 0) + (n ?? 0);
    }
    return totals;
  };

  it('floats a storm of reactions from several people over the stage as a few bursts that add up exactly', async () => {
    const { setup, host, hostClient, person } = await aModeratedRoom();
    const budi = await person('Budi Santoso');
    const sari = await person('Sari Dewi');
    expect(await problemOf(await react(budi.member, 'clap'))).toMatchObject({ status: 409, code: 'room_not_live' });
    expect((await host.call('/live')).status).toBe(204);
    const plan: [RoomClient, Reaction, number][] = [
      [budi.member, 'clap', 6],
      [budi.member, 'heart', 3],
      [sari.member, 'party', 5],
      [sari.member, 'clap', 4],
      [host, 'wow', 8],
    ];
    const sent = plan.reduce((n, [, , times]) => n + times, 0);

    const startedAt = Date.now();
    const answers = await Promise.all(
      plan.flatMap(([member, reaction, times]) => Array.from({ length: times }, () => react(member, reaction))),
    );
    const sendingMs = Date.now() - startedAt;

    expect(answers.map((r) => r.status)).toEqual(Array(sent).fill(204));
    const expected = { clap: 10, heart: 3, party: 5, wow: 8 };
    for (const client of [budi.client, sari.client, hostClient]) {
      await eventually(
        async () => JSON.stringify(sortedKeys(reactionsKnownBy(client))) === JSON.stringify(sortedKeys(expected)),
      );
    }
    await afterEverythingSoFar(host, [budi.client]);
    expect(sortedKeys(reactionsKnownBy(budi.client))).toEqual(sortedKeys(expected));
    const bursts = budi.client.events.filter((e) => e.type === 'reaction.burst').length;
    expect(bursts).toBeLessThanOrEqual(Math.ceil(sendingMs / BURST_MS) + 1);
    expect(bursts).toBeLessThan(sent / 2);
    const report = await interactionReportSeenBy(setup.owner, setup.session.slug);
    expect(sortedKeys(report.reactions)).toEqual(sortedKeys(expected));
  });

  it('lets someone waiting in a private session’s lobby neither react, chat nor ask', async () => {
    const setup = await aRoomSetup(app, { visibility: 'private' });
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    expect((await host.call('/live')).status).toBe(204);
    const waiting = await joinLobby(app, setup.session.slug, {
      caller: await signUpConfirmed(app, { name: 'Wayan Sudarma' }),
    });
    expect(waiting.join.snapshot.me.admission).toBe('pending');

    for (const [path, body] of [
      ['/reactions', { reaction: 'clap' }],
      ['/chat', { text: 'Halo dari lobi' }],
      ['/questions', { text: 'Boleh masuk?' }],
    ] as const) {
      expect(await problemOf(await waiting.call(path, { body })), path).toMatchObject({
        status: 403,
        code: 'room_not_admitted',
      });
    }
    await roomDepsOf(app.context).bursts.flush();
    const report = await interactionReportSeenBy(setup.owner, setup.session.slug);
    expect(report).toMatchObject({ reactions: {}, chatMessages: 0, questions: [] });
  });

  it('refuses a person’s reactions past the rate limit with 429, and counts only those taken', async () => {
    const { setup, host, person } = await aModeratedRoom();
    const budi = await person('Budi Santoso');
    expect((await host.call('/live')).status).toBe(204);

    const answers = await Promise.all(Array.from({ length: 25 }, () => react(budi.member, 'heart')));

    const taken = answers.filter((r) => r.status === 204).length;
    const refused = answers.filter((r) => r.status === 429);
    expect(taken).toBeGreaterThanOrEqual(10);
    expect(refused.length).toBeGreaterThan(0);
    expect(await problemOf(refused[0] as Response)).toMatchObject({ status: 429, code: 'rate_limited' });
    await roomDepsOf(app.context).bursts.flush();
    const report = await interactionReportSeenBy(setup.owner, setup.session.slug);
    expect(report.reactions).toEqual({ heart: taken });
    // Someone else in the room is not held back.
    expect((await react(host, 'heart')).status).toBe(204);
  });
});

function sortedKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
