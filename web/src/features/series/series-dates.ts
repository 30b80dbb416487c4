import { MAX_SERIES_OCCURRENCES, type SeriesSchedule } from '@serambi/shared';

/**
 * The calendar dates a schedule lays out, for the series form's preview. The server lays them out
 * again when it creates the series (server/src/series/recurrence.ts) and its answer is what counts;
 * this copy exists so the organizer sees "which Sundays" before sending.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** A "YYYY-MM-DD" as a UTC midnight, which makes calendar arithmetic free of zones. */
function parseDate(date: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

const formatDate = (date: Date) => date.toISOString().slice(0, 10);

/** ISO weekday, 1 Monday … 7 Sunday. */
const isoWeekday = (date: Date) => ((date.getUTCDay() + 6) % 7) + 1;

function nthWeekdayOf(year: number, month: number, nth: number, weekday: number): Date {
  if (nth === -1) {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return new Date(last.getTime() - ((isoWeekday(last) - weekday + 7) % 7) * DAY_MS);
  }
  const first = new Date(Date.UTC(year, month, 1));
  return new Date(first.getTime() + (((weekday - isoWeekday(first) + 7) % 7) + (nth - 1) * 7) * DAY_MS);
}

function* datesOfRule(rule: SeriesSchedule['rule'], from: Date): Generator<Date> {
  if (rule.kind === 'weekly' || rule.kind === 'biweekly') {
    const step = (rule.kind === 'weekly' ? 7 : 14) * DAY_MS;
    for (let date = from; ; date = new Date(date.getTime() + step)) yield date;
  }
  if (rule.kind === 'monthly-nth-weekday') {
    for (let month = from.getUTCMonth(), year = from.getUTCFullYear(); ; month++) {
      const date = nthWeekdayOf(year, month, rule.nth, rule.weekday);
      if (date >= from) yield date;
    }
  }
}

/** Up to one more than the allowed number of dates, so the form can say "too many". */
export function seriesDates(schedule: Pick<SeriesSchedule, 'firstDate' | 'rule' | 'end'>): string[] {
  const from = parseDate(schedule.firstDate);
  if (!from) return [];
  const until = schedule.end.kind === 'until' ? parseDate(schedule.end.until) : null;
  if (schedule.end.kind === 'until' && !until) return [];
  const dates: string[] = [];
  for (const date of datesOfRule(schedule.rule, from)) {
    if (schedule.end.kind === 'count' && dates.length >= schedule.end.count) break;
    if (until && date > until) break;
    dates.push(formatDate(date));
    if (dates.length > MAX_SERIES_OCCURRENCES) break;
  }
  return dates;
}
