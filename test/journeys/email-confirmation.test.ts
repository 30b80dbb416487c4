import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inviteOrganizer } from '@serambi/server/communities/invitations.ts';
import { communities } from '@serambi/server/communities/schema.ts';
import { registrations } from '@serambi/server/registrations/schema.ts';
import { roomParticipants } from '@serambi/server/room/schema.ts';
import { sessions } from '@serambi/server/sessions/schema.ts';
import { dictionaries, translate } from '@serambi/shared/i18n';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { anEmail, anInvitee } from '../support/attendance.ts';
import { launchBrowser, newPageSignedIn } from '../support/browser.ts';
import { aReadyRecording } from '../support/recordings.ts';
import { aRoomSetup } from '../support/room.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

const shots = path.join(os.tmpdir(), 'serambi-journeys');
const { id, en } = dictionaries;

/** The confirmation link in an account mail. */
const CONFIRMATION = /http\S+\/api\/auth\/verify-email\?token=\S+/;

describe('confirming one’s address where it is needed', () => {
  let peer: SmtpPeer;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    peer = await startSmtpPeer();
    [app, browser] = await Promise.all([startTestApp({ smtpUrl: peer.url }), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
    await peer?.stop();
  });

  it('someone signed up with a registrant’s address is asked to confirm it at the room’s door, has the link sent again, and comes in after following it', async () => {
    const { owner, session } = await aRoomSetup(app, { startsInMinutes: 120 });
    const email = anEmail('Sari Dewi');
    await anInvitee(app, owner, session, { name: 'Sari Dewi', email });
    const sari = await signUp(app.url, { name: 'Sari Dewi', email });
    const page = await newPageSignedIn(browser, app.url, sari.cookie, {
      locale: 'id-ID',
      viewport: { width: 390, height: 844 },
    });

    const inEnglish = await newPageSignedIn(browser, app.url, sari.cookie, { locale: 'en-US' });
    await inEnglish.goto(`${app.url}/live/${session.slug}`);
    await inEnglish.getByRole('button', { name: en.auth.confirm.resend }).waitFor();
    expect(await inEnglish.getByTestId('room-refused').textContent()).toContain(
      translate('en', 'problems.emailUnconfirmed', { email }),
    );
    await inEnglish.screenshot({ path: path.join(shots, 'email-unconfirmed-room-desktop-en.png') });
    // Asking ahead from the session page enters the room too, and says the same there.
    await inEnglish.goto(`${app.url}/s/${session.slug}`);
    await inEnglish.getByTestId('ask-ahead-open').click();
    await inEnglish.getByTestId('ask-ahead').getByRole('button', { name: en.auth.confirm.resend }).waitFor();
    await inEnglish.getByTestId('ask-ahead').scrollIntoViewIfNeeded();
    await inEnglish.screenshot({ path: path.join(shots, 'email-unconfirmed-ask-ahead-desktop-en.png') });
    await inEnglish.context().close();

    await page.goto(`${app.url}/live/${session.slug}`);
    const refused = page.getByTestId('room-refused');
    await refused.waitFor();
    expect(await refused.getAttribute('data-code')).toBe('email_unconfirmed');
    expect(await refused.textContent()).toContain(translate('id', 'problems.emailUnconfirmed', { email }));
    // The mail of the sign-up comes first; the one asked for here is the next.
    await peer.waitForMessage((m) => isConfirmationTo(m, email));
    const earlier = peer.messages.filter((m) => isConfirmationTo(m, email));
    await page.getByRole('button', { name: id.auth.confirm.resend }).click();
    await page.getByTestId('confirmation-resent').waitFor();
    await page.screenshot({ path: path.join(shots, 'email-unconfirmed-room-phone-id.png'), fullPage: true });

    const resent = await peer.waitForMessage((m) => isConfirmationTo(m, email) && !earlier.includes(m));
    const link = CONFIRMATION.exec(resent.text ?? '')?.[0] ?? '';
    await page.goto(link.replace(app.context.config.publicUrl, app.url));
    await page.waitForURL(`${app.url}/live/${session.slug}`);
    await page.getByTestId('waiting-screen').waitFor();
    const [registration] = await app.context.db.select().from(registrations).where(eq(registrations.email, email));
    const [entered] = await app.context.db
      .select()
      .from(roomParticipants)
      .where(eq(roomParticipants.sessionId, session.id));
    expect(entered).toMatchObject({ identity: `r_${registration?.id}`, registrationId: registration?.id });
  }, 90_000);

  it('the replay kept for registrants and an organizer invitation say the same, in English and in Indonesian, with the link to send again', async () => {
    const { owner, community, session } = await aRoomSetup(app);
    const email = anEmail('Budi Santoso');
    await anInvitee(app, owner, session, { name: 'Budi Santoso', email });
    await aReadyRecording(app, session.id);
    await app.context.db.update(sessions).set({ status: 'ended' }).where(eq(sessions.id, session.id));
    const [communityRow] = await app.context.db.select().from(communities).where(eq(communities.slug, community.slug));
    const { user: inviter } = await (await owner.request('/api/auth/get-session')).json();
    if (!communityRow) throw new Error('no community');
    const { secret } = await inviteOrganizer(
      app.context.db,
      communityRow,
      { email, role: 'organizer' },
      inviter,
      new Date(),
    );
    const budi = await signUp(app.url, { name: 'Budi Santoso', email });
    const page = await newPageSignedIn(browser, app.url, budi.cookie, { locale: 'en-US' });

    await page.goto(`${app.url}/s/${session.slug}`);
    const replay = page.getByTestId('replay').getByTestId('email-unconfirmed');
    await replay.waitFor();
    expect(await replay.textContent()).toContain(translate('en', 'problems.emailUnconfirmed', { email }));
    await replay.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'email-unconfirmed-replay-desktop-en.png'), fullPage: true });

    await page.goto(`${app.url}/invitations/${secret}`);
    await page.getByRole('button', { name: en.invitations.accept }).click();
    await page.getByTestId('email-unconfirmed').waitFor();
    await page.getByRole('button', { name: en.auth.confirm.resend }).click();
    await page.getByTestId('confirmation-resent').waitFor();
    await page.screenshot({ path: path.join(shots, 'email-unconfirmed-invitation-desktop-en.png'), fullPage: true });
    const { members } = await (await owner.request(`/api/communities/${community.slug}/members`)).json();
    expect(members).toHaveLength(1);

    const inIndonesian = await newPageSignedIn(browser, app.url, budi.cookie, { locale: 'id-ID' });
    await inIndonesian.goto(`${app.url}/s/${session.slug}`);
    await inIndonesian.getByTestId('replay').getByRole('button', { name: id.auth.confirm.resend }).waitFor();
    await inIndonesian.screenshot({
      path: path.join(shots, 'email-unconfirmed-replay-desktop-id.png'),
      fullPage: true,
    });
    await inIndonesian.goto(`${app.url}/invitations/${secret}`);
    await inIndonesian.getByRole('button', { name: id.invitations.accept }).click();
    await inIndonesian.getByRole('button', { name: id.auth.confirm.retry }).waitFor();
    expect(await inIndonesian.getByTestId('email-unconfirmed').textContent()).toContain(
      translate('id', 'problems.emailUnconfirmed', { email }),
    );
    await inIndonesian.screenshot({
      path: path.join(shots, 'email-unconfirmed-invitation-desktop-id.png'),
      fullPage: true,
    });
  }, 90_000);
});

function isConfirmationTo(mail: { to?: unknown; text?: string | false | undefined }, address: string): boolean {
  return JSON.stringify(mail.to ?? '').includes(address) && CONFIRMATION.test(mail.text || '');
}
