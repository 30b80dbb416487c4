import type { QuestionStatus, SeriesAnalytics, SeriesSessionStats } from '@serambi/shared';
import { and, asc, avg, eq, inArray, ne } from 'drizzle-orm';
import { feedbackResponses } from '../feedback/schema.ts';
import { questions } from '../qa/schema.ts';
import { sessions } from '../sessions/schema.ts';
import type { AttendanceDeps } from './intervals.ts';
import { attendanceReportOf } from './service.ts';
import { topicsOf } from './topics.ts';

/**
 * Questions that count as asked: those the room took (open, answered) and duplicates merged
 * into another (someone did ask it). Pending ones were never let through, dismissed ones were
 * turned down, withdrawn ones taken back by their askers.
 */
const COUNTED_QUESTIONS: QuestionStatus[] = ['open', 'answered', 'merged'];

/**
 * A series across its sessions (cancelled ones left out, in order): each session's attendance
 * and how many of its audience had come to an earlier one, how many sessions people came to,
 * ratings, and what people asked about most. People are their lower-cased email, as in the
 * attendance report.
 */
export async function seriesAnalyticsOf(deps: AttendanceDeps, seriesId: string): Promise<SeriesAnalytics> {
  const rows = await deps.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.seriesId, seriesId), ne(sessions.status, 'cancelled')))
    .orderBy(asc(sessions.seriesNumber), asc(sessions.startsAt));
  const ids = rows.map((row) => row.id);
  const [ratings, asked] = await Promise.all([ratingsOf(deps, ids), questionsOf(deps, ids)]);
  const ratingOf = new Map(ratings.map((r) => [r.sessionId, r.rating === null ? null : Number(r.rating)]));

  const sessionsAttended = new Map<string, number>();
  const stats: SeriesSessionStats[] = [];
  // One at a time: a long series should not take every database connection at once.
  for (const row of rows) {
    const report = await attendanceReportOf(deps, row.id);
    const attendees = report.people.filter((p) => p.role === 'participant' && p.attended).map((p) => p.key);
    const rating = ratingOf.get(row.id) ?? null;
    stats.push({
      sessionId: row.id,
      number: row.seriesNumber,
      title: row.title,
      slug: row.slug,
      startsAt: row.startsAt.toISOString(),
      status: row.status,
      registered: report.registered,
      attended: report.attended,
      returning: attendees.filter((key) => sessionsAttended.has(key)).length,
      attendanceRate: report.attendanceRate,
      peakViewers: report.peakViewers,
      averageMinutes: report.averageMinutes,
      averageRating: rating === null ? null : Math.round(rating * 10) / 10,
    });
    for (const key of attendees) sessionsAttended.set(key, (sessionsAttended.get(key) ?? 0) + 1);
  }

  const counts = [...sessionsAttended.values()];
  return {
    seriesId,
    sessions: stats,
    uniqueAttendees: counts.length,
    returningAttendees: counts.filter((n) => n >= 2).length,
    // Every possible count, zeros included, so a chart shows that nobody came to all of them.
    loyalty: Array.from({ length: rows.length }, (_, i) => ({
      sessions: i + 1,
      people: counts.filter((n) => n === i + 1).length,
    })),
    topics: topicsOf(asked),
    questionsAsked: asked.length,
  };
}

/** Average feedback rating per session (sessions without feedback have none). */
async function ratingsOf(deps: AttendanceDeps, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return deps.db
    .select({ sessionId: feedbackResponses.sessionId, rating: avg(feedbackResponses.rating) })
    .from(feedbackResponses)
    .where(inArray(feedbackResponses.sessionId, sessionIds))
    .groupBy(feedbackResponses.sessionId);
}

async function questionsOf(deps: AttendanceDeps, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return deps.db
    .select({ text: questions.text, votes: questions.votes })
    .from(questions)
    .where(and(inArray(questions.sessionId, sessionIds), inArray(questions.status, COUNTED_QUESTIONS)));
}
