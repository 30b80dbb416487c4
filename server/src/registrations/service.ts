import type { Locale, MyRegistration, Registrant, RegistrationResult } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { and, asc, count, eq, ilike, inArray, lte, or, sql } from 'drizzle-orm';
import { communities } from '../communities/schema.ts';
import type { Database, Tx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { hashLinkSecret } from '../http/secret-link.ts';
import type { SeatCount } from '../sessions/parts.ts';
import { canRegister } from '../sessions/rules.ts';
import { type SessionRow, sessions } from '../sessions/schema.ts';
import { checkAnswers } from './answers.ts';
import type { JoinLinks } from './link-secrets.ts';
import { type RegistrationRow, registrations } from './schema.ts';

export interface RegisterInput {
  name: string;
  email: string;
  answers: Record<string, string | boolean>;
  locale: Locale;
}

export interface Registered {
  result: RegistrationResult;
  registration: RegistrationRow;
  /** The personal join link's secret, to mail; the same for a repeated registration. */
  joinSecret: string;
}

/** Registrations of these sessions counted by status: the seat counts a session shows (`SessionParts`). */
export async function seatCounts(db: Database, sessionIds: string[]): Promise<SeatCount[]> {
  return db
    .select({ sessionId: registrations.sessionId, status: registrations.status, n: count() })
    .from(registrations)
    .where(inArray(registrations.sessionId, sessionIds))
    .groupBy(registrations.sessionId, registrations.status);
}

/**
 * Registers a person for a session at `now`, idempotent per email. Seats are given in arrival
 * order: every registration for one session takes the session row's lock first, so 200 people
 * racing for 50 seats end as exactly 50 registered and 150 waitlisted, on PGlite and PostgreSQL.
 */
export async function register(
  db: Database,
  links: JoinLinks,
  session: SessionRow,
  input: RegisterInput,
  callerLocale: Locale,
  now: Date,
  options: { byOrganizer?: boolean } = {},
): Promise<Registered> {
  if (!canRegister(session)) throw new AppError(409, 'registration_closed', 'problems.registrationClosed');
  // An organizer adding someone by name and email cannot answer for them.
  const questions = options.byOrganizer ? [] : session.questions;
  const checked = checkAnswers(questions, input.answers, {
    missing: translate(callerLocale, 'problems.missingAnswer'),
    invalid: translate(callerLocale, 'problems.invalidAnswer'),
  });
  if (checked.errors.length > 0) throw AppError.validation(checked.errors);
  const email = input.email.trim().toLowerCase();

  return db.transaction(async (tx) => {
    await lockSession(tx, session.id);
    const [existing] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.sessionId, session.id), eq(registrations.email, email)));
    if (existing && existing.status !== 'cancelled') {
      return {
        registration: existing,
        joinSecret: links.secretFor(existing.id, existing.linkGeneration),
        result: {
          status: existing.status,
          waitlistPosition: await waitlistPosition(tx, existing),
          alreadyRegistered: true,
        },
      };
    }
    const status = (await hasFreeSeat(tx, session)) ? 'registered' : 'waitlisted';
    const values = { name: input.name.trim(), answers: checked.answers, locale: input.locale, status } as const;
    let row: RegistrationRow | undefined;
    if (existing) {
      // Coming back after cancelling: a fresh place at the back of the line, and a fresh link.
      const generation = existing.linkGeneration + 1;
      [row] = await tx
        .update(registrations)
        .set({
          ...values,
          cancelledAt: null,
          linkGeneration: generation,
          joinSecretHash: links.hashFor(existing.id, generation),
          arrival: sql`nextval(pg_get_serial_sequence('registrations', 'arrival'))`,
          updatedAt: now,
        })
        .where(eq(registrations.id, existing.id))
        .returning();
    } else {
      const id = crypto.randomUUID();
      [row] = await tx
        .insert(registrations)
        .values({
          ...values,
          id,
          sessionId: session.id,
          email,
          joinSecretHash: links.hashFor(id, 0),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
    }
    if (!row) throw new Error('registration write returned no row');
    return {
      registration: row,
      joinSecret: links.secretFor(row.id, row.linkGeneration),
      result: {
        status: row.status as 'registered' | 'waitlisted',
        waitlistPosition: await waitlistPosition(tx, row),
        alreadyRegistered: false,
      },
    };
  });
}

export interface Cancelled {
  registration: RegistrationRow;
  /** The first person on the waitlist, now registered, when a seat was freed. */
  promoted: RegistrationRow | null;
}

