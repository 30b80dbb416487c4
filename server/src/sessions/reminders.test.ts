import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCommunity, aDatabase, aSession, ENGINES } from '../../../test/support/factories.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createJobRunner } from '../jobs/runner.ts';
import { createLogger } from '../logger.ts';
import { sendMailJobHandler } from '../notifications/mail-job.ts';
import { createMailer } from '../notifications/mailer.ts';
import { listOutbox } from '../notifications/outbox.ts';
import { createJoinLinks } from '../registrations/link-secrets.ts';
import { register } from '../registrations/service.ts';
import { planReminders, sessionReminderHandler } from './reminders.ts';
import { updateSession } from './service.ts';

const log = createLogger({ level: 'silent', pretty: false });
const links = createJoinLinks('reminder-test-key-0123456789abcdef');

describe.each(ENGINES)('reminders on %s', (engine) => {
  let handle: DatabaseHandle;
  let clock: Date;
  const now = () => clock;
  beforeAll(async () => {
    handle = await aDatabase(engine);
  });
  afterAll(() => handle.close());

  function runners(count: number) {
    const mailer = createMailer({ smtpUrl: undefined, from: 'Serambi <a@b.c>', db: handle.db, log, now });
    const deps = { db: handle.db, publicUrl: 'http://serambi.test', mailFrom: 'Serambi <a@b.c>', now, links };
    return Array.from({ length: count }, () =>
      createJobRunner({
        db: handle.db,
        handlers: {
          'send-mail': sendMailJobHandler(mailer),
          'session-reminder': sessionReminderHandler(deps),
          'recording-finish': async () => {
            throw new Error('no recordings in this test');
          },
          'certificates-issue': async () => {
            throw new Error('no certificates in this test');
          },
          'certificate-mail': async () => {
            throw new Error('no certificates in this test');
          },
          'retention-sweep': async () => {
            throw new Error('no retention sweep in this test');
          },
        },
        log,
        now,
      }),
    );
  }

  async function runUntilIdle(list: ReturnType<typeof runners>) {
    for (let pass = 0; pass < 10; pass++) {
      const ran = await Promise.all(list.map((r) => r.runDueJobs()));
      if (ran.every((n) => n === 0)) return;
    }
  }

  it('mails each registered person 24 hours and 1 hour before, once, even with two runners, and follows a move', async () => {
    const startsAt = new Date('2027-03-07T12:00:00Z');
    clock = new Date('2027-03-01T00:00:00Z');
    const session = await aSession(handle.db, await aCommunity(handle.db), {
      title: 'Sharing Online #9',
      startsAt: startsAt.toISOString(),
    });
    for (const n of [1, 2]) {
      await register(
        handle.db,
        links,
        session,
        { name: `P${n}`, email: `p${n}@example.id`, answers: {}, locale: 'id' },
        'id',
      );
    }
    await planReminders(handle.db, session, clock);
    await planReminders(handle.db, session, clock);
    const two = runners(2);

    clock = new Date(startsAt.getTime() - 25 * 3_600_000);
    await runUntilIdle(two);
    expect(await reminderMails()).toHaveLength(0);

    clock = new Date(startsAt.getTime() - 24 * 3_600_000 + 1_000);
    await runUntilIdle(two);
    expect((await reminderMails()).map((m) => m.to).sort()).toEqual(['p1@example.id', 'p2@example.id']);
    expect((await reminderMails())[0]?.subject).toBe('Pengingat: Sharing Online #9 besok');

    // Moved a day later: the old 1-hour round must not fire; the new ones will.
    const { after } = await updateSession(handle.db, session, { startsAt: '2027-03-08T12:00:00Z' }, clock);
    await planReminders(handle.db, after, clock);
    clock = new Date(startsAt.getTime() - 3_600_000 + 1_000);
    await runUntilIdle(two);
    expect(await reminderMails()).toHaveLength(2);

    clock = new Date(after.startsAt.getTime() - 3_600_000 + 1_000);
    await runUntilIdle(two);
    const mails = await reminderMails();
    // The new 24-hour round is overdue by then (past half its lead): only the 1-hour round goes out.
    expect(mails).toHaveLength(4);
    expect(mails.filter((m) => m.subject.endsWith('sebentar lagi'))).toHaveLength(2);
  });

  async function reminderMails() {
    return (await listOutbox(handle.db, 100)).filter((m) => m.subject.startsWith('Pengingat:'));
  }
});
