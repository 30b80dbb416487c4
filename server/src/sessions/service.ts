import type {
  AddSessionPersonInput,
  CreateSessionInput,
  Session,
  SessionPerson,
  UpdateSessionRequest,
} from '@serambi/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { invitationUsed } from '../communities/invitations.ts';
import type { CommunityRow } from '../communities/schema.ts';
import { communityHeadings, roleIn } from '../communities/service.ts';
import type { Database, Tx } from '../db/client.ts';
import type { SessionUser } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { hashLinkSecret, newLinkSecret } from '../http/secret-link.ts';
import type { SessionParts } from './parts.ts';
import { canSeeSession, type SessionViewer } from './rules.ts';
import { type SessionPersonRow, type SessionRow, sessionPeople, sessions } from './schema.ts';
import { sessionSlug } from './slug.ts';
import { checkSessionStart } from './start-window.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What must happen with a write or not at all (plan reminders, queue mails), given the
 * transaction to do it in: if it fails, the write is undone and the caller hears of the failure.
 */
export type WhileWriting<T> = (tx: Tx, written: T) => Promise<void>;

/**
 * Schedules a session: checks its start against the clock, writes it, and runs `whileCreating`
 * (its reminders) in the same transaction.
 */
export async function createSession(
  db: Database,
  community: CommunityRow,
  input: CreateSessionInput,
  now: Date,
  whileCreating?: WhileWriting<SessionRow>,
): Promise<SessionRow> {
  const startsAt = new Date(input.startsAt);
  checkSessionStart(startsAt, now, 'startsAt');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sessions)
      .values({ ...input, startsAt, communityId: community.id, slug: sessionSlug(input.title) })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await whileCreating?.(tx, row);
    return row;
  });
}

/** What changed that registrants must hear about. */
export interface SessionChange {
  before: SessionRow;
  after: SessionRow;
  rescheduled: boolean;
  cancelled: boolean;
}

/**
 * Changes a session. A new time or a cancellation bumps `revision` (the calendar SEQUENCE)
 * and is reported back so the caller tells everyone registered, in `whileChanging`, which runs
 * in the same transaction as the change. A new start must be near `now`; a kept one, however
 * old, stays as it is.
 */
export async function updateSession(
  db: Database,
  before: SessionRow,
  changes: UpdateSessionRequest,
  now: Date,
  whileChanging?: WhileWriting<SessionChange>,
): Promise<SessionChange> {
  if (before.status === 'ended' || (before.status === 'cancelled' && changes.status !== 'scheduled')) {
    throw new AppError(409, 'session_closed', 'problems.sessionClosed');
  }
  // A live session ends from its room (which closes the LiveKit rooms and tells everyone).
  if (before.status === 'live' && changes.status !== undefined) {
    throw new AppError(409, 'session_live', 'problems.sessionLive');
  }
  const startsAt = changes.startsAt === undefined ? before.startsAt : new Date(changes.startsAt);
  const moved = startsAt.getTime() !== before.startsAt.getTime();
  if (moved) checkSessionStart(startsAt, now, 'startsAt');
  const rescheduled =
    moved || (changes.durationMinutes !== undefined && changes.durationMinutes !== before.durationMinutes);
  const cancelled = changes.status === 'cancelled' && before.status !== 'cancelled';
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(sessions)
      .set({
        ...changes,
        startsAt,
        updatedAt: now,
        revision: rescheduled || cancelled ? before.revision + 1 : before.revision,
      })
      .where(eq(sessions.id, before.id))
      .returning();
    if (!after) throw AppError.notFound();
    const change = { before, after, rescheduled: rescheduled && after.status !== 'draft', cancelled };
    await whileChanging?.(tx, change);
    return change;
  });
}

/** The condition picking a session by its reference in a URL: its id or its slug. */
export function sessionOfRef(ref: string) {
  return isSessionId(ref) ? eq(sessions.id, ref) : eq(sessions.slug, ref);
}

