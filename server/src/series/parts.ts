import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { DEFAULT_REMINDER_OFFSETS } from '../registrations/reminder-schema.ts';
import type { SeriesPersonLink } from '../sessions/parts.ts';
import { series, seriesPeople } from './schema.ts';

/** What sessions show of their series (`SessionParts`, composed in compose.ts): titles and default people. */

export async function seriesTitles(db: Database, seriesIds: string[]): Promise<{ id: string; title: string }[]> {
  return db.select({ id: series.id, title: series.title }).from(series).where(inArray(series.id, seriesIds));
}

/** The series' default person whose personal link has this hash, if any. */
export async function seriesPersonByInvite(
  db: Database,
  inviteTokenHash: string,
): Promise<SeriesPersonLink | undefined> {
  const [person] = await db.select().from(seriesPeople).where(eq(seriesPeople.inviteTokenHash, inviteTokenHash));
  return person;
}

/** Binds a series' default person to the account that took up their link. */
export async function acceptSeriesPerson(
  db: Database,
  seriesPersonId: string,
  userId: string,
  acceptedAt: Date,
): Promise<void> {
  await db.update(seriesPeople).set({ userId, acceptedAt }).where(eq(seriesPeople.id, seriesPersonId));
}

/** When a session of this series is reminded of (minutes before it), or the default 24 hours and 1 hour. */
export async function seriesReminderOffsets(db: Database, seriesId: string | null): Promise<readonly number[]> {
  if (!seriesId) return DEFAULT_REMINDER_OFFSETS;
  const [row] = await db.select({ offsets: series.reminderOffsets }).from(series).where(eq(series.id, seriesId));
  return row?.offsets ?? DEFAULT_REMINDER_OFFSETS;
}
