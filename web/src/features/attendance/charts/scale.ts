/**
 * The arithmetic of the report's charts, kept apart from Solid so it can be tested as numbers:
 * round axis steps, time ticks on whole clock minutes of the session's zone, mapping values to
 * pixels, and finding the point nearest to a pointer.
 */

/** A linear map from a domain of values onto a range of pixels. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value: number) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** The smallest of 1, 2, 5, 10, 20, 50 … that is at least `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * magnitude >= rough - 1e-9) return factor * magnitude;
  }
  return 10 * magnitude;
}

/**
 * Ticks of a count axis from 0: whole numbers at a round step, about `desired` of them, the
 * last at or above `max`. An empty chart still gets an axis (0 and 1).
 */
export function countTicks(max: number, desired = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const step = Math.max(1, niceStep(max / Math.max(1, desired)));
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let value = 0; value <= top + 1e-9; value += step) ticks.push(value);
  return ticks;
}

/** Minutes between time ticks people read easily. */
const TIME_STEPS_MINUTES = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 360, 720, 1440];

/**
 * Instants (ms) of ticks between `start` and `end`, at the smallest round step that gives at
 * most `maxTicks`, on whole steps of the clock in a zone `offsetMinutes` east of UTC (so a
 * chart in WITA or Nepal shows 20.15, 20.30, not 20.07).
 */
export function timeTicks(start: number, end: number, maxTicks: number, offsetMinutes = 0): number[] {
  if (!(end > start) || maxTicks < 1) return [start];
  const spanMinutes = (end - start) / 60_000;
  const stepMinutes =
    TIME_STEPS_MINUTES.find((step) => spanMinutes / step <= maxTicks) ?? TIME_STEPS_MINUTES.at(-1) ?? 1440;
  const step = stepMinutes * 60_000;
  const offset = offsetMinutes * 60_000;
  const first = Math.ceil((start + offset) / step) * step - offset;
  const ticks: number[] = [];
  for (let at = first; at <= end; at += step) ticks.push(at);
  return ticks;
}

/** The index of the value in `sorted` (ascending) closest to `target`; -1 when there is none. */
export function nearestIndex(sorted: readonly number[], target: number): number {
  if (sorted.length === 0) return -1;
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) < target) low = middle + 1;
    else high = middle;
  }
  const previous = low - 1;
  if (previous >= 0 && Math.abs((sorted[previous] ?? 0) - target) <= Math.abs((sorted[low] ?? 0) - target)) {
    return previous;
  }
  return low;
}

export interface Point {
  x: number;
  y: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * An SVG path of a step line through the points: the count holds until the next minute, as
 * people connected do, rather than sloping as if they trickled in.
 */
export function stepLinePath(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let path = `M${round(first.x)},${round(first.y)}`;
  for (const point of rest) path += `H${round(point.x)}V${round(point.y)}`;
  return path;
}

/** The same step line closed down to `baseline`, for the filled area beneath it. */
export function stepAreaPath(points: readonly Point[], baseline: number): string {
  const first = points[0];
  if (!first) return '';
  return `${stepLinePath(points)}V${round(baseline)}H${round(first.x)}Z`;
}
