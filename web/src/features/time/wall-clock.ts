import { utcOffsetMinutes } from '@serambi/shared';

/** A date and a time as a person reads them off a calendar and a clock in some zone: "2025-12-07", "20:00". */
export interface WallClock {
  date: string;
  time: string;
}

/**
 * The instant at which clocks in `timeZone` show `wallClock`. The zone's offset is looked up at
 * the guess and looked up again at the corrected guess, which settles across a daylight-saving
 * change; a time that a clock skips (02:30 on a spring-forward night) lands just after the gap.
 */
export function instantOf(wallClock: WallClock, timeZone: string): Date {
  const [year, month, day] = wallClock.date.split('-').map(Number);
  const [hour, minute] = wallClock.time.split(':').map(Number);
  // setUTCFullYear, unlike Date.UTC, keeps the years 0–99 (a typo of 0026 is not 1926).
  const asIfUtcDate = new Date(0);
  asIfUtcDate.setUTCFullYear(year ?? Number.NaN, (month ?? Number.NaN) - 1, day ?? Number.NaN);
  asIfUtcDate.setUTCHours(hour ?? Number.NaN, minute ?? Number.NaN, 0, 0);
  const asIfUtc = asIfUtcDate.getTime();
  if (Number.isNaN(asIfUtc)) throw new RangeError(`Not a date and time: ${wallClock.date} ${wallClock.time}`);
  const firstGuess = asIfUtc - utcOffsetMinutes(timeZone, new Date(asIfUtc)) * 60_000;
  return new Date(asIfUtc - utcOffsetMinutes(timeZone, new Date(firstGuess)) * 60_000);
}

/** What calendars and clocks in `timeZone` show at `instant`. */
export function wallClockOf(instant: Date | string, timeZone: string): WallClock {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const part of format.formatToParts(new Date(instant))) parts[part.type] = part.value;
  // Intl writes the year 26 as "26"; a date input wants four digits.
  const year = (parts.year ?? '').padStart(4, '0');
  return { date: `${year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The zone this browser's clock runs in, e.g. "Europe/Berlin". */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
