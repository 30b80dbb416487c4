import type { ViewersPoint } from '@serambi/shared';

/**
 * The arithmetic of attendance, on plain numbers (epoch milliseconds): no database, no clock.
 * A person's stays are the union of their connections (reconnects and second devices count
 * once), clipped to the time the session was live.
 */

/** From `from` up to, not including, `to`. */
export interface Span {
  from: number;
  to: number;
}

/** A stored connection: `to` is null while it is open. */
export interface Connection {
  from: number;
  to: number | null;
}

const MINUTE_MS = 60_000;

/**
 * When the session was live: from going live until it ended, or until `now` while it is live.
 * Null when it never went live (or the clock says it has not yet).
 */
export function liveSpanOf(liveAt: Date | null, endedAt: Date | null, now: Date): Span | null {
  if (!liveAt) return null;
  const to = (endedAt ?? now).getTime();
  return to > liveAt.getTime() ? { from: liveAt.getTime(), to } : null;
}

/** One person's time in the room: their connections merged (overlapping or touching ones join), in order. */
export function mergeConnections(connections: Connection[], openUntil: number): Span[] {
  const spans = connections
    .map((c) => ({ from: c.from, to: c.to ?? Math.max(openUntil, c.from) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

/** The parts of `spans` inside `window`. */
export function clip(spans: Span[], window: Span): Span[] {
  return spans
    .map((s) => ({ from: Math.max(s.from, window.from), to: Math.min(s.to, window.to) }))
    .filter((s) => s.to > s.from);
}

export function totalMs(spans: Span[]): number {
  return spans.reduce((sum, s) => sum + (s.to - s.from), 0);
}

/** A length in milliseconds as whole seconds and whole minutes (nearest). */
export const wholeSeconds = (ms: number) => Math.round(ms / 1000);
export const wholeMinutes = (ms: number) => Math.round(ms / MINUTE_MS);

/** `part` of `whole` as a whole percentage, 0–100; 0 when there is no whole. */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((part / whole) * 100)));
}

/** Most people in the room at once and the first moment it was so. */
export interface Peak {
  viewers: number;
  at: number | null;
}

/**
 * The most people present at once within `window`, by a sweep over each person's merged spans:
 * a person is one step up however many devices they use. A leave and a join at the same
 * instant do not overlap.
 */
export function peakOf(people: Span[][], window: Span): Peak {
  const steps: Array<[at: number, change: number]> = [];
  for (const spans of people) {
    for (const s of clip(spans, window)) steps.push([s.from, 1], [s.to, -1]);
  }
  steps.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak: Peak = { viewers: 0, at: null };
  for (const [at, change] of steps) {
    current += change;
    if (current > peak.viewers) peak = { viewers: current, at };
  }
  return peak;
}

/** A chart has room for a day of minutes; a longer live span gets longer steps. */
export const MAX_TIMELINE_POINTS = 24 * 60;

/**
 * Viewers over time: one point per minute of the live span, from going live, each the most
 * people present at once during that minute (so the chart's top is the peak). A span longer
 * than MAX_TIMELINE_POINTS minutes (a session left live for days, or an old row that went live
 * in the year 26) is stepped in whole minutes wide enough to stay within that many points.
 */
export function viewersOverTime(people: Span[][], live: Span): ViewersPoint[] {
  const points: ViewersPoint[] = [];
  const step = MINUTE_MS * Math.max(1, Math.ceil((live.to - live.from) / MINUTE_MS / MAX_TIMELINE_POINTS));
  for (let from = live.from; from < live.to; from += step) {
    const minute = { from, to: Math.min(from + step, live.to) };
    points.push({ at: new Date(from).toISOString(), viewers: peakOf(people, minute).viewers });
  }
  return points;
}
