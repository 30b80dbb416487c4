import { type AttendanceReport, type Locale, zoneAbbreviation } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { spreadsheetCsv } from '../http/spreadsheet-csv.ts';

/**
 * The attendance list for a spreadsheet: one row per person, headers in the reader's language,
 * times as "2026-12-06 20:05:12" in the session's zone (named in the header, so a spreadsheet
 * still reads the cells as times).
 */
export function attendanceCsv(
  report: AttendanceReport,
  options: { locale: Locale; timeZone: string; startsAt: Date },
): string {
  const { locale, timeZone } = options;
  // The zone's name when the session was live (or was to start), not on the day of the export.
  const zone = zoneAbbreviation(timeZone, report.liveAt ?? options.startsAt, locale);
  const yesNo = (value: boolean) => translate(locale, value ? 'attendance.csv.yes' : 'attendance.csv.no');
  const time = (instant: string | null) => (instant ? spreadsheetTime(new Date(instant), timeZone) : '');
  const header = [
    translate(locale, 'attendance.csv.name'),
    translate(locale, 'attendance.csv.email'),
    translate(locale, 'attendance.csv.role'),
    translate(locale, 'attendance.csv.registered'),
    translate(locale, 'attendance.csv.attended'),
    translate(locale, 'attendance.csv.minutes'),
    translate(locale, 'attendance.csv.percent'),
    translate(locale, 'attendance.csv.connections'),
    translate(locale, 'attendance.csv.firstJoined', { zone }),
    translate(locale, 'attendance.csv.lastLeft', { zone }),
    translate(locale, 'attendance.csv.gaveFeedback'),
  ];
  const rows = report.people.map((person) => [
    person.name,
    person.email,
    translate(locale, `attendance.csv.roles.${person.role}`),
    yesNo(person.registered),
    yesNo(person.attended),
    person.minutes,
    person.percent,
    person.connections,
    time(person.firstJoinedAt),
    time(person.lastLeftAt),
    yesNo(person.gaveFeedback),
  ]);
  return spreadsheetCsv([header, ...rows]);
}

const wallClock = new Map<string, Intl.DateTimeFormat>();

/** "2026-12-06 20:05:12": the wall-clock time in `timeZone`, as spreadsheets read it. */
export function spreadsheetTime(instant: Date, timeZone: string): string {
  let format = wallClock.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    wallClock.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}
