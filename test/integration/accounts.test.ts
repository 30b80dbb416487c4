import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

describe('accounts by mail', () => {
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

  const post = (path: string, body: unknown) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: app.context.config.publicUrl },
      body: JSON.stringify(body),
    });

  it('an organizer who forgot their password gets a reset link by mail, sets a new password with it, and signs in with the new one only', async () => {
    await signUp(app.url, { email: 'lupa@example.id', password: 'kata-sandi-lama-1' });
    const requested = await post('/api/auth/request-password-reset', {
      email: 'lupa@example.id',
      redirectTo: `${app.context.config.publicUrl}/reset-password`,
    });
    expect(requested.status).toBe(200);
    await peer.waitForMessages(2);
    const mail = peer.messages.find((m) => m.subject === 'Atur ulang kata sandi Serambi Anda');
    const token = /\/api\/auth\/reset-password\/([^?\s]+)\?callbackURL=/.exec(mail?.text ?? '')?.[1];
    expect(token).toBeDefined();

    expect((await post('/api/auth/reset-password', { token, newPassword: 'kata-sandi-baru-2' })).status).toBe(200);
    const withNew = await post('/api/auth/sign-in/email', { email: 'lupa@example.id', password: 'kata-sandi-baru-2' });
    expect(withNew.status).toBe(200);
    expect(sessionCookie(withNew)).toContain('serambi.');
    expect(
      (await post('/api/auth/sign-in/email', { email: 'lupa@example.id', password: 'kata-sandi-lama-1' })).status,
    ).toBe(401);
    // The link works once.
    expect((await post('/api/auth/reset-password', { token, newPassword: 'kata-sandi-ketiga-3' })).status).toBe(400);
  });

  it('confirms the address with the link from the sign-up mail', async () => {
    const baru = await signUp(app.url, { email: 'baru@example.id' });
    const before = await (await baru.request('/api/auth/get-session')).json();
    expect(before.user.emailVerified).toBe(false);
    await peer.waitForMessages(3);
    const mail = peer.messages.find((m) => m.to && JSON.stringify(m.to).includes('baru@example.id'));
    const link = /(http\S+\/api\/auth\/verify-email\?token=\S+)/.exec(mail?.text ?? '')?.[1];
    expect(link).toBeDefined();
    const verified = await fetch((link ?? '').replace(app.context.config.publicUrl, app.url), { redirect: 'manual' });
    expect(verified.status).toBeLessThan(400);
    const after = await (await baru.request('/api/auth/get-session')).json();
    expect(after.user.emailVerified).toBe(true);
  });
});
