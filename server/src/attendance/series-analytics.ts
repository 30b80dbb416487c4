import type { SeriesAnalytics, SeriesSessionStats } from '@serambi/shared';
import { and, asc, eq, ne } from 'drizzle-orm';
import { sessions } from '../sessions/schema.ts';
import { type AttendanceReportDeps, attendanceReportOf } from './service.ts';
import { topicsOf } from './topics.ts';

/**
 * A series across its sessions (cancelled ones left out, in order): each session's attendance
 * and how many of its audience had come to an earlier one, how many sessions people came to,
 * ratings, and what people asked about most. People are their lower-cased email, as in the
 * attendance report.
 */
export async function seriesAnalyticsOf(deps: AttendanceReportDeps, seriesId: string): Promise<SeriesAnalytics> {
  const rows = await deps.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.seriesId, seriesId), ne(sessions.status, 'cancelled')))
    .orderBy(asc(sessions.seriesNumber), asc(sessions.startsAt));
  const ids = rows.map((row) => row.id);
  const [ratings, asked] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([deps.sources.averageRatings(deps.db, ids), deps.sources.askedQuestions(deps.db, ids)]);
  const ratingOf = new Map(ratings.map((r) => [r.sessionId, r.rating]));

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
