const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * How long someone has waited, as a stopwatch reads: "0:07", "12:05", "1:02:03". A clock a
 * little ahead of the server's gives a negative span, which reads as "0:00".
 */
export function formatWaited(milliseconds: number): string {
  const elapsed = Math.max(0, milliseconds);
  const hours = Math.floor(elapsed / HOUR);
  const minutes = Math.floor((elapsed % HOUR) / MINUTE);
  const seconds = Math.floor((elapsed % MINUTE) / SECOND);
  return hours > 0 ? `${hours}:${twoDigits(minutes)}:${twoDigits(seconds)}` : `${minutes}:${twoDigits(seconds)}`;
}

/** Milliseconds from `since` (an ISO instant) to `now`. */
export function waitedSince(since: string, now: Date): number {
  return now.getTime() - new Date(since).getTime();
}