/** Whether a session reference is an id (else it is a slug). */
export function isSessionId(ref: string): boolean {
  return UUID.test(ref);
}

/** The session with this id, if there is one (a job about a session may outlive it). */
export async function sessionById(db: Database, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row;
}

export async function findSessionByRef(db: Database, ref: string): Promise<SessionRow> {
  const [row] = await db.select().from(sessions).where(sessionOfRef(ref)).limit(1);
  if (!row) throw AppError.notFound();
  return row;
}

/** What `user` is to the session now: organizer of its community, speaker or moderator of it, or neither. */
export async function viewerOf(
  db: Database,
  session: Pick<SessionRow, 'id' | 'communityId'>,
  user: Pick<SessionUser, 'id'> | null,
): Promise<SessionViewer> {
  if (!user) return { communityRole: null, sessionRole: null };
  const [person] = await db
    .select({ role: sessionPeople.role })
    .from(sessionPeople)
    .where(and(eq(sessionPeople.sessionId, session.id), eq(sessionPeople.userId, user.id)))
    .limit(1);
  return { communityRole: await roleIn(db, session.communityId, user.id), sessionRole: person?.role ?? null };
}

/** The session if `user` may see it, else 404. */
export async function visibleSession(db: Database, ref: string, user: SessionUser | null) {
  const session = await findSessionByRef(db, ref);
  const viewer = await viewerOf(db, session, user);
  if (!canSeeSession(session, viewer)) throw AppError.notFound();
  return { session, viewer };
}

/**
 * The public shape of sessions, with community, people and seat counts, in one round of queries
 * (`parts` counts the seats and names the series).
 */
export async function toSessionViews(
  db: Database,
  parts: Pick<SessionParts, 'seatCounts' | 'seriesTitles'>,
  rows: SessionRow[],
): Promise<Session[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const seriesIds = [...new Set(rows.flatMap((r) => (r.seriesId ? [r.seriesId] : [])))];
  const [people, counts, communityRows, seriesRows] = await Promise.all([
    db.select().from(sessionPeople).where(inArray(sessionPeople.sessionId, ids)).orderBy(asc(sessionPeople.createdAt)),
    parts.seatCounts(db, ids),
    communityHeadings(db, [...new Set(rows.map((r) => r.communityId))]),
    seriesIds.length > 0 ? parts.seriesTitles(db, seriesIds) : Promise.resolve([]),
  ]);
  const countOf = (sessionId: string, status: string) =>
    counts.find((c) => c.sessionId === sessionId && c.status === status)?.n ?? 0;
  return rows.map((row) => {
    const community = communityRows.find((c) => c.id === row.communityId);
    if (!community) throw new Error(`community ${row.communityId} missing`);
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      description: row.description,
      startsAt: row.startsAt.toISOString(),
      endsAt: new Date(row.startsAt.getTime() + row.durationMinutes * 60_000).toISOString(),
      durationMinutes: row.durationMinutes,
      timeZone: row.timeZone,
      status: row.status,
      visibility: row.visibility,
      capacity: row.capacity,
      registeredCount: countOf(row.id, 'registered'),
      waitlistedCount: countOf(row.id, 'waitlisted'),
      questions: row.questions,
      community: { slug: community.slug, name: community.name },
      series: seriesOf(row, seriesRows),
      people: people.filter((p) => p.sessionId === row.id).map(toSessionPerson),
    };
  });
}

export async function toSessionView(
  db: Database,
  parts: Pick<SessionParts, 'seatCounts' | 'seriesTitles'>,
  row: SessionRow,
): Promise<Session> {
  const [view] = await toSessionViews(db, parts, [row]);
  if (!view) throw new Error('no view');
  return view;
}

export async function listCommunitySessions(db: Database, community: CommunityRow): Promise<SessionRow[]> {
  return db.select().from(sessions).where(eq(sessions.communityId, community.id)).orderBy(asc(sessions.startsAt));
}

/**
 * Adds a speaker or moderator and makes their personal invitation link (the secret is returned
 * once); `whileAdding` (their invitation mail) runs in the same transaction.
 */
