/** Indonesian messages of attendance; the reference for attendance.en.ts. */
export const attendanceMessages = {
  /** Helper A: CSV headers and problems of the attendance API. */
  csv: {},
  problems: {},
  /** Helper D: the organizer's attendance report and series analytics pages. */
  report: {},
  analytics: {},
} as const;
