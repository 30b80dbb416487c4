import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller, signUp, signUpConfirmed } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

describe('invitations, seen before they are accepted, and the people they bring', () => {
  let peer: SmtpPeer;
  let app: TestApp;
  let owner: Caller;
  let sessionSlug: string;
  const slug = 'komunitas-undangan';
  const year = new Date().getUTCFullYear() + 1;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    app = await startTestApp({ smtpUrl: peer.url });
    owner = await signUpConfirmed(app, { name: 'Ayu Lestari' });
    await owner.request('/api/communities', {
      method: 'POST',
      body: { name: 'Komunitas Undangan', slug, timeZone: 'Asia/Makassar' },
    });
    const session = await owner.request(`/api/communities/${slug}/sessions`, {
      method: 'POST',
      body: { title: 'Bincang Usaha', startsAt: `${year}-02-01T12:00:00Z`, timeZone: 'Asia/Makassar' },
    });
    sessionSlug = (await session.json()).slug;
  });
  afterAll(async () => {
    await app?.stop();
    await peer?.stop();
  });

  it('shows a session invitation to anyone holding the link, then marks it accepted', async () => {
    await owner.request(`/api/sessions/${sessionSlug}/people`, {
      method: 'POST',
      body: { role: 'moderator', name: 'Komang Ari', email: 'komang@example.id' },
    });
    const secret = linkSecret(await mailTo(peer, 'komang@example.id'), 'speak');
    const details = await anonymous(app.url).request(`/api/session-invitations/${secret}`);
    expect(details.status).toBe(200);
    expect(await details.json()).toEqual({
      role: 'moderator',
      name: 'Komang Ari',
      email: 'komang@example.id',
      accepted: false,
      scope: 'session',
      session: {
        slug: sessionSlug,
        title: 'Bincang Usaha',
        startsAt: `${year}-02-01T12:00:00.000Z`,
        timeZone: 'Asia/Makassar',
      },
      series: null,
      community: { slug, name: 'Komunitas Undangan' },
    });
    const komang = await signUp(app.url, { name: 'Komang Ari' });
    expect((await komang.request(`/api/session-invitations/${secret}/accept`, { method: 'POST' })).status).toBe(200);
    const after = await (await anonymous(app.url).request(`/api/session-invitations/${secret}`)).json();
    expect(after.accepted).toBe(true);
  });

  it('shows a series invitation with the series and its first session; removing her from one session keeps the others', async () => {
    const created = await owner.request(`/api/communities/${slug}/series`, {
      method: 'POST',
      body: {
        title: 'Kelas Mingguan',
        schedule: {
          firstDate: `${year}-03-01`,
          startTime: '19:00',
          timeZone: 'Asia/Makassar',
          rule: { kind: 'weekly' },
          end: { kind: 'count', count: 3 },
        },
        people: [{ role: 'speaker', name: 'Dewi Sartika', email: 'dewi@example.id' }],
      },
    });
    const series = await created.json();
    const secret = linkSecret(await mailTo(peer, 'dewi@example.id'), 'speak');
    const details = await (await anonymous(app.url).request(`/api/session-invitations/${secret}`)).json();
    expect(details).toMatchObject({
      role: 'speaker',
      name: 'Dewi Sartika',
      email: 'dewi@example.id',
      accepted: false,
      scope: 'series',
      session: { slug: series.sessions[0].slug, title: 'Kelas Mingguan #1', timeZone: 'Asia/Makassar' },
      series: { id: series.id, title: 'Kelas Mingguan' },
    });

    const first = await (await owner.request(`/api/sessions/${series.sessions[0].slug}`)).json();
    const dewi = first.people[0];
    expect(dewi.name).toBe('Dewi Sartika');
    const removed = await owner.request(`/api/sessions/${first.slug}/people/${dewi.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect((await (await owner.request(`/api/sessions/${first.slug}`)).json()).people).toEqual([]);
    const second = await (await owner.request(`/api/sessions/${series.sessions[1].slug}`)).json();
    expect(second.people).toMatchObject([{ name: 'Dewi Sartika' }]);
  });

  it('answers an unknown link with link_invalid', async () => {
    const unknown = 'a'.repeat(43);
    for (const path of [`/api/session-invitations/${unknown}`, `/api/organizer-invitations/${unknown}`]) {
      const response = await anonymous(app.url).request(path);
      expect(response.status, path).toBe(404);
      expect((await response.json()).code).toBe('link_invalid');
    }
  });

  it('shows a co-organizer invitation, and once revoked its link no longer works', async () => {
    const invited = await owner.request(`/api/communities/${slug}/invitations`, {
      method: 'POST',
      body: { email: 'rekan@example.id' },
    });
    const invitation = await invited.json();
    const secret = linkSecret(await mailTo(peer, 'rekan@example.id'), 'invitations');
    const details = await (await anonymous(app.url).request(`/api/organizer-invitations/${secret}`)).json();
    expect(details).toEqual({
      email: 'rekan@example.id',
      role: 'organizer',
      status: 'pending',
      community: { slug, name: 'Komunitas Undangan' },
      invitedBy: 'Ayu Lestari',
      expired: false,
    });

    const revoked = await owner.request(`/api/communities/${slug}/invitations/${invitation.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(204);
    const rekan = await signUpConfirmed(app, { email: 'rekan@example.id' });
    const accept = await rekan.request(`/api/organizer-invitations/${secret}/accept`, { method: 'POST' });
    expect(accept.status).toBe(404);
    expect((await accept.json()).code).toBe('link_invalid');
  });

  it('keeps the last owner: removing them is a 409, removing another organizer works', async () => {
    const { user } = await (await owner.request('/api/auth/get-session')).json();
    const refused = await owner.request(`/api/communities/${slug}/members/${user.id}`, {
      method: 'DELETE',
      headers: { 'Accept-Language': 'en' },
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'last_owner', detail: expect.stringMatching(/owner/) });

    await owner.request(`/api/communities/${slug}/invitations`, {
      method: 'POST',
      body: { email: 'wayan@example.id' },
    });
    const secret = linkSecret(await mailTo(peer, 'wayan@example.id'), 'invitations');
    const wayan = await signUpConfirmed(app, { email: 'wayan@example.id' });
    expect((await wayan.request(`/api/organizer-invitations/${secret}/accept`, { method: 'POST' })).status).toBe(200);
    const { user: wayanUser } = await (await wayan.request('/api/auth/get-session')).json();
    const removed = await owner.request(`/api/communities/${slug}/members/${wayanUser.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    const { members } = await (await owner.request(`/api/communities/${slug}/members`)).json();
    expect(members.map((m: { userId: string }) => m.userId)).toEqual([user.id]);
  });

  it('a co-organizer invitation works once: a removed organizer cannot come back with it, nor with a second link sent before', async () => {
    for (const _ of [1, 2]) {
      const invited = await owner.request(`/api/communities/${slug}/invitations`, {
        method: 'POST',
        body: { email: 'putu@example.id' },
      });
      expect(invited.status).toBe(201);
    }
    const [first, second] = await mailsTo(peer, 'putu@example.id', 2);
    const putu = await signUpConfirmed(app, { email: 'putu@example.id' });
    const accept = (secret: string) => putu.request(`/api/organizer-invitations/${secret}/accept`, { method: 'POST' });
    const firstSecret = linkSecret(first, 'invitations');
    expect((await accept(firstSecret)).status).toBe(200);
    // Pressing accept again while still a member changes nothing and says so.
    expect(await (await accept(firstSecret)).json()).toMatchObject({ slug, role: 'organizer' });

    const { user } = await (await putu.request('/api/auth/get-session')).json();
    expect((await owner.request(`/api/communities/${slug}/members/${user.id}`, { method: 'DELETE' })).status).toBe(204);
    const again = await accept(firstSecret);
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('invitation_used');
    const spare = await accept(linkSecret(second, 'invitations'));
    expect(spare.status).toBe(404);
    expect((await spare.json()).code).toBe('link_invalid');
    expect((await putu.request(`/api/communities/${slug}/members`)).status).toBe(403);
    const { members } = await (await owner.request(`/api/communities/${slug}/members`)).json();
    expect(members.map((m: { email: string }) => m.email)).not.toContain('putu@example.id');
  });

  it('an owner who accepts an organizer invitation to their own community stays its owner', async () => {
    await owner.request(`/api/communities/${slug}/invitations`, {
      method: 'POST',
      body: { email: owner.email, role: 'organizer' },
    });
    const secret = linkSecret(await mailTo(peer, owner.email, 'invitations'), 'invitations');
    const accepted = await owner.request(`/api/organizer-invitations/${secret}/accept`, { method: 'POST' });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ slug, role: 'owner' });
    const { members } = await (await owner.request(`/api/communities/${slug}/members`)).json();
    expect(members.filter((m: { role: string }) => m.role === 'owner').map((m: { email: string }) => m.email)).toEqual([
      owner.email,
    ]);
  });

  it('a speaker’s link, once accepted, is not taken over by another account; a removed speaker’s link no longer works', async () => {
    const added = await owner.request(`/api/sessions/${sessionSlug}/people`, {
      method: 'POST',
      body: { role: 'speaker', name: 'Gede Arta', email: 'gede@example.id' },
    });
    const person = await added.json();
    const secret = linkSecret(await mailTo(peer, 'gede@example.id'), 'speak');
    const gede = await signUp(app.url, { name: 'Gede Arta' });
    const other = await signUp(app.url, { name: 'Orang Lain' });
    const accept = (caller: Caller) => caller.request(`/api/session-invitations/${secret}/accept`, { method: 'POST' });
    expect((await accept(gede)).status).toBe(200);
    const takenOver = await accept(other);
    expect(takenOver.status).toBe(409);
    expect((await takenOver.json()).code).toBe('invitation_used');

    expect((await owner.request(`/api/sessions/${sessionSlug}/people/${person.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    const afterRemoval = await accept(gede);
    expect(afterRemoval.status).toBe(404);
    expect((await afterRemoval.json()).code).toBe('link_invalid');
  });

  it('an edited speaker shows the new details, and a removed one is gone from the session', async () => {
    const added = await owner.request(`/api/sessions/${sessionSlug}/people`, {
      method: 'POST',
      body: { role: 'speaker', name: 'Putu Eka', email: 'putu@example.id', bio: 'Pengusaha kuliner' },
    });
    const person = await added.json();
    const edited = await owner.request(`/api/sessions/${sessionSlug}/people/${person.id}`, {
      method: 'PATCH',
      body: { name: 'Putu Eka Pratama', title: 'Pemilik Warung Eka' },
    });
    expect(edited.status).toBe(200);
    const seen = await (await anonymous(app.url).request(`/api/sessions/${sessionSlug}`)).json();
    expect(seen.people).toContainEqual(
      expect.objectContaining({
        id: person.id,
        role: 'speaker',
        name: 'Putu Eka Pratama',
        title: 'Pemilik Warung Eka',
        bio: 'Pengusaha kuliner',
      }),
    );
    const refusedRole = await owner.request(`/api/sessions/${sessionSlug}/people/${person.id}`, {
      method: 'PATCH',
      body: { role: 'moderator' },
    });
    expect(refusedRole.status).toBe(422);

    const removed = await owner.request(`/api/sessions/${sessionSlug}/people/${person.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    const after = await (await anonymous(app.url).request(`/api/sessions/${sessionSlug}`)).json();
    expect(after.people.map((p: { id: string }) => p.id)).not.toContain(person.id);
  });
});

/** The first mail to `address` (with a link to `path`, when given). */
function mailTo(peer: SmtpPeer, address: string, path?: 'speak' | 'invitations'): Promise<ParsedMail> {
  return peer.waitForMessage(
    (m) => JSON.stringify(m.to ?? '').includes(address) && (!path || (m.text ?? '').includes(`/${path}/`)),
  );
}

async function mailsTo(peer: SmtpPeer, address: string, count: number): Promise<ParsedMail[]> {
  const toAddress = (m: ParsedMail) => JSON.stringify(m.to ?? '').includes(address);
  await peer.waitForMessage(() => peer.messages.filter(toAddress).length >= count);
  return peer.messages.filter(toAddress);
}

function linkSecret(mail: ParsedMail | undefined, path: 'speak' | 'invitations'): string {
  const secret = new RegExp(`/${path}/([A-Za-z0-9_-]{43})`).exec(mail?.text ?? '')?.[1];
  if (!secret) throw new Error(`no /${path}/ link in ${mail?.subject}`);
  return secret;
}
