import {
  type CreateSeriesInput,
  type FollowingChange,
  isoDay,
  isWithinWindow,
  SESSION_START_YEARS_AHEAD,
  type Series,
  type SeriesEnd,
  sessionStartWindow,
} from '@serambi/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { CommunityRow } from '../communities/schema.ts';
import { roleIn } from '../communities/service.ts';
import type { Database } from '../db/client.ts';
import type { SessionUser } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { newLinkSecret } from '../http/secret-link.ts';
import type { JoinLinks } from '../registrations/link-secrets.ts';
import { type Registered, type RegisterInput, register } from '../registrations/service.ts';
import type { SessionParts } from '../sessions/parts.ts';
import { canRegister, canSeeSession } from '../sessions/rules.ts';
import { type SessionRow, sessionPeople, sessions } from '../sessions/schema.ts';
import { type SessionChange, toSessionViews, updateSession, type WhileWriting } from '../sessions/service.ts';
import { sessionSlug } from '../sessions/slug.ts';
import { checkSessionStart } from '../sessions/start-window.ts';
import { planOccurrences, rescheduleFollowing } from './recurrence.ts';
import { type SeriesPersonRow, type SeriesRow, series, seriesPeople } from './schema.ts';

export interface CreatedSeries {
  series: SeriesRow;
  sessions: SessionRow[];
  people: Array<{ person: SeriesPersonRow; inviteSecret: string }>;
}

/**
 * Creates a series and its numbered sessions ("Sharing Online #1 … #n"), each starting near
 * `now` as a single session must, then runs `whileCreating` (reminders, invitations), all in
 * one transaction.
 */
export async function createSeries(
  db: Database,
  community: CommunityRow,
  input: CreateSeriesInput,
  now: Date,
  whileCreating?: WhileWriting<CreatedSeries>,
): Promise<CreatedSeries> {
  const starts = planOccurrences(input.schedule);
  checkSeriesStarts(starts, input.schedule.end, now);
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
    const result = {
      series: row,
      sessions: created.sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0)),
      people,
    };
    await whileCreating?.(tx, result);
    return result;
  });
}

/** The first session in the window around `now`, and the last not past its end (blamed on the series' end). */
function checkSeriesStarts(starts: readonly Date[], end: SeriesEnd, now: Date): void {
  const [first] = starts;
  const last = starts.at(-1);
  if (first) checkSessionStart(first, now, 'schedule.firstDate');
  const window = sessionStartWindow(now);
  if (!last || isWithinWindow(window, last)) return;
  throw AppError.validation([
    {
      path: end.kind === 'count' ? 'schedule.end.count' : 'schedule.end.until',
      message: 'validation.seriesEndsTooLate',
      params: { date: isoDay(last), ahead: SESSION_START_YEARS_AHEAD },
    },
  ]);
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
export async function seriesView(
  db: Database,
  parts: Pick<SessionParts, 'seatCounts' | 'seriesTitles'>,
  row: SeriesRow,
  user: SessionUser | null,
): Promise<Series> {
  const communityRole = user ? await roleIn(db, row.communityId, user.id) : null;
  const visible = (await seriesSessions(db, row.id)).filter((s) =>
    canSeeSession(s, { communityRole, sessionRole: null }),
  );
  if (visible.length === 0) throw AppError.notFound();
  const views = await toSessionViews(db, parts, visible);
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
 * reschedule its registrants hear about (`whileChanging`, per session). Ended, live and cancelled
 * sessions stay as they are. Every new start is checked before anything is written, and
 * everything is written in one transaction.
 */
export async function rescheduleSeriesFrom(
  db: Database,
  row: SeriesRow,
  fromNumber: number,
  change: FollowingChange,
  now: Date,
  whileChanging?: WhileWriting<SessionChange>,
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
  const moves = all.flatMap((session, index) => {
    const startsAt = moved[index];
    if (index < fromIndex || !startsAt || startsAt.getTime() === session.startsAt.getTime()) return [];
    if (session.status !== 'draft' && session.status !== 'scheduled') return [];
    return [{ session, startsAt }];
  });
  const blamed = change.firstDate ? 'firstDate' : change.rule ? 'rule' : 'startTime';
  for (const { startsAt } of moves) checkSessionStart(startsAt, now, blamed);
  return db.transaction(async (tx) => {
    const changes: SessionChange[] = [];
    for (const { session, startsAt } of moves) {
      changes.push(await updateSession(tx, session, { startsAt: startsAt.toISOString() }, now, whileChanging));
    }
    await tx
      .update(series)
      .set({
        ...(change.startTime ? { startTime: change.startTime } : {}),
        ...(change.rule ? { rule: change.rule } : {}),
        updatedAt: now,
      })
      .where(and(eq(series.id, row.id)));
    return changes;
  });
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
