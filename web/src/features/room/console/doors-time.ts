import { utcOffsetMinutes } from '@serambi/shared';
import { instantOf, wallClockOf } from '../../time/wall-clock.ts';

/** The value of a datetime-local input showing `instant` on clocks in `timeZone`: "2025-12-07T19:45". */
export function dateTimeLocalValue(instant: Date | string, timeZone: string): string {
  const { date, time } = wallClockOf(instant, timeZone);
  return `${date}T${time}`;
}

/** The instant a datetime-local value means on clocks in `timeZone`; null while the input is empty or incomplete. */
export function instantOfDateTimeLocal(value: string, timeZone: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  if (!match?.[1] || !match[2]) return null;
  const instant = instantOf({ date: match[1], time: match[2] }, timeZone);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** True when clocks in the two zones read differently at `instant`, so a choice between them means something. */
export function clocksDiffer(zoneA: string, zoneB: string, instant: Date | string): boolean {
  return zoneA !== zoneB && utcOffsetMinutes(zoneA, instant) !== utcOffsetMinutes(zoneB, instant);
}
