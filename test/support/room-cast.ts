import type { JoinRoomResult } from '@serambi/shared';
import { type Caller, signUpConfirmed } from './accounts.ts';
import type { TestApp } from './app.ts';
import {
  aCoOrganizer,
  anAudienceMember,
  aRegistrant,
  aSessionModerator,
  type ConnectedClient,
  connect,
  joinLobby,
  joinRoom,
  type RoomClient,
  untilConnected,
} from './room.ts';

/** Where someone stands with a room, as the authorization tables name them. */
export const ROOM_STANDINGS = [
  'participant',
  'lobby',
  'denied',
  'banned',
  'removed',
  'removedGuest',
  'removedModerator',
  'removedCoOrganizer',
] as const;
export type RoomStanding = (typeof ROOM_STANDINGS)[number];

export interface RoomCast {
  session: { id: string; slug: string };
  host: RoomClient;
  /** Each standing's room client (with the ticket they were given) and, where they have one, their account. */
  people: Record<RoomStanding, { room: RoomClient<JoinRoomResult>; account?: Caller }>;
  /** Someone on the stage's invitation list with a raised hand: the target of moderator actions. */
  bystander: { identity: string; client: ConnectedClient };
  /** What the room holds: a question, a launched poll and a chat message. */
  questionId: string;
  poll: { id: string; optionId: string };
  chatMessageId: string;
  /** Disconnects everyone this cast connected to LiveKit. */
  leave(): Promise<void>;
}

/**
 * A private session of the community, live, with everyone a room can have: an admitted
 * participant, someone waiting in the lobby, someone turned away, someone banned, someone removed,
 * a guest taken off the stage, a moderator removed from the session and a co-organizer removed
 * from the community, each holding the ticket they got while they still had their place. The room
 * has a chat message, a question, a running poll, a raised hand and an invited guest.
 */
export async function aRoomCast(app: TestApp, owner: Caller, communitySlug: string): Promise<RoomCast> {
  const created = await owner.request(`/api/communities/${communitySlug}/sessions`, {
    method: 'POST',
    body: {
      title: 'Kelas Tertutup',
      startsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      timeZone: 'Asia/Jakarta',
      visibility: 'private',
    },
  });
  if (created.status !== 201) throw new Error(`session: ${created.status} ${await created.text()}`);
  const session = (await created.json()) as { id: string; slug: string };
  const setup = { owner, session };
  const expectDone = async (what: string, response: Promise<Response>) => {
    const answer = await response;
    if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${await answer.text()}`);
    return answer;
  };

  const backstage = await joinRoom(app, session.slug, { caller: owner });
  await expectDone('live', backstage.call('/live'));
  const host = await joinRoom(app, session.slug, { caller: owner });
  const byLink = async (name: string) =>
    joinRoom(app, session.slug, { joinSecret: await aRegistrant(app, owner, session.slug, name) });

  const participant = await byLink('Budi Santoso');
  const lobbyAccount = await signUpConfirmed(app, { name: 'Nyoman Menunggu' });
  const lobby = await joinLobby(app, session.slug, { caller: lobbyAccount });
  const deniedAccount = await signUpConfirmed(app, { name: 'Ketut Ditolak' });
  const denied = await joinLobby(app, session.slug, { caller: deniedAccount });
  await expectDone('deny', host.call(`/participants/${denied.join.snapshot.me.identity}/deny`));
  const banned = await byLink('Rudi Hartono');
  await expectDone('ban', host.call(`/participants/${banned.join.snapshot.me.identity}/ban`));
  const removed = await byLink('Sari Dewi');
  await expectDone('remove', host.call(`/participants/${removed.join.snapshot.me.identity}/remove`));

  // A guest with an account of their own, who came in by their link and was taken off the stage.
  const guestAccount = await signUpConfirmed(app, { name: 'Made Tamu' });
  const guestEmail = guestAccount.email;
  await expectDone(
    'guest registration',
    owner.request(`/api/sessions/${session.slug}/invitations`, {
      method: 'POST',
      body: { name: 'Made Tamu', email: guestEmail },
    }),
  );
  const guestRow = await app.context.db.query.registrations.findFirst({
    where: (r, { and, eq }) => and(eq(r.sessionId, session.id), eq(r.email, guestEmail)),
  });
  if (!guestRow) throw new Error('guest registration missing');
  const guest = await joinRoom(app, session.slug, {
    joinSecret: app.context.links.secretFor(guestRow.id, guestRow.linkGeneration),
  });
  const guestIdentity = guest.join.snapshot.me.identity;
  const guestClient = await connect(guest.join);
  await untilConnected(host, guestIdentity);
  await expectDone('invite guest', host.call(`/participants/${guestIdentity}/invite`));
  await expectDone('accept', guest.call('/stage/answer', { body: { accept: true } }));
  await expectDone('off the stage', host.call(`/participants/${guestIdentity}/remove-from-stage`));

  const moderator = await aSessionModerator(app, session.id);
  const removedModerator = await joinRoom(app, session.slug, { caller: moderator.caller });
  await expectDone(
    'remove moderator',
    owner.request(`/api/sessions/${session.slug}/people/${moderator.personId}`, { method: 'DELETE' }),
  );
  const coOrganizer = await aCoOrganizer(app, communitySlug);
  const removedCoOrganizer = await joinRoom(app, session.slug, { caller: coOrganizer.caller });
  await expectDone(
    'remove co-organizer',
    owner.request(`/api/communities/${communitySlug}/members/${coOrganizer.userId}`, { method: 'DELETE' }),
  );

  // What a lobby must not see.
  const bystander = await anAudienceMember(app, setup, host, 'Dewi Lestari');
  await expectDone('hand', bystander.member.call('/hand', { body: { raised: true } }));
  await expectDone('invite', host.call(`/participants/${bystander.identity}/invite`));
  const chat = await expectDone('chat', host.call('/chat', { body: { text: 'Selamat datang semuanya!' } }));
  const question = await expectDone(
    'question',
    participant.call('/questions', { body: { text: 'Bagaimana memulai toko daring?' } }),
  );
  const poll = await expectDone(
    'poll',
    host.call('/polls', { body: { question: 'Sudah punya toko daring?', options: ['Sudah', 'Belum'] } }),
  );
  const pollBody = (await poll.json()) as { id: string; options: Array<{ id: string }> };
  await expectDone('launch', host.call(`/polls/${pollBody.id}/launch`));

  return {
    session,
    host,
    people: {
      participant: { room: participant },
      lobby: { room: lobby, account: lobbyAccount },
      denied: { room: denied, account: deniedAccount },
      banned: { room: banned },
      removed: { room: removed },
      removedGuest: { room: guest, account: guestAccount },
      removedModerator: { room: removedModerator, account: moderator.caller },
      removedCoOrganizer: { room: removedCoOrganizer, account: coOrganizer.caller },
    },
    bystander: { identity: bystander.identity, client: bystander.client },
    questionId: ((await question.json()) as { id: string }).id,
    poll: { id: pollBody.id, optionId: pollBody.options[0]?.id ?? '' },
    chatMessageId: ((await chat.json()) as { id: string }).id,
    async leave() {
      await guestClient.disconnect();
      await bystander.client.disconnect();
    },
  };
}
