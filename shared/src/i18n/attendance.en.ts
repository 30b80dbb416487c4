import type { attendanceMessages as reference } from './attendance.id.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English messages of attendance; the same keys as attendance.id.ts. */
export const attendanceMessages: Widen<typeof reference> = {
  /** Helper A: CSV headers and problems of the attendance API. */
  csv: {},
  problems: {},
  /** Helper D: the organizer's attendance report and series analytics pages. */
  report: {},
  analytics: {},
};
