import {
  type FollowingChange,
  MAX_SERIES_OCCURRENCES,
  type RecurrenceRule,
  type SeriesEnd,
  type SeriesSchedule,
} from '@serambi/shared';
import { Temporal } from 'temporal-polyfill';
import { AppError } from '../http/errors.ts';

/**
 * When the sessions of a series take place. Dates are laid out on the calendar first (which
 * Sunday, which 2nd Tuesday: the same in every zone), then each date at the series' wall-clock
 * time becomes a UTC instant in the series' zone, so "19:00 in Berlin" stays 19:00 across the
 * change to and from summer time while its UTC offset moves.
 */

/** The start of every session of the schedule, in order. */
export function planOccurrences(schedule: SeriesSchedule): Date[] {
  const dates = takeDates(schedule.rule, Temporal.PlainDate.from(schedule.firstDate), schedule.end, 'end.until');
  return dates.map((date) => wallClockInstant(date, schedule.startTime, schedule.timeZone));
}

/**
 * "Edit this and all following": the sessions before `fromIndex` keep their instants; from it on,
 * a new start time keeps each session's local date (even one moved by hand), while a new rule or
 * first date lays out as many sessions as followed before, so series numbers stay attached.
 * Returns the whole list, aligned with `occurrences`.
 */
export function rescheduleFollowing(
  current: Pick<SeriesSchedule, 'timeZone' | 'startTime' | 'rule'>,
  occurrences: readonly Date[],
  fromIndex: number,
  change: FollowingChange,
): Date[] {
  const { timeZone } = current;
  const first = occurrences[fromIndex];
  if (!Number.isInteger(fromIndex) || first === undefined) {
    throw new RangeError(`No occurrence ${fromIndex} in a series of ${occurrences.length}`);
  }
  const kept = occurrences.slice(0, fromIndex);
  const following = occurrences.slice(fromIndex);
  const dates =
    change.rule || change.firstDate
      ? takeDates(
          change.rule ?? current.rule,
          change.firstDate ? Temporal.PlainDate.from(change.firstDate) : localDate(first, timeZone),
          { kind: 'count', count: following.length },
          'firstDate',
        )
      : following.map((instant) => localDate(instant, timeZone));
  const moved = dates.map((date) => wallClockInstant(date, change.startTime ?? current.startTime, timeZone));

  const previous = kept.at(-1);
  const firstMoved = moved[0];
  if (previous && firstMoved && firstMoved <= previous) {
    throw AppError.validation([
      {
        path: change.firstDate ? 'firstDate' : 'startTime',
        message: 'validation.seriesOverlap',
        params: { number: fromIndex },
      },
    ]);
  }
  return [...kept, ...moved];
}

/**
 * The instant the wall clock in `timeZone` shows `time` on `date`. Temporal's 'compatible'
 * disambiguation, as RFC 5545 and the big calendars do: a time skipped by spring-forward (02:30 on
 * Berlin's last Sunday of March) moves forward by the gap, to 03:30 summer time; a time that
 * happens twice in autumn takes the first, summer-time one.
 */
export function wallClockInstant(date: Temporal.PlainDate, time: string, timeZone: string): Date {
  const zoned = date
    .toPlainDateTime(Temporal.PlainTime.from(time))
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  return new Date(zoned.epochMilliseconds);
}

function localDate(instant: Date, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
}

/** The rule's dates from `from` on, as many as `end` allows; `path` names the field to blame. */
function takeDates(rule: RecurrenceRule, from: Temporal.PlainDate, end: SeriesEnd, path: string): Temporal.PlainDate[] {
  const until = end.kind === 'until' ? Temporal.PlainDate.from(end.until) : null;
  const dates: Temporal.PlainDate[] = [];
  for (const date of datesOfRule(rule, from)) {
    if (end.kind === 'count' && dates.length === end.count) break;
    if (until && Temporal.PlainDate.compare(date, until) > 0) break;
    if (dates.length === MAX_SERIES_OCCURRENCES) {
      throw AppError.validation([
        { path, message: 'validation.seriesTooLong', params: { max: MAX_SERIES_OCCURRENCES } },
      ]);
    }
    dates.push(date);
  }
  if (dates.length === 0) {
    throw AppError.validation([{ path, message: 'validation.seriesEmpty' }]);
  }
  return dates;
}

/** Every date on or after `from` that fits the rule, without end; callers stop reading. */
function* datesOfRule(rule: RecurrenceRule, from: Temporal.PlainDate): Generator<Temporal.PlainDate> {
  switch (rule.kind) {
    case 'weekly':
    case 'biweekly': {
      const step = { weeks: rule.kind === 'weekly' ? 1 : 2 };
      for (let date = from; ; date = date.add(step)) yield date;
    }
    case 'monthly-nth-weekday': {
      for (let month = from.toPlainYearMonth(); ; month = month.add({ months: 1 })) {
        const date = nthWeekdayOf(month, rule.nth, rule.weekday);
        if (Temporal.PlainDate.compare(date, from) >= 0) yield date;
      }
    }
  }
}

/** The 1st–4th or (-1) last `weekday` (ISO, 1 Monday … 7 Sunday) of the month. */
function nthWeekdayOf(month: Temporal.PlainYearMonth, nth: 1 | 2 | 3 | 4 | -1, weekday: number): Temporal.PlainDate {
  if (nth === -1) {
    const last = month.toPlainDate({ day: month.daysInMonth });
    return last.subtract({ days: (last.dayOfWeek - weekday + 7) % 7 });
  }
  const first = month.toPlainDate({ day: 1 });
  return first.add({ days: ((weekday - first.dayOfWeek + 7) % 7) + (nth - 1) * 7 });
}
