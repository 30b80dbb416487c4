import { randomBytes } from 'node:crypto';
import { createSeriesRequestSchema } from '@serambi/shared';
import { and, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Auth } from '../accounts/auth.ts';
import { users } from '../accounts/schema.ts';
import { communities } from '../communities/schema.ts';
import { createCommunity, roleIn } from '../communities/service.ts';
import { sessionNotifications } from '../compose.ts';
import type { Database } from '../db/client.ts';
import type { JoinLinks } from '../registrations/link-secrets.ts';
import { createRegistrationNotifications } from '../registrations/mails.ts';
import { register } from '../registrations/service.ts';
import { announceSeries } from '../series/mails.ts';
import { series } from '../series/schema.ts';
import { createSeries, seriesSessions } from '../series/service.ts';
import { type HistoryResult, seedDemoHistory } from './demo-history.ts';
import { DEMO, DEMO_SPEAKERS, demoRegistrants } from './demo-people.ts';
import { addMissingSpeakers } from './demo-speakers.ts';

export interface DemoDeps {
  db: Database;
  auth: Auth;
  links: JoinLinks;
  publicUrl: string;
  mailFrom: string;
  now: () => Date;
}

export interface DemoResult {
  /** False when everything was there already. */
  changed: boolean;
  /** Set when the account was made (or its password replaced) by this run: shown once, kept nowhere. */
  password: string | null;
  communitySlug: string;
  firstSessionSlug: string;
  registered: number;
  waitlisted: number;
  /** The series that already ran, for the reports. */
  history: HistoryResult;
}

/**
 * Fills the database with a community as an organizer would set it up: an account, the
 * community, a weekly series, speakers, and people registering for the first session, plus a
 * series that already ran (demo-history.ts) for the reports to show; each
 * through the same service (and the same mails and reminder jobs) as the API uses. Every step
 * first looks for what it would make, so a second run adds nothing and a broken one completes.
 */
export async function seedDemoCommunity(deps: DemoDeps, options: { newPassword: boolean }): Promise<DemoResult> {
  const { db } = deps;
  const sessionMails = sessionNotifications(deps);
  const registrationMails = createRegistrationNotifications(deps);
  let changed = false;

  const account = await demoAccount(deps, options.newPassword);
  changed ||= account.password !== null;

  let [community] = await db.select().from(communities).where(eq(communities.slug, DEMO.community.slug));
  if (!community) {
    await createCommunity(db, DEMO.community, account.userId);
    [community] = await db.select().from(communities).where(eq(communities.slug, DEMO.community.slug));
    changed = true;
  }
  if (!community) throw new Error('the demo community was not created');
  if (!(await roleIn(db, community.id, account.userId))) {
    throw new Error(`A community at /c/${DEMO.community.slug} exists and is not the demo's: seed another database.`);
  }

  let [row] = await db
    .select()
    .from(series)
    .where(and(eq(series.communityId, community.id), eq(series.title, DEMO.seriesTitle)));
  if (!row) {
    const input = createSeriesRequestSchema.parse(demoSeries(deps.now()));
    const created = await createSeries(db, community, input, deps.now(), announceSeries(sessionMails, 'id'));
    row = created.series;
    changed = true;
  }

  // The moderator comes with the series; each session has its own speaker.
  const sessions = await seriesSessions(db, row.id);
  for (const added of await addMissingSpeakers(db, sessions, DEMO_SPEAKERS)) {
    await sessionMails.personInvited(added.session, added.person, added.inviteSecret, 'id');
    changed = true;
  }

  const first = sessions[0];
  if (!first) throw new Error('the demo series has no sessions');
  let registered = 0;
  let waitlisted = 0;
  for (const person of demoRegistrants()) {
    const result = await register(deps.db, deps.links, first, person, person.locale, deps.now());
    if (!result.result.alreadyRegistered) {
      await registrationMails.registered(first, result);
      changed = true;
    }
    if (result.result.status === 'registered') registered++;
    else waitlisted++;
  }

  const history = await seedDemoHistory(deps, community, {
    id: account.userId,
    email: DEMO.organizer.email,
    name: DEMO.organizer.name,
    emailVerified: false,
  });
  changed ||= history.changed;

  return {
    changed,
    history,
    password: account.password,
    communitySlug: community.slug,
    firstSessionSlug: first.slug,
    registered,
    waitlisted,
  };
}

/** The organizer's account, signed up through better-auth as the web app does (it sends the verification mail too). */
async function demoAccount(deps: DemoDeps, newPassword: boolean): Promise<{ userId: string; password: string | null }> {
  const [existing] = await deps.db.select().from(users).where(eq(users.email, DEMO.organizer.email));
  const password = `demo-${randomBytes(6).toString('hex')}`;
  if (!existing) {
    const { user } = await deps.auth.api.signUpEmail({ body: { ...DEMO.organizer, password } });
    return { userId: user.id, password };
  }
  if (!newPassword) return { userId: existing.id, password: null };
  const auth = await deps.auth.$context;
  await auth.internalAdapter.updatePassword(existing.id, await auth.password.hash(password));
  return { userId: existing.id, password };
}

/** Sundays at 20.00 WITA, six times, from the first Sunday after today in Bali. */
function demoSeries(now: Date) {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(DEMO.timeZone).toPlainDate();
  // dayOfWeek: Monday 1 … Sunday 7, so a Sunday moves a full week on.
  const nextSunday = today.add({ days: 7 - (today.dayOfWeek % 7) });
  return {
    title: DEMO.seriesTitle,
    description: DEMO.seriesDescription,
    schedule: {
      firstDate: nextSunday.toString(),
      startTime: '20:00',
      timeZone: DEMO.timeZone,
      rule: { kind: 'weekly' },
      end: { kind: 'count', count: 6 },
    },
    durationMinutes: 90,
    capacity: 30,
    questions: [DEMO.question],
    people: [DEMO.moderator],
  };
}
