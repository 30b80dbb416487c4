import { attendanceIntervals } from '@serambi/server/attendance/schema.ts';
import { certificates } from '@serambi/server/certificates/schema.ts';
import { chatMessages } from '@serambi/server/chat/schema.ts';
import { communities } from '@serambi/server/communities/schema.ts';
import type { Database } from '@serambi/server/db/client.ts';
import { polls } from '@serambi/server/polls/schema.ts';
import { questions } from '@serambi/server/qa/schema.ts';
import { registrations } from '@serambi/server/registrations/schema.ts';
import { roomParticipants, sessionRooms } from '@serambi/server/room/schema.ts';
import { sessions } from '@serambi/server/sessions/schema.ts';
import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { TestApp } from './app.ts';
import type { FuzzWorld } from './fuzz/fixtures.ts';

/**
 * Instants as PostgreSQL writes them, that no form of ours lets through but an old row, a
 * restore or a hand-made fix may hold: the year 26 of the report that found this, the year 1
 * (which JavaScript's date parser reads as 2001), the end of the year 9999 (a session then ends
 * in the year 10000), and a date before the common era.
 */
export const STRANGE_INSTANTS = {
  year26: '0026-01-01 00:01:00+00',
  year1: '0001-01-01 00:00:00+00',
  year9999: '9999-12-31 23:30:00+00',
  beforeCommonEra: '0044-03-15 12:00:00+00 BC',
} as const;

const at = (stored: string): SQL => sql`${stored}::timestamptz`;

/** The sessions to age, by role: one ended with attendance and a certificate, one live, one draft, one of a series. */
export interface AgedSessions {
  held: string;
  live: string;
  draft: string;
  ofSeries: string;
  community: string;
}

/**
 * Writes strange instants straight into the rows of a world built through the API, bypassing
 * every check, as an old database would hold them: each reader of those rows must still answer.
 * The held session went live in the year 26 and ended now, so its attendance spans two thousand years;
 * the live one starts in the year 26 (as the fuzzer's did), so its changes are mailed with that year.
 */
export async function ageRows(db: Database, ids: AgedSessions): Promise<void> {
  const { year26, year1, year9999, beforeCommonEra } = STRANGE_INSTANTS;
  await db
    .update(communities)
    .set({ createdAt: at(year1) })
    .where(eq(communities.slug, ids.community));
  await db
    .update(sessions)
    .set({ startsAt: at(year26) })
    .where(eq(sessions.id, ids.held));
  await db
    .update(sessionRooms)
    .set({ liveAt: at(year26) })
    .where(eq(sessionRooms.sessionId, ids.held));
  await db
    .update(attendanceIntervals)
    .set({ joinedAt: at(year26) })
    .where(eq(attendanceIntervals.sessionId, ids.held));
  await db
    .update(certificates)
    .set({ issuedAt: at(year9999) })
    .where(eq(certificates.sessionId, ids.held));
  await db
    .update(registrations)
    .set({ createdAt: at(year1) })
    .where(eq(registrations.sessionId, ids.held));

  await db
    .update(sessions)
    .set({ startsAt: at(year26) })
    .where(eq(sessions.id, ids.live));
  await db
    .update(sessionRooms)
    .set({ doorsOpenAt: at(year9999) })
    .where(eq(sessionRooms.sessionId, ids.live));
  await db
    .update(questions)
    .set({ createdAt: at(year26) })
    .where(eq(questions.sessionId, ids.live));
  await db
    .update(chatMessages)
    .set({ createdAt: at(year9999) })
    .where(eq(chatMessages.sessionId, ids.live));
  await db
    .update(polls)
    .set({ createdAt: at(beforeCommonEra) })
    .where(eq(polls.sessionId, ids.live));
  await db
    .update(roomParticipants)
    .set({ firstJoinedAt: at(year1) })
    .where(eq(roomParticipants.sessionId, ids.live));

  await db
    .update(sessions)
    .set({ startsAt: at(year9999) })
    .where(eq(sessions.id, ids.draft));
  await db
    .update(sessions)
    .set({ startsAt: at(beforeCommonEra) })
    .where(eq(sessions.id, ids.ofSeries));
}

/** The sessions of a fuzz world to age: its held, live and draft sessions, and its series' first. */
export async function agedSessionsOf(app: TestApp, world: FuzzWorld): Promise<AgedSessions> {
  const [first] = await app.context.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.seriesId, world.series.id))
    .orderBy(asc(sessions.seriesNumber))
    .limit(1);
  if (!first) throw new Error('the series has no session');
  return {
    community: world.community.slug,
    held: world.held.id,
    live: world.live.id,
    draft: world.draft.id,
    ofSeries: first.id,
  };
}