export async function addSessionPerson(
  db: Database,
  session: SessionRow,
  input: AddSessionPersonInput,
  whileAdding?: WhileWriting<{ person: SessionPersonRow; inviteSecret: string }>,
): Promise<{ person: SessionPersonRow; inviteSecret: string }> {
  const { secret, hash } = newLinkSecret();
  return db.transaction(async (tx) => {
    const [person] = await tx
      .insert(sessionPeople)
      .values({ ...input, email: input.email.toLowerCase(), sessionId: session.id, inviteTokenHash: hash })
      .returning();
    if (!person) throw new Error('insert returned no row');
    const added = { person, inviteSecret: secret };
    await whileAdding?.(tx, added);
    return added;
  });
}

function seriesOf(row: SessionRow, seriesRows: Array<{ id: string; title: string }>) {
  const found = row.seriesId ? seriesRows.find((s) => s.id === row.seriesId) : undefined;
  return found && row.seriesNumber !== null ? { id: found.id, title: found.title, number: row.seriesNumber } : null;
}

export function toSessionPerson(row: SessionPersonRow): SessionPerson {
  return { id: row.id, role: row.role, name: row.name, title: row.title, bio: row.bio, photoUrl: row.photoUrl };
}

/**
 * Binds a speaker's or moderator's personal link to the signed-in account, which then has
 * that role in the session. The link is the credential (it was mailed to them only), so the
 * account's address may differ from the invited one (and its being confirmed decides nothing);
 * it works once per person: for the account that took it up, pressing again changes nothing;
 * another account gets 409. A removed person's link no longer exists (404).
 */
export async function acceptSessionInvitation(
  db: Database,
  parts: Pick<SessionParts, 'seriesPersonByInvite' | 'acceptSeriesPerson'>,
  secret: string,
  user: SessionUser,
  now: Date,
): Promise<{ session: SessionRow; person: SessionPersonRow }> {
  const [person] = await db
    .select()
    .from(sessionPeople)
    .where(eq(sessionPeople.inviteTokenHash, hashLinkSecret(secret)));
  if (!person) return acceptSeriesInvitation(db, parts, secret, user, now);
  if (person.userId !== null && person.userId !== user.id) throw invitationUsed();
  const [updated] = await db
    .update(sessionPeople)
    .set({ userId: user.id, acceptedAt: person.acceptedAt ?? now })
    .where(eq(sessionPeople.id, person.id))
    .returning();
  const session = await findSessionByRef(db, person.sessionId);
  if (!updated) throw AppError.notFound();
  return { session, person: updated };
}

/** A series' default speaker or moderator accepts once for every session of the series. */
async function acceptSeriesInvitation(
  db: Database,
  parts: Pick<SessionParts, 'seriesPersonByInvite' | 'acceptSeriesPerson'>,
  secret: string,
  user: SessionUser,
  now: Date,
): Promise<{ session: SessionRow; person: SessionPersonRow }> {
  const seriesPerson = await parts.seriesPersonByInvite(db, hashLinkSecret(secret));
  if (!seriesPerson) throw new AppError(404, 'link_invalid', 'problems.linkInvalid');
  if (seriesPerson.userId !== null && seriesPerson.userId !== user.id) throw invitationUsed();
  await parts.acceptSeriesPerson(db, seriesPerson.id, user.id, seriesPerson.acceptedAt ?? now);
  const bound = await db
    .update(sessionPeople)
    .set({ userId: user.id, acceptedAt: now })
    .where(eq(sessionPeople.seriesPersonId, seriesPerson.id))
    .returning();
  const first = bound[0];
  if (!first) throw AppError.notFound();
  const [session] = await db
    .select()
    .from(sessions)
    .where(
      inArray(
        sessions.id,
        bound.map((p) => p.sessionId),
      ),
    )
    .orderBy(asc(sessions.startsAt))
    .limit(1);
  if (!session) throw AppError.notFound();
  return { session, person: bound.find((p) => p.sessionId === session.id) ?? first };
}
