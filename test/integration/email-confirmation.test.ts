import { registrations } from '@serambi/server/registrations/schema.ts';
import { translate } from '@serambi/shared/i18n';
import { eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { anEmail, anInvitee } from '../support/attendance.ts';
import { aReadyRecording } from '../support/recordings.ts';
import { aRoomSetup, joinRoom, problemOf, requestJoin } from '../support/room.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

/**
 * Someone signs up with another person's address and never confirms it: what that address grants
 * (a registrant's seat in the room, their replay, an organizer invitation sent to it) stays out of
 * reach with a problem saying to confirm, until the account follows the link the mail brings.
 */
describe('rights that come from an address need the address confirmed', () => {
  let peer: SmtpPeer;
  let app: TestApp;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    app = await startTestApp({ smtpUrl: peer.url });
  });
  afterAll(async () => {
    await app?.stop();
    await peer?.stop();
  });

  it('an unconfirmed account with a registrant’s address does not enter the room as them; after the mailed link it does', async () => {
    const { owner, session } = await aRoomSetup(app);
    const email = anEmail('Sari Dewi');
    await anInvitee(app, owner, session, { name: 'Sari Dewi', email });
    const claimant = await signUp(app.url, { name: 'Bukan Sari', email });

    const refused = await problemOf(await requestJoin(app, session.slug, { caller: claimant }));
    expect(refused).toMatchObject({ status: 403, code: 'email_unconfirmed' });
    expect(refused.detail).toBe(translate('id', 'problems.emailUnconfirmed', { email }));
    const inEnglish = await claimant.request(`/api/sessions/${session.slug}/room/join`, {
      method: 'POST',
      body: {},
      headers: { 'Accept-Language': 'en' },
    });
    expect(await problemOf(inEnglish)).toMatchObject({
      status: 403,
      code: 'email_unconfirmed',
      detail: expect.stringMatching(new RegExp(`^Confirm your email address first: we sent a link to ${email}`)),
    });

    await confirmByResentLink(claimant, `/live/${session.slug}`);
    const entered = await joinRoom(app, session.slug, { caller: claimant });
    const [registration] = await app.context.db.select().from(registrations).where(eq(registrations.email, email));
    expect(entered.join.snapshot.me).toMatchObject({ identity: `r_${registration?.id}`, name: 'Sari Dewi' });
  });

  it('an unconfirmed account with a registrant’s address is asked to confirm before the registrants’ replay; confirmed, it plays', async () => {
    const { owner, session } = await aRoomSetup(app);
    const email = anEmail('Budi Santoso');
    await anInvitee(app, owner, session, { name: 'Budi Santoso', email });
    await aReadyRecording(app, session.id);
    const claimant = await signUp(app.url, { email });

    const refused = await problemOf(await claimant.request(`/api/sessions/${session.slug}/replay`));
    expect(refused).toMatchObject({ status: 403, code: 'email_unconfirmed' });

    await confirmByResentLink(claimant, `/s/${session.slug}`);
    const replay = await claimant.request(`/api/sessions/${session.slug}/replay`);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ state: 'available', parts: [{ part: 1 }] });
  });

  it('an unconfirmed account with the invited address cannot accept an organizer invitation until it confirms', async () => {
    const { owner, community } = await aRoomSetup(app);
    const email = anEmail('Komang Ari');
    const invited = await owner.request(`/api/communities/${community.slug}/invitations`, {
      method: 'POST',
      body: { email },
    });
    expect(invited.status).toBe(201);
    const secret = /\/invitations\/([A-Za-z0-9_-]{43})/.exec((await mailTo(email, /\/invitations\//)).text ?? '')?.[1];
    const claimant = await signUp(app.url, { email });

    const refused = await problemOf(
      await claimant.request(`/api/organizer-invitations/${secret}/accept`, { method: 'POST' }),
    );
    expect(refused).toMatchObject({ status: 403, code: 'email_unconfirmed' });
    const { members } = await (await owner.request(`/api/communities/${community.slug}/members`)).json();
    expect(members).toHaveLength(1);

    await confirmByResentLink(claimant, `/invitations/${secret}`);
    const accepted = await claimant.request(`/api/organizer-invitations/${secret}/accept`, { method: 'POST' });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ slug: community.slug, role: 'organizer' });
  });

  /**
   * Asks better-auth to send the confirmation again (as the web app's button does), follows the
   * link of that newest mail, and checks it lands back on `returnTo`.
   */
  async function confirmByResentLink(caller: Caller, returnTo: string) {
    // The one sent on sign-up comes first.
    await mailTo(caller.email, CONFIRMATION);
    const earlier = confirmationsTo(caller.email);
    const resent = await caller.request('/api/auth/send-verification-email', {
      method: 'POST',
      body: { email: caller.email, callbackURL: returnTo },
    });
    expect(resent.status).toBe(200);
    const mail = await mailTo(caller.email, CONFIRMATION, (m) => !earlier.includes(m));
    const link = CONFIRMATION.exec(mail.text ?? '')?.[0] ?? '';
    expect(link).toContain(`callbackURL=${encodeURIComponent(returnTo)}`);
    const followed = await fetch(link.replace(app.context.config.publicUrl, app.url), { redirect: 'manual' });
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toBe(returnTo);
  }

  function confirmationsTo(address: string): ParsedMail[] {
    return peer.messages.filter((m) => isTo(m, address) && CONFIRMATION.test(m.text ?? ''));
  }

  function mailTo(address: string, pattern: RegExp, also: (m: ParsedMail) => boolean = () => true) {
    return peer.waitForMessage((m) => isTo(m, address) && pattern.test(m.text ?? '') && also(m));
  }
});

/** The confirmation link in an account mail. */
const CONFIRMATION = /http\S+\/api\/auth\/verify-email\?token=\S+/;

const isTo = (mail: ParsedMail, address: string) => JSON.stringify(mail.to ?? '').includes(address);
