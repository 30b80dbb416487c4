import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCommunity, aDatabase, aSession, ENGINES } from '../../../test/support/factories.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createJoinLinks } from './link-secrets.ts';
import { cancelRegistration, findBySecret, listRegistrants, register } from './service.ts';

const links = createJoinLinks('test-key-0123456789abcdef0123456789');
// Registration takes its instant from the caller; these differ from the machine's clock on purpose.
const now = new Date('2026-11-02T03:04:05Z');
const later = new Date('2026-11-03T03:04:05Z');
const person = (n: number) => ({
  name: `Peserta ${n}`,
  email: `peserta${n}@example.id`,
  answers: {},
  locale: 'id' as const,
});

describe.each(ENGINES)('registration on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await aDatabase(engine);
  });
  afterAll(() => handle.close());

  it('gives 50 seats to the first 50 of 200 people registering at once, and waitlists the rest in order', async () => {
    const session = await aSession(handle.db, await aCommunity(handle.db), { capacity: 50 });
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, n) => register(handle.db, links, session, person(n), 'id', now)),
    );
    expect(outcomes.filter((o) => o.result.status === 'registered')).toHaveLength(50);
    expect(outcomes.filter((o) => o.result.status === 'waitlisted')).toHaveLength(150);

    const everyone = await listRegistrants(handle.db, session);
    const lastSeat = Math.max(...everyone.filter((r) => r.status === 'registered').map((r) => everyone.indexOf(r)));
    const firstWaiting = Math.min(...everyone.filter((r) => r.status === 'waitlisted').map((r) => everyone.indexOf(r)));
    expect(lastSeat).toBeLessThan(firstWaiting);
    const positions = everyone.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition);
    expect(positions).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  });

  it('registers an email once, whatever its case, at the given time, and mails the same link again', async () => {
    const session = await aSession(handle.db, await aCommunity(handle.db));
    const first = await register(handle.db, links, session, person(1), 'id', now);
    expect(first.registration).toMatchObject({ createdAt: now, updatedAt: now });
    const again = await register(handle.db, links, session, { ...person(1), email: 'PESERTA1@Example.id' }, 'id', now);
    expect(again.result).toEqual({ status: 'registered', waitlistPosition: null, alreadyRegistered: true });
    expect(again.joinSecret).toBe(first.joinSecret);
    expect(await listRegistrants(handle.db, session)).toHaveLength(1);
  });

  it('promotes the first person waiting when a registered person cancels, and revokes the old link on return', async () => {
    const session = await aSession(handle.db, await aCommunity(handle.db), { capacity: 1 });
    const seated = await register(handle.db, links, session, person(1), 'id', now);
    const waiting = await register(handle.db, links, session, person(2), 'id', now);
    const alsoWaiting = await register(handle.db, links, session, person(3), 'id', now);
    expect(alsoWaiting.result.waitlistPosition).toBe(2);

    const { registration, promoted } = await cancelRegistration(handle.db, seated.joinSecret, later);
    expect(registration.cancelledAt).toEqual(later);
    expect(promoted).toMatchObject({ id: waiting.registration.id, status: 'registered', updatedAt: later });
    expect((await cancelRegistration(handle.db, seated.joinSecret, later)).promoted).toBeNull();

    const back = await register(handle.db, links, session, person(1), 'id', now);
    expect(back.result).toMatchObject({ status: 'waitlisted', waitlistPosition: 2, alreadyRegistered: false });
    expect(back.joinSecret).not.toBe(seated.joinSecret);
    await expect(findBySecret(handle.db, seated.joinSecret)).rejects.toMatchObject({ code: 'link_invalid' });
  });

  it('checks answers against the questions and keeps only known ones', async () => {
    const session = await aSession(handle.db, await aCommunity(handle.db), {
      questions: [
        { id: 'company', kind: 'short-text', label: 'Perusahaan', required: true },
        { id: 'level', kind: 'choice', label: 'Level', required: false, options: ['Pemula', 'Mahir'] },
      ],
    });
    const invalid = register(handle.db, links, session, { ...person(9), answers: { level: 'Guru' } }, 'en', now);
    await expect(invalid).rejects.toMatchObject({
      status: 422,
      extra: {
        errors: [
          { path: 'answers.company', message: 'This question must be answered.' },
          { path: 'answers.level', message: 'This answer is not one of the choices.' },
        ],
      },
    });
    const ok = await register(
      handle.db,
      links,
      session,
      { ...person(9), answers: { company: ' Toko Ayu ', level: 'Mahir', injected: 'x' } },
      'id',
      now,
    );
    expect(ok.registration.answers).toEqual({ company: 'Toko Ayu', level: 'Mahir' });
  });

  it('refuses registration for a draft or cancelled session', async () => {
    const community = await aCommunity(handle.db);
    for (const status of ['draft'] as const) {
      const session = await aSession(handle.db, community, { status });
      await expect(register(handle.db, links, session, person(5), 'id', now)).rejects.toMatchObject({
        code: 'registration_closed',
      });
    }
  });
});
