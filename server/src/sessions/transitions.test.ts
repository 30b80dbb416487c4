import { describe, expect, it } from 'vitest';
import { gainedSeats } from './transitions.ts';

const capacity = (before: number | null, after: number | null) => ({
  before: { capacity: before },
  after: { capacity: after },
});

describe('when a change of a session gains seats (the waitlist then moves up)', () => {
  it('gains seats when the capacity is raised', () => {
    expect(gainedSeats(capacity(20, 25))).toBe(true);
  });

  it('gains seats when a limited session becomes unlimited', () => {
    expect(gainedSeats(capacity(20, null))).toBe(true);
  });

  it('gains none when the capacity stays or is lowered', () => {
    expect(gainedSeats(capacity(20, 20))).toBe(false);
    expect(gainedSeats(capacity(20, 15))).toBe(false);
  });

  it('gains none for a session that had no limit, whatever limit it gets (nobody waited)', () => {
    expect(gainedSeats(capacity(null, 50))).toBe(false);
    expect(gainedSeats(capacity(null, null))).toBe(false);
  });
});
