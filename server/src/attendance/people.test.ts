import { describe, expect, it } from 'vitest';
import { type AttendanceFacts, attendanceReportFrom } from './people.ts';

const LIVE_AT = Date.parse('2026-12-06T12:00:00Z');
const at = (minutes: number) => new Date(LIVE_AT + minutes * 60_000);

/** A session live from 12:00 to 13:00 UTC with Sari (registered, signed in too), Budi (registered, absent), a speaker and a walk-in. */
function facts(overrides: Partial<AttendanceFacts> = {}): AttendanceFacts {
  return {
    sessionId: 's1',
    liveAt: at(0),
    endedAt: at(60),
    now: at(120),
    registrations: [
      { id: 'reg-sari', name: 'Sari Dewi', email: 'sari@example.id', status: 'registered' },
      { id: 'reg-budi', name: 'Budi Santoso', email: 'budi@example.id', status: 'registered' },
      { id: 'reg-rudi', name: 'Rudi Hartono', email: 'rudi@example.id', status: 'waitlisted' },
      { id: 'reg-nina', name: 'Nina Kusuma', email: 'nina@example.id', status: 'cancelled' },
    ],
    participants: [
      {
        identity: 'r_reg-sari',
        name: 'Sari Dewi',
        email: 'sari@example.id',
        role: 'participant',
        registrationId: 'reg-sari',
      },
      { identity: 'u_sari', name: 'Sari D.', email: 'Sari@Example.id', role: 'participant', registrationId: null },
      { identity: 'u_made', name: 'Made Wirawan', email: 'made@example.id', role: 'speaker', registrationId: null },
      { identity: 'r_made', name: 'Made W', email: 'made@example.id', role: 'participant', registrationId: 'reg-made' },
      {
        identity: 'u_wayan',
        name: 'Wayan Sudarma',
        email: 'wayan@example.id',
        role: 'participant',
        registrationId: null,
      },
    ],
    intervals: [
      // Sari: join link from before going live to minute 40, her laptop (signed in) from 30 to the end.
      { identity: 'r_reg-sari', joinedAt: at(-5), leftAt: at(40) },
      { identity: 'u_sari', joinedAt: at(30), leftAt: null },
      { identity: 'u_made', joinedAt: at(0), leftAt: at(60) },
      { identity: 'r_made', joinedAt: at(10), leftAt: at(20) },
      // Wayan, let in without registering: two stays with a reconnect between.
      { identity: 'u_wayan', joinedAt: at(10), leftAt: at(20) },
      { identity: 'u_wayan', joinedAt: at(25), leftAt: at(35) },
      // Serambi's recorder: in no one's name.
      { identity: 'recorder-1', joinedAt: at(0), leftAt: at(60) },
    ],
    feedbackEmails: new Set(['sari@example.id']),
    ...overrides,
  };
}

const person = (report: ReturnType<typeof attendanceReportFrom>, email: string) =>
  report.people.find((p) => p.email === email);

describe('the attendance report of a session', () => {
  it('makes one person of someone who came by join link and signed in, with the union of their stays', () => {
    const sari = person(attendanceReportFrom(facts()), 'sari@example.id');
    expect(sari).toMatchObject({
      key: 'sari@example.id',
      name: 'Sari Dewi',
      role: 'participant',
      registrationId: 'reg-sari',
      registered: true,
      attended: true,
      seconds: 3600,
      minutes: 60,
      percent: 100,
      connections: 2,
      firstJoinedAt: at(-5).toISOString(),
      // Still connected when the room's end never reached us: the session's end.
      lastLeftAt: at(60).toISOString(),
      gaveFeedback: true,
    });
  });

  it('lists registrants who never came, and leaves out waitlisted or cancelled ones who did not come either', () => {
    const report = attendanceReportFrom(facts());
    expect(person(report, 'budi@example.id')).toMatchObject({
      attended: false,
      seconds: 0,
      percent: 0,
      connections: 0,
      firstJoinedAt: null,
      lastLeftAt: null,
      gaveFeedback: false,
    });
    expect(person(report, 'rudi@example.id')).toBeUndefined();
    expect(person(report, 'nina@example.id')).toBeUndefined();
  });

  it('gives someone the highest of their roles and keeps speakers out of the audience’s numbers', () => {
    const report = attendanceReportFrom(facts());
    expect(person(report, 'made@example.id')).toMatchObject({ role: 'speaker', seconds: 3600, name: 'Made Wirawan' });
    expect(report.people.map((p) => p.email)).toEqual([
      'budi@example.id',
      'made@example.id',
      'sari@example.id',
      'wayan@example.id',
    ]);
    expect(report).toMatchObject({
      liveMinutes: 60,
      registered: 2,
      // Sari and Wayan (a walk-in); Budi stayed away.
      attended: 2,
      attendanceRate: 50,
      peakViewers: 2,
      peakAt: at(10).toISOString(),
      averageMinutes: 40,
    });
    expect(person(report, 'wayan@example.id')).toMatchObject({ registered: false, minutes: 20, connections: 2 });
    expect(report.timeline).toHaveLength(60);
    expect(Math.max(...report.timeline.map((p) => p.viewers))).toBe(2);
    expect(report.timeline[50]).toEqual({ at: at(50).toISOString(), viewers: 1 });
  });

  it('counts until now while the session is live', () => {
    const report = attendanceReportFrom(facts({ endedAt: null, now: at(30) }));
    expect(report.liveMinutes).toBe(30);
    expect(person(report, 'sari@example.id')).toMatchObject({ seconds: 1800, percent: 100, lastLeftAt: null });
    expect(report.timeline).toHaveLength(30);
  });

  it('is zeros with no timeline for a session that never went live', () => {
    const report = attendanceReportFrom(facts({ liveAt: null, endedAt: null }));
    expect(report).toMatchObject({
      liveMinutes: 0,
      registered: 2,
      attended: 0,
      attendanceRate: 0,
      peakViewers: 0,
      peakAt: null,
      averageMinutes: 0,
      timeline: [],
    });
    expect(report.people.every((p) => p.seconds === 0 && !p.attended)).toBe(true);
  });

  it('has no attendance rate when nobody registered', () => {
    const report = attendanceReportFrom(facts({ registrations: [] }));
    expect(report.attendanceRate).toBeNull();
    expect(report.attended).toBe(2);
  });
});
