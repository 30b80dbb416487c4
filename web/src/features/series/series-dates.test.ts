import { describe, expect, it } from 'vitest';
import { seriesDates } from './series-dates.ts';

describe('the dates a series preview shows', () => {
  it('repeats weekly from the first date', () => {
    expect(
      seriesDates({ firstDate: '2026-12-06', rule: { kind: 'weekly' }, end: { kind: 'count', count: 3 } }),
    ).toEqual(['2026-12-06', '2026-12-13', '2026-12-20']);
  });

  it('repeats every other week up to and including the last date', () => {
    expect(
      seriesDates({ firstDate: '2026-12-06', rule: { kind: 'biweekly' }, end: { kind: 'until', until: '2027-01-03' } }),
    ).toEqual(['2026-12-06', '2026-12-20', '2027-01-03']);
  });

  it('finds the second Tuesday of each month from the first date on', () => {
    expect(
      seriesDates({
        firstDate: '2026-12-09',
        rule: { kind: 'monthly-nth-weekday', nth: 2, weekday: 2 },
        end: { kind: 'count', count: 3 },
      }),
    ).toEqual(['2027-01-12', '2027-02-09', '2027-03-09']);
  });

  it('finds the last Friday of each month', () => {
    expect(
      seriesDates({
        firstDate: '2026-01-01',
        rule: { kind: 'monthly-nth-weekday', nth: -1, weekday: 5 },
        end: { kind: 'count', count: 3 },
      }),
    ).toEqual(['2026-01-30', '2026-02-27', '2026-03-27']);
  });

  it('stops one past the limit so the form can say it is too long', () => {
    expect(
      seriesDates({ firstDate: '2026-01-01', rule: { kind: 'weekly' }, end: { kind: 'until', until: '2028-01-01' } }),
    ).toHaveLength(53);
  });

  it('has no dates without a valid first date', () => {
    expect(seriesDates({ firstDate: '', rule: { kind: 'weekly' }, end: { kind: 'count', count: 3 } })).toEqual([]);
  });
});
