import type { SeriesSchedule } from '@serambi/shared';
import { followingChangeSchema, seriesScheduleSchema } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { planOccurrences, rescheduleFollowing } from './recurrence.ts';

function schedule(overrides: Partial<SeriesSchedule> = {}): SeriesSchedule {
  return {
    firstDate: '2025-12-07',
    startTime: '20:00',
    timeZone: 'Asia/Makassar',
    rule: { kind: 'weekly' },
    end: { kind: 'count', count: 10 },
    ...overrides,
  };
}

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('planOccurrences', () => {
  it('plans "Sharing Online #1 … #10" on ten Sundays at 20.00 WITA', () => {
    const occurrences = planOccurrences(schedule());
    expect(occurrences).toHaveLength(10);
    expect(occurrences[0]?.toISOString()).toBe('2025-12-07T12:00:00.000Z');
    expect(occurrences[1]?.toISOString()).toBe('2025-12-14T12:00:00.000Z');
    expect(occurrences[9]?.toISOString()).toBe('2026-02-08T12:00:00.000Z');
    for (const occurrence of occurrences) {
      expect(occurrence.getUTCDay()).toBe(0);
      expect(occurrence.getUTCHours()).toBe(12);
    }
  });

  it('keeps a Berlin series at 19:00 local across the change to summer time', () => {
    const occurrences = planOccurrences(
      schedule({
        firstDate: '2026-03-15',
        startTime: '19:00',
        timeZone: 'Europe/Berlin',
        end: { kind: 'count', count: 4 },
      }),
    );
    // Clocks go forward on 29 March 2026: 19:00 is 18:00 UTC before and 17:00 UTC from then on.
    expect(iso(occurrences)).toEqual([
      '2026-03-15T18:00:00.000Z',
      '2026-03-22T18:00:00.000Z',
      '2026-03-29T17:00:00.000Z',
      '2026-04-05T17:00:00.000Z',
    ]);
  });

  it('keeps a Berlin series at 19:00 local across the change back in October', () => {
    const occurrences = planOccurrences(
      schedule({
        firstDate: '2025-10-19',
        startTime: '19:00',
        timeZone: 'Europe/Berlin',
        end: { kind: 'count', count: 2 },
      }),
    );
    expect(iso(occurrences)).toEqual(['2025-10-19T17:00:00.000Z', '2025-10-26T18:00:00.000Z']);
  });

  it('moves a time skipped by spring-forward an hour later, as calendars do', () => {
    const [occurrence] = planOccurrences(
      schedule({
        firstDate: '2026-03-29',
        startTime: '02:30',
        timeZone: 'Europe/Berlin',
        end: { kind: 'count', count: 1 },
      }),
    );
    // 02:30 does not exist that night; 03:30 CEST is 01:30 UTC.
    expect(occurrence?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the first, summer-time one of a time that happens twice in October', () => {
    const [occurrence] = planOccurrences(
      schedule({
        firstDate: '2025-10-26',
        startTime: '02:30',
        timeZone: 'Europe/Berlin',
        end: { kind: 'count', count: 1 },
      }),
    );
    // 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    expect(occurrence?.toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });

  it('plans every other Sunday for a biweekly series', () => {
    const occurrences = planOccurrences(schedule({ rule: { kind: 'biweekly' }, end: { kind: 'count', count: 3 } }));
    expect(iso(occurrences)).toEqual([
      '2025-12-07T12:00:00.000Z',
      '2025-12-21T12:00:00.000Z',
      '2026-01-04T12:00:00.000Z',
    ]);
  });

  it('plans the 2nd Tuesday of each month, starting at the next one after the first date', () => {
    const occurrences = planOccurrences(
      schedule({ rule: { kind: 'monthly-nth-weekday', nth: 2, weekday: 2 }, end: { kind: 'count', count: 3 } }),
    );
    // The first date is Sunday 7 December; December's 2nd Tuesday, the 9th, still comes after it.
    expect(iso(occurrences)).toEqual([
      '2025-12-09T12:00:00.000Z',
      '2026-01-13T12:00:00.000Z',
      '2026-02-10T12:00:00.000Z',
    ]);
  });

  it('plans the last Friday of each month, in 31-, 28- and 30-day months', () => {
    const occurrences = planOccurrences(
      schedule({
        firstDate: '2026-01-01',
        rule: { kind: 'monthly-nth-weekday', nth: -1, weekday: 5 },
        end: { kind: 'until', until: '2026-04-30' },
      }),
    );
    expect(iso(occurrences)).toEqual([
      '2026-01-30T12:00:00.000Z',
      '2026-02-27T12:00:00.000Z',
      '2026-03-27T12:00:00.000Z',
      '2026-04-24T12:00:00.000Z',
    ]);
  });

  it('skips a month whose nth weekday falls before the first date', () => {
    const occurrences = planOccurrences(
      schedule({
        firstDate: '2025-12-10',
        rule: { kind: 'monthly-nth-weekday', nth: 1, weekday: 1 },
        end: { kind: 'count', count: 1 },
      }),
    );
    // December's first Monday was the 1st; the next is 5 January 2026.
    expect(iso(occurrences)).toEqual(['2026-01-05T12:00:00.000Z']);
  });

  it('ends an "until" series on its last date, inclusive', () => {
    const occurrences = planOccurrences(schedule({ end: { kind: 'until', until: '2025-12-21' } }));
    expect(iso(occurrences)).toEqual([
      '2025-12-07T12:00:00.000Z',
      '2025-12-14T12:00:00.000Z',
      '2025-12-21T12:00:00.000Z',
    ]);
  });

  it('refuses an "until" series longer than 52 sessions, blaming the last date', () => {
    const tooLong = () => planOccurrences(schedule({ end: { kind: 'until', until: '2027-12-31' } }));
    expect(tooLong).toThrow(AppError);
    expect(tooLong).toThrow(
      expect.objectContaining({ extra: { errors: [expect.objectContaining({ path: 'end.until' })] } }),
    );
  });

  it('refuses a series in which no date fits the rule before the last date', () => {
    const empty = () =>
      planOccurrences(
        schedule({
          firstDate: '2025-12-10',
          rule: { kind: 'monthly-nth-weekday', nth: 1, weekday: 1 },
          end: { kind: 'until', until: '2025-12-31' },
        }),
      );
    expect(empty).toThrow(AppError);
  });
});

describe('rescheduleFollowing', () => {
  const current = schedule();
  const occurrences = planOccurrences(current);

  it('moves sessions #4 to #10 to 19.30 and leaves #1 to #3 alone', () => {
    const updated = rescheduleFollowing(current, occurrences, 3, { startTime: '19:30' });
    expect(updated).toHaveLength(10);
    expect(updated.slice(0, 3)).toEqual(occurrences.slice(0, 3));
    expect(iso(updated.slice(3, 5))).toEqual(['2025-12-28T11:30:00.000Z', '2026-01-04T11:30:00.000Z']);
    expect(updated[9]?.toISOString()).toBe('2026-02-08T11:30:00.000Z');
  });

  it('keeps the local Sunday of a 07.00 WIT series, a Saturday in UTC, when its time changes', () => {
    const papua = schedule({ startTime: '07:00', timeZone: 'Asia/Jayapura', end: { kind: 'count', count: 2 } });
    const updated = rescheduleFollowing(papua, planOccurrences(papua), 0, { startTime: '08:00' });
    expect(iso(updated)).toEqual(['2025-12-06T23:00:00.000Z', '2025-12-13T23:00:00.000Z']);
  });

  it('keeps the date of a following session that was moved by hand when only the time changes', () => {
    const withOneMoved = [...occurrences];
    withOneMoved[5] = new Date('2026-01-12T12:00:00Z'); // #6 moved to a Monday
    const updated = rescheduleFollowing(current, withOneMoved, 3, { startTime: '19:30' });
    expect(updated[5]?.toISOString()).toBe('2026-01-12T11:30:00.000Z');
  });

  it('lays the following sessions out again on Saturdays when the date changes', () => {
    const updated = rescheduleFollowing(current, occurrences, 3, { firstDate: '2025-12-27' });
    expect(updated.slice(0, 3)).toEqual(occurrences.slice(0, 3));
    expect(updated).toHaveLength(10);
    expect(iso(updated.slice(3, 5))).toEqual(['2025-12-27T12:00:00.000Z', '2026-01-03T12:00:00.000Z']);
    expect(updated.slice(3).every((instant) => instant.getUTCDay() === 6)).toBe(true);
  });

  it('turns the following sessions biweekly from the first one changed', () => {
    const updated = rescheduleFollowing(current, occurrences, 8, { rule: { kind: 'biweekly' } });
    expect(iso(updated.slice(7))).toEqual([
      '2026-01-25T12:00:00.000Z',
      '2026-02-01T12:00:00.000Z',
      '2026-02-15T12:00:00.000Z',
    ]);
  });

  it('keeps a Berlin series at its new local time on both sides of the change to summer time', () => {
    const berlin = schedule({
      firstDate: '2026-03-15',
      startTime: '19:00',
      timeZone: 'Europe/Berlin',
      end: { kind: 'count', count: 4 },
    });
    const updated = rescheduleFollowing(berlin, planOccurrences(berlin), 1, { startTime: '18:00' });
    expect(iso(updated)).toEqual([
      '2026-03-15T18:00:00.000Z',
      '2026-03-22T17:00:00.000Z',
      '2026-03-29T16:00:00.000Z',
      '2026-04-05T16:00:00.000Z',
    ]);
  });

  it('refuses to move the following sessions before the one that stays', () => {
    expect(() => rescheduleFollowing(current, occurrences, 3, { firstDate: '2025-12-20' })).toThrow(AppError);
  });

  it('refuses an index outside the series', () => {
    expect(() => rescheduleFollowing(current, occurrences, 10, { startTime: '19:30' })).toThrow(RangeError);
  });
});

describe('series schemas', () => {
  it('accepts the weekly WITA series and refuses a last date before the first', () => {
    expect(seriesScheduleSchema.safeParse(schedule()).success).toBe(true);
    const backwards = seriesScheduleSchema.safeParse(schedule({ end: { kind: 'until', until: '2025-12-01' } }));
    expect(backwards.error?.issues[0]?.path).toEqual(['end', 'until']);
  });

  it('refuses a change of the following sessions that changes nothing', () => {
    expect(followingChangeSchema.safeParse({}).success).toBe(false);
    expect(followingChangeSchema.safeParse({ startTime: '19:30' }).success).toBe(true);
  });

  it('refuses a fifth weekday, a 25:00 start and 53 sessions', () => {
    expect(
      seriesScheduleSchema.safeParse({ ...schedule(), rule: { kind: 'monthly-nth-weekday', nth: 5, weekday: 1 } })
        .success,
    ).toBe(false);
    expect(seriesScheduleSchema.safeParse(schedule({ startTime: '25:00' })).success).toBe(false);
    expect(seriesScheduleSchema.safeParse(schedule({ startTime: '20:00:30' })).success).toBe(false);
    expect(seriesScheduleSchema.safeParse(schedule({ end: { kind: 'count', count: 53 } })).success).toBe(false);
  });
});
