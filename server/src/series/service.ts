import type { CreateSeriesInput, FollowingChange, Series } from '@serambi/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { CommunityRow } from '../communities/schema.ts';
import { roleIn } from '../communities/service.ts';
import type { Database } from '../db/client.ts';
import type { SessionUser } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { newLinkSecret } from '../http/secret-link.ts';
import type { JoinLinks } from '../registrations/link-secrets.ts';
import { type Registered, type RegisterInput, register } from '../registrations/service.ts';
import { canRegister, canSeeSession } from '../sessions/rules.ts';
import { type SessionRow, sessionPeople, sessions } from '../sessions/schema.ts';
import { type SessionChange, toSessionViews, updateSession } from '../sessions/service.ts';
import { sessionSlug } from '../sessions/slug.ts';
import { planOccurrences, rescheduleFollowing } from './recurrence.ts';
import { type SeriesPersonRow, type SeriesRow, series, seriesPeople } from './schema.ts';

/** Creates a series and its numbered sessions ("Sharing Online #1 … #n") in one transaction. */
export async function createSeries(
  db: Database,
  community: CommunityRow,
  input: CreateSeriesInput,
): Promise<{
  series: SeriesRow;
  sessions: SessionRow[];
  people: Array<{ person: SeriesPersonRow; inviteSecret: string }>;
}> {
  const starts = planOccurrences(input.schedule);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(series)
      .values({
        communityId: community.id,
        title: input.title,
        description: input.description,
        coverImageUrl: input.coverImageUrl,
        timeZone: input.schedule.timeZone,
        startTime: input.schedule.startTime,
        rule: input.schedule.rule,
        durationMinutes: input.durationMinutes,
        capacity: input.capacity,
        visibility: input.visibility,
        questions: input.questions,
        reminderOffsets: input.reminderOffsets,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const created = await tx
      .insert(sessions)
      .values(
        starts.map((startsAt, index) => {
          const title = `${input.title} #${index + 1}`;
          return {
            communityId: community.id,
            seriesId: row.id,
            seriesNumber: index + 1,
            slug: sessionSlug(title),
            title,
            description: input.description,
            startsAt,
            durationMinutes: input.durationMinutes,
            timeZone: input.schedule.timeZone,
            capacity: input.capacity,
            visibility: input.visibility,
            questions: input.questions,
            status: input.status,
          };
        }),
      )
      .returning();
    const people: Array<{ person: SeriesPersonRow; inviteSecret: string }> = [];
    for (const person of input.people) {
      const { secret, hash } = newLinkSecret();
      const [seriesPerson] = await tx
        .insert(seriesPeople)
        .values({ ...person, email: person.email.toLowerCase(), seriesId: row.id, inviteTokenHash: hash })
        .returning();
      if (!seriesPerson) throw new Error('insert returned no row');
      people.push({ person: seriesPerson, inviteSecret: secret });
    }
    if (people.length > 0) {
      await tx.insert(sessionPeople).values(
        created.flatMap((session) =>
          people.map(({ person }) => ({
            sessionId: session.id,
            seriesPersonId: person.id,
            role: person.role,
            name: person.name,
            email: person.email,
            title: person.title,
            bio: person.bio,
            photoUrl: person.photoUrl,
          })),
        ),
      );
    }
    return { series: row, sessions: created.sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0)), people };
  });
}

export async function findSeries(db: Database, id: string): Promise<SeriesRow> {
  const [row] = await db.select().from(series).where(eq(series.id, id));
  if (!row) throw AppError.notFound();
  return row;
}

export async function seriesSessions(db: Database, seriesId: string): Promise<SessionRow[]> {
  return db.select().from(sessions).where(eq(sessions.seriesId, seriesId)).orderBy(asc(sessions.seriesNumber));
}

/** The series with the sessions `user` may see; a series with none visible is 404 to them. */
export async function seriesView(db: Database, row: SeriesRow, user: SessionUser | null): Promise<Series> {
  const communityRole = user ? await roleIn(db, row.communityId, user.id) : null;
  const visible = (await seriesSessions(db, row.id)).filter((s) =>
    canSeeSession(s, { communityRole, sessionRole: null }),
  );
  if (visible.length === 0) throw AppError.notFound();
  const views = await toSessionViews(db, visible);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    coverImageUrl: row.coverImageUrl,
    timeZone: row.timeZone,
    startTime: row.startTime,
    rule: row.rule,
    durationMinutes: row.durationMinutes,
    community: views[0]?.community ?? { slug: '', name: '' },
    sessions: views,
  };
}

/**
 * "This and all following": moves session `fromNumber` and every later one; each move is a
 * reschedule its registrants hear about. Ended, live and cancelled sessions stay as they are.
 */
export async function rescheduleSeriesFrom(
  db: Database,
  row: SeriesRow,
  fromNumber: number,
  change: FollowingChange,
  now: Date,
): Promise<SessionChange[]> {
  const all = await seriesSessions(db, row.id);
  const fromIndex = all.findIndex((s) => s.seriesNumber === fromNumber);
  if (fromIndex < 0) throw AppError.notFound();
  const moved = rescheduleFollowing(
    { timeZone: row.timeZone, startTime: row.startTime, rule: row.rule },
    all.map((s) => s.startsAt),
    fromIndex,
    change,
  );
  const changes: SessionChange[] = [];
  for (const [index, session] of all.entries()) {
    const startsAt = moved[index];
    if (index < fromIndex || !startsAt || startsAt.getTime() === session.startsAt.getTime()) continue;
    if (session.status !== 'draft' && session.status !== 'scheduled') continue;
    changes.push(await updateSession(db, session, { startsAt: startsAt.toISOString() }, now));
  }
  await db
    .update(series)
    .set({
      ...(change.startTime ? { startTime: change.startTime } : {}),
      ...(change.rule ? { rule: change.rule } : {}),
      updatedAt: now,
    })
    .where(and(eq(series.id, row.id)));
  return changes;
}

/** Registers one person for every session of the series that is still open, in order. */
export async function registerForSeries(
  db: Database,
  links: JoinLinks,
  row: SeriesRow,
  input: RegisterInput,
  callerLocale: Parameters<typeof register>[4],
  now: Date,
): Promise<Array<{ session: SessionRow; registered: Registered }>> {
  const open = (await seriesSessions(db, row.id)).filter(
    (s) => canRegister(s) && s.startsAt > now && s.visibility !== 'private',
  );
  if (open.length === 0) throw new AppError(409, 'registration_closed', 'problems.registrationClosed');
  const results: Array<{ session: SessionRow; registered: Registered }> = [];
  for (const session of open) {
    results.push({ session, registered: await register(db, links, session, input, callerLocale, now) });
  }
  return results;
}
