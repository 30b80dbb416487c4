import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { aCommunity, aDatabase, aSession, ENGINES } from '../../../test/support/factories.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createJobRunner } from '../jobs/runner.ts';
import { createLogger } from '../logger.ts';
import { sendMailJobHandler } from '../notifications/mail-job.ts';
import { createMailer } from '../notifications/mailer.ts';
import { listOutbox } from '../notifications/outbox.ts';
import { updateSession } from '../sessions/service.ts';
import { createJoinLinks } from './link-secrets.ts';
import { DEFAULT_REMINDER_OFFSETS } from './reminder-schema.ts';
import { planReminders, sessionReminderHandler } from './reminders.ts';
import { register } from './service.ts';

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
  afterEach(() => {
    vi.useRealTimers();
  });

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
          'breakouts-warn': async () => {
            throw new Error('no breakout tables in this test');
          },
          'breakouts-end': async () => {
            throw new Error('no breakout tables in this test');
          },
          'breakouts-close-rooms': async () => {
            throw new Error('no breakout tables in this test');
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

  // The runner, the planner and the handler share one clock; the machine's must not matter,
  // whether it is before the session or after it. PostgreSQL keeps its own (real) clock, which
  // only a session long past shows; PGlite's follows the faked one.
  it.each([
    { when: 'in March 2027', start: '2027-03-07T12:00:00Z', clockSays: 'as it is', machine: null },
    {
      when: 'in March 2027',
      start: '2027-03-07T12:00:00Z',
      clockSays: 'long before it',
      machine: '2019-03-01T00:00:00Z',
    },
    {
      when: 'in March 2027',
      start: '2027-03-07T12:00:00Z',
      clockSays: 'between its rounds',
      machine: '2027-03-06T18:00:00Z',
    },
    {
      when: 'in March 2027',
      start: '2027-03-07T12:00:00Z',
      clockSays: 'long after it',
      machine: '2040-06-01T00:00:00Z',
    },
    { when: 'in March 2019', start: '2019-03-07T12:00:00Z', clockSays: 'as it is', machine: null },
  ])(
    'mails each registered person 24 hours and 1 hour before a session $when, once, even with two runners, and follows a move, with the machine’s clock $clockSays',
    async ({ when, start, clockSays, machine }) => {
      if (machine) {
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(new Date(machine));
      }
      const title = `Sharing Online #9 (${when}, ${clockSays})`;
      const startsAt = new Date(start);
      clock = new Date(startsAt.getTime() - 6.5 * 24 * 3_600_000);
      const session = await aSession(handle.db, await aCommunity(handle.db), {
        title,
        startsAt: startsAt.toISOString(),
      });
      for (const n of [1, 2]) {
        await register(
          handle.db,
          links,
          session,
          { name: `P${n}`, email: `p${n}@example.id`, answers: {}, locale: 'id' },
          'id',
          clock,
        );
      }
      await planReminders(handle.db, session, clock, DEFAULT_REMINDER_OFFSETS);
      await planReminders(handle.db, session, clock, DEFAULT_REMINDER_OFFSETS);
      const two = runners(2);
      const reminderMails = async () =>
        (await listOutbox(handle.db, 100)).filter((m) => m.subject.startsWith(`Pengingat: ${title}`));

      clock = new Date(startsAt.getTime() - 25 * 3_600_000);
      await runUntilIdle(two);
      expect(await reminderMails()).toHaveLength(0);

      clock = new Date(startsAt.getTime() - 24 * 3_600_000 + 1_000);
      await runUntilIdle(two);
      expect((await reminderMails()).map((m) => m.to).sort()).toEqual(['p1@example.id', 'p2@example.id']);
      expect((await reminderMails())[0]?.subject).toBe(`Pengingat: ${title} besok`);

      // Moved a day later: the old 1-hour round must not fire; the new ones will.
      const dayLater = new Date(startsAt.getTime() + 24 * 3_600_000).toISOString();
      const { after } = await updateSession(handle.db, session, { startsAt: dayLater }, clock);
      await planReminders(handle.db, after, clock, DEFAULT_REMINDER_OFFSETS);
      clock = new Date(startsAt.getTime() - 3_600_000 + 1_000);
      await runUntilIdle(two);
      expect(await reminderMails()).toHaveLength(2);

      clock = new Date(after.startsAt.getTime() - 3_600_000 + 1_000);
      await runUntilIdle(two);
      const mails = await reminderMails();
      // The new 24-hour round is overdue by then (past half its lead): only the 1-hour round goes out.
      expect(mails).toHaveLength(4);
      expect(mails.filter((m) => m.subject.endsWith('sebentar lagi'))).toHaveLength(2);
    },
  );
});
