import { type Caller, signUp } from '../accounts.ts';
import type { TestApp } from '../app.ts';
import { aRegistrant, joinRoom, type RoomClient } from '../room.ts';
import type { PathValues } from './requests.ts';

/**
 * Everything the fuzz needs so that an authorized request reaches deep code: an organizer with
 * a community, a series, a draft session, a live session with a registrant, a question, a chat
 * message and a poll, and an ended session with a certificate. `pathValues` holds their ids by
 * the path parameter names of the OpenAPI document.
 */
export interface FuzzWorld {
  organizer: Caller;
  /** Another organizer, of no community here: for requests that must be refused. */
  stranger: Caller;
  community: { slug: string };
  series: { id: string };
  live: { id: string; slug: string };
  draft: { id: string; slug: string };
  held: { id: string; slug: string };
  registrantSecret: string;
  host: RoomClient;
  member: RoomClient;
  pathValues: PathValues;
  /** Every real id, for uuid fields in bodies. */
  ids: string[];
}

export async function aFuzzWorld(app: TestApp): Promise<FuzzWorld> {
  const organizer = await signUp(app.url, { name: 'Ayu Lestari' });
  const stranger = await signUp(app.url, { name: 'Orang Lain' });
  const slug = `fuzz-${Math.random().toString(36).slice(2, 8)}`;
  await expectCreated(
    organizer.request('/api/communities', {
      method: 'POST',
      body: { name: 'Komunitas Fuzz', slug, timeZone: 'Asia/Makassar' },
    }),
  );
  const series = await expectCreated<{ id: string; sessions?: Array<{ slug: string }> }>(
    organizer.request(`/api/communities/${slug}/series`, {
      method: 'POST',
      body: {
        title: 'Seri Belajar',
        schedule: {
          firstDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
          startTime: '19:30',
          timeZone: 'Asia/Makassar',
          rule: { kind: 'weekly' },
          end: { kind: 'count', count: 3 },
        },
      },
    }),
  );
  const live = await aSession(organizer, slug, 'scheduled');
  const draft = await aSession(organizer, slug, 'draft');
  const held = await aSession(organizer, slug, 'scheduled');

  const registrantSecret = await aRegistrant(app, organizer, live.slug, 'Dewi Sartika');
  const host = await joinRoom(app, live.slug, { caller: organizer });
  await expectStatus(host.call('/live'), 204);
  const member = await joinRoom(app, live.slug, { joinSecret: registrantSecret });
  const question = await expectCreated<{ id: string }>(
    member.call('/questions', { body: { text: 'Pertanyaan awal?' } }),
  );
  const chat = await expectCreated<{ id: string }>(member.call('/chat', { body: { text: 'Halo semua' } }));
  const poll = await expectCreated<{ id: string }>(
    host.call('/polls', { body: { question: 'Pilih satu', options: ['Ya', 'Tidak'] } }),
  );
  const person = await expectCreated<{ id: string }>(
    organizer.request(`/api/sessions/${live.slug}/people`, {
      method: 'POST',
      body: { role: 'speaker', name: 'Made Wirawan', email: 'made.fuzz@example.id' },
    }),
  );
  const invitation = await expectCreated<{ id: string }>(
    organizer.request(`/api/communities/${slug}/invitations`, {
      method: 'POST',
      body: { email: 'rekan.fuzz@example.id' },
    }),
  );

  const heldSecret = await aRegistrant(app, organizer, held.slug, 'Rudi Hartono');
  const heldHost = await joinRoom(app, held.slug, { caller: organizer });
  await expectStatus(heldHost.call('/live'), 204);
  await joinRoom(app, held.slug, { joinSecret: heldSecret });
  await expectStatus(heldHost.call('/end'), 204);
  const certificate = await expectCreated<{ id: string; number: string }>(
    organizer.request(`/api/sessions/${held.slug}/certificates`, {
      method: 'POST',
      body: { name: 'Rudi Hartono', email: 'rudi.fuzz@example.id' },
    }),
  );

  const user = await app.context.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, organizer.email) });
  const ids = [series.id, live.id, draft.id, held.id, question.id, chat.id, poll.id, person.id, invitation.id];
  ids.push(certificate.id);
  const pathValues: PathValues = {
    slug: [slug],
    ref: [live.slug, live.slug, live.id, draft.slug, held.slug],
    id: [series.id, question.id, chat.id, poll.id, invitation.id, certificate.id],
    secret: [registrantSecret, heldSecret],
    userId: user ? [user.id] : [],
    personId: [person.id],
    identity: [host.join.snapshot.me.identity, member.join.snapshot.me.identity],
    number: ['1', '2', certificate.number],
  };
  return {
    organizer,
    stranger,
    community: { slug },
    series,
    live,
    draft,
    held,
    registrantSecret,
    host,
    member,
    pathValues,
    ids,
  };
}

async function aSession(organizer: Caller, communitySlug: string, status: 'draft' | 'scheduled') {
  return expectCreated<{ id: string; slug: string }>(
    organizer.request(`/api/communities/${communitySlug}/sessions`, {
      method: 'POST',
      body: {
        title: status === 'draft' ? 'Sesi Draf' : 'Sesi Langsung',
        startsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
        timeZone: 'Asia/Makassar',
        status,
      },
    }),
  );
}

async function expectCreated<T = unknown>(pending: Promise<Response>): Promise<T> {
  const response = await pending;
  if (response.status !== 201) throw new Error(`fixture not created: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function expectStatus(pending: Promise<Response>, status: number) {
  const response = await pending;
  if (response.status !== status) throw new Error(`fixture step: ${response.status} ${await response.text()}`);
}
