import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDatabase, ENGINES } from '../../../test/support/factories.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createMailLimits, fromClient, SAME_MAIL_SECONDS } from './mail-limits.ts';

describe.each(ENGINES)('mail limits on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await aDatabase(engine);
  });
  afterAll(() => handle?.close());

  let clock = new Date('2026-04-01T03:00:00Z');
  const later = (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000);
  };
  const limitsNow = () => createMailLimits(handle.db, { enabled: true, now: () => clock });
  let n = 0;
  const anAddress = () => `orang.${++n}@example.id`;

  it('lets the same mail go to one address again only after five minutes, and says how long to wait', async () => {
    const limits = limitsNow();
    const to = anAddress();
    const reset = { kind: 'password-reset', to } as const;
    await limits.count({ mails: [reset] });
    later(60);
    await expect(limits.count({ mails: [{ ...reset, to: to.toUpperCase() }] })).rejects.toMatchObject({
      status: 429,
      messageKey: 'problems.mailJustSent',
      extra: { params: { seconds: SAME_MAIL_SECONDS - 60, minutes: 4 } },
    });
    later(SAME_MAIL_SECONDS - 60);
    await expect(limits.count({ mails: [reset] })).resolves.toBeDefined();
  });

  it('gives the recipient’s count back when what it guarded failed, but not the sender’s', async () => {
    const limits = limitsNow();
    const to = anAddress();
    const mails = [{ kind: 'organizer-invitation', to }] as const;
    const sender = fromClient('registering', '203.0.113.7');
    await expect(limits.guard({ sender, mails }, async () => Promise.reject(new Error('no seat')))).rejects.toThrow(
      'no seat',
    );
    await expect(limits.guard({ sender, mails }, async () => 'sent')).resolves.toBe('sent');
    await expect(limits.guard({ sender, mails }, async () => 'sent')).rejects.toMatchObject({ status: 429 });
    // The sender spent three of its 30 (one refused by the recipient's limit included).
    for (let i = 0; i < 27; i++) await limits.count({ sender, mails: [{ kind: 'registration', to: anAddress() }] });
    await expect(limits.count({ sender, mails: [{ kind: 'registration', to: anAddress() }] })).rejects.toMatchObject({
      status: 429,
      messageKey: 'problems.rateLimitedMinutes',
    });
  });

  it('counts a mail it may not refuse, so the next one of its kind waits', async () => {
    const limits = limitsNow();
    const confirmation = { kind: 'email-verification', to: anAddress() } as const;
    await limits.note([confirmation]);
    await limits.note([confirmation]);
    await expect(limits.count({ mails: [confirmation] })).rejects.toMatchObject({ status: 429 });
  });

  it('counts a person named twice in one request (speaker and moderator of a new series) once', async () => {
    const limits = limitsNow();
    const to = anAddress();
    const twice = [
      { kind: 'session-invitation', to },
      { kind: 'session-invitation', to: to.toUpperCase() },
    ] as const;
    await expect(limits.count({ mails: twice })).resolves.toBeDefined();
    await expect(limits.count({ mails: [twice[0]] })).rejects.toMatchObject({ status: 429 });
  });

  it('counts nothing with RATE_LIMITS=off', async () => {
    const limits = createMailLimits(handle.db, { enabled: false, now: () => clock });
    const mail = { kind: 'password-reset', to: anAddress() } as const;
    for (let i = 0; i < 5; i++) await limits.count({ mails: [mail] });
  });
});