/** Cancels by personal link at `now`; a freed seat goes to the first person waiting. Cancelling twice is harmless. */
export async function cancelRegistration(db: Database, secret: string, now: Date): Promise<Cancelled> {
  const found = await findBySecret(db, secret);
  return db.transaction(async (tx) => {
    await lockSession(tx, found.sessionId);
    const [current] = await tx.select().from(registrations).where(eq(registrations.id, found.id));
    if (!current || current.status === 'cancelled') return { registration: current ?? found, promoted: null };
    const [registration] = await tx
      .update(registrations)
      .set({ status: 'cancelled', cancelledAt: now, updatedAt: now })
      .where(eq(registrations.id, current.id))
      .returning();
    if (!registration) throw new Error('cancel returned no row');
    const promoted = current.status === 'registered' ? await promoteFirstWaiting(tx, current.sessionId, now) : null;
    return { registration, promoted };
  });
}

/**
 * After a session gained seats (its capacity was raised or removed), gives them to the people
 * waiting, first come first served, at `now`. Returns who got a seat, to be told.
 */
export async function fillFreeSeats(db: Database, session: SessionRow, now: Date): Promise<RegistrationRow[]> {
  return db.transaction(async (tx) => {
    await lockSession(tx, session.id);
    const promoted: RegistrationRow[] = [];
    while (await hasFreeSeat(tx, session)) {
      const next = await promoteFirstWaiting(tx, session.id, now);
      if (!next) break;
      promoted.push(next);
    }
    return promoted;
  });
}

export async function findBySecret(db: Database, secret: string): Promise<RegistrationRow> {
  const [row] = await db
    .select()
    .from(registrations)
    .where(eq(registrations.joinSecretHash, hashLinkSecret(secret)));
  if (!row) throw new AppError(404, 'link_invalid', 'problems.linkInvalid');
  return row;
}

export async function myRegistration(db: Database, secret: string): Promise<MyRegistration> {
  return registrationSummary(db, await findBySecret(db, secret));
}

/** What the holder of a personal link sees: their status and the session it is for. */
export async function registrationSummary(db: Database, row: RegistrationRow): Promise<MyRegistration> {
  const [found] = await db
    .select({ session: sessions, community: { slug: communities.slug, name: communities.name } })
    .from(sessions)
    .innerJoin(communities, eq(communities.id, sessions.communityId))
    .where(eq(sessions.id, row.sessionId));
  if (!found) throw AppError.notFound();
  const { session, community } = found;
  return {
    name: row.name,
    status: row.status,
    waitlistPosition: await waitlistPosition(db, row),
    session: {
      slug: session.slug,
      title: session.title,
      startsAt: session.startsAt.toISOString(),
      endsAt: new Date(session.startsAt.getTime() + session.durationMinutes * 60_000).toISOString(),
      durationMinutes: session.durationMinutes,
      timeZone: session.timeZone,
      status: session.status,
      community,
    },
  };
}

/** Registrants for organizers, in arrival order, optionally filtered by a search on name or email. */
export async function listRegistrants(db: Database, session: SessionRow, query?: string): Promise<Registrant[]> {
  const search = query?.trim();
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.sessionId, session.id),
        pattern ? or(ilike(registrations.name, pattern), ilike(registrations.email, pattern)) : undefined,
      ),
    )
    .orderBy(asc(registrations.arrival));
  const waiting = rows.filter((r) => r.status === 'waitlisted');
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    status: r.status,
    answers: r.answers,
    registeredAt: r.createdAt.toISOString(),
    // Positions within the filtered list are only right without a search; ask the database then.
    waitlistPosition: r.status === 'waitlisted' && !pattern ? waiting.indexOf(r) + 1 : null,
  }));
}

async function lockSession(tx: Tx | Database, sessionId: string): Promise<void> {
  await tx.execute(sql`select ${sessions.id} from ${sessions} where ${sessions.id} = ${sessionId} for update`);
}

async function hasFreeSeat(tx: Tx, session: SessionRow): Promise<boolean> {
  if (session.capacity === null) return true;
  const [row] = await tx
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.sessionId, session.id), eq(registrations.status, 'registered')));
  return (row?.n ?? 0) < session.capacity;
}

async function waitlistPosition(tx: Tx | Database, row: RegistrationRow): Promise<number | null> {
  if (row.status !== 'waitlisted') return null;
  const [ahead] = await tx
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.sessionId, row.sessionId),
        eq(registrations.status, 'waitlisted'),
        lte(registrations.arrival, row.arrival),
      ),
    );
  return ahead?.n ?? null;
}

async function promoteFirstWaiting(tx: Tx, sessionId: string, now: Date): Promise<RegistrationRow | null> {
  const [first] = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.sessionId, sessionId), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.arrival))
    .limit(1);
  if (!first) return null;
  const [promoted] = await tx
    .update(registrations)
    .set({ status: 'registered', updatedAt: now })
    .where(eq(registrations.id, first.id))
    .returning();
  return promoted ?? null;
}

/** Every registration of the session, whatever its status (attendance reports who came of them). */
export function registrationsOfSession(db: Database, sessionId: string) {
  return db
    .select({
      id: registrations.id,
      name: registrations.name,
      email: registrations.email,
      status: registrations.status,
    })
    .from(registrations)
    .where(eq(registrations.sessionId, sessionId));
}
