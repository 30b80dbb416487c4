import type { AttendanceReport, Attendee } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { attendanceCsv, spreadsheetTime } from './csv.ts';

/** The lines of a CSV, without the byte-order mark. */
const linesOf = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

function aPerson(person: Partial<Attendee> = {}): Attendee {
  return {
    key: 'sari@example.id',
    name: 'Sari Dewi',
    email: 'sari@example.id',
    role: 'participant',
    registrationId: 'reg1',
    registered: true,
    attended: true,
    minutes: 54,
    seconds: 3240,
    percent: 90,
    connections: 2,
    firstJoinedAt: '2025-03-01T12:58:10Z',
    lastLeftAt: '2025-03-01T14:01:05Z',
    gaveFeedback: true,
    ...person,
  } as Attendee;
}

function aReport(people: Attendee[], liveAt: string | null = '2025-03-01T13:00:00Z'): AttendanceReport {
  return { sessionId: 's1', liveAt, endedAt: '2025-03-01T14:00:00Z', people } as AttendanceReport;
}

const jakarta = { timeZone: 'Asia/Jakarta', startsAt: new Date('2025-03-01T13:00:00Z') };

describe('the attendance list for a spreadsheet', () => {
  it('has a header in the reader’s language, naming the session’s zone on the time columns', () => {
    const [header] = linesOf(attendanceCsv(aReport([]), { locale: 'en', ...jakarta }));
    expect(header).toBe(
      'Name,Email,Role,Registered,Attended,Minutes present,Percent of session,Connections,First joined (WIB),Last left (WIB),Gave feedback',
    );
  });

  it('writes one row per person, with times on the session’s wall clock', () => {
    const [, row] = linesOf(attendanceCsv(aReport([aPerson()]), { locale: 'en', ...jakarta }));
    expect(row).toBe(
      'Sari Dewi,sari@example.id,Participant,Yes,Yes,54,90,2,2025-03-01 19:58:10,2025-03-01 21:01:05,Yes',
    );
  });

  it('translates roles and yes/no into Indonesian for an Indonesian reader', () => {
    const person = aPerson({ role: 'speaker', registered: false, gaveFeedback: false });
    const [header, row] = linesOf(attendanceCsv(aReport([person]), { locale: 'id', ...jakarta }));
    expect(header).toContain('(WIB)');
    expect(row).not.toContain('Yes');
    expect(row).not.toContain('Speaker');
  });

  it('leaves the time cells empty for someone who registered and never came', () => {
    const absent = aPerson({
      attended: false,
      minutes: 0,
      percent: 0,
      connections: 0,
      firstJoinedAt: null,
      lastLeftAt: null,
    });
    const [, row] = linesOf(attendanceCsv(aReport([absent]), { locale: 'en', ...jakarta }));
    expect(row).toBe('Sari Dewi,sari@example.id,Participant,Yes,No,0,0,0,,,Yes');
  });

  it('names the zone as it was when the session took place, from its start when it never went live', () => {
    const makassar = { timeZone: 'Asia/Makassar', startsAt: new Date('2025-03-01T13:00:00Z') };
    const [header] = linesOf(attendanceCsv(aReport([], null), { locale: 'en', ...makassar }));
    expect(header).toContain('First joined (WITA)');
  });

  it('neutralizes a name planted as a formula', () => {
    const [, row] = linesOf(attendanceCsv(aReport([aPerson({ name: '=cmd|calc' })]), { locale: 'en', ...jakarta }));
    expect(row?.startsWith("'=cmd|calc,")).toBe(true);
  });
});

describe('a time as a spreadsheet reads it', () => {
  it('writes the wall clock of the zone, seconds included, with a 24-hour clock', () => {
    expect(spreadsheetTime(new Date('2025-03-01T15:05:09Z'), 'Asia/Jayapura')).toBe('2025-03-02 00:05:09');
    expect(spreadsheetTime(new Date('2025-03-01T15:05:09Z'), 'UTC')).toBe('2025-03-01 15:05:09');
  });

  it('writes midnight as 00, not 24', () => {
    expect(spreadsheetTime(new Date('2025-03-01T17:00:00Z'), 'Asia/Jakarta')).toBe('2025-03-02 00:00:00');
  });

  it('follows a zone’s daylight saving, as the clock on the wall did', () => {
    expect(spreadsheetTime(new Date('2025-01-15T12:00:00Z'), 'Europe/Amsterdam')).toBe('2025-01-15 13:00:00');
    expect(spreadsheetTime(new Date('2025-07-15T12:00:00Z'), 'Europe/Amsterdam')).toBe('2025-07-15 14:00:00');
  });
});
