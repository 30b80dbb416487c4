import type { BenchResult } from './results.ts';

/**
 * The audience's first minute (issue 20): each target against the figure of the last run that
 * measured it, so bench/README.md says which are met. Why the others are not, and their floor,
 * is written under the table (readme.ts).
 */
interface Target {
  target: string;
  /** The figure it reads, by name. */
  figure: RegExp;
  /** What is compared with the limit: the figure's value, its ratio to what it is compared to, or that (the idle RSS the live one is compared to). */
  measure: 'value' | 'ratio' | 'compared';
  limit: number;
}

const PHONE = /^room entry by personal link on a phone .*: link opened → first speaker video frame, p50$/;

const TARGETS: Target[] = [
  {
    target: 'link → first frame, fresh: ≤ 1.25× the bare page',
    figure: /^room entry by personal link, Chromium, \d+ fresh contexts: link opened → first speaker video frame, p50$/,
    measure: 'ratio',
    limit: 1.25,
  },
  { target: 'link → first frame, phone: ≤ 1.3× the bare page', figure: PHONE, measure: 'ratio', limit: 1.3 },
  { target: 'link → first frame, phone: under 3 s', figure: PHONE, measure: 'value', limit: 3000 },
  {
    target: 'room JS before the first frame ≤ 200 kB',
    figure: /^JS the live room downloaded before the speaker's first video frame/,
    measure: 'value',
    limit: 200,
  },
  ...(['personal link', 'session', 'community'] as const).map(
    (page): Target => ({
      target: `${page} page JS before usable ≤ 60 kB`,
      figure: new RegExp(`^JS the ${page} page downloaded before it was usable`),
      measure: 'value',
      limit: 60,
    }),
  ),
  {
    target: 'server CPU per join, PostgreSQL ≤ 1.5 ms',
    figure: /^join storm on PostgreSQL: server CPU time per join$/,
    measure: 'value',
    limit: 1.5,
  },
  {
    target: 'server CPU per join, PGlite ≤ 4 ms',
    figure: /^join storm on PGlite: server CPU time per join$/,
    measure: 'value',
    limit: 4,
  },
  {
    target: 'join storm p99, PostgreSQL ≤ 300 ms',
    figure: /^join storm on PostgreSQL: p99 latency$/,
    measure: 'value',
    limit: 300,
  },
  {
    target: 'server RSS idle, PostgreSQL ≤ 150 MB',
    figure: /^server process on PostgreSQL: RSS with a live session/,
    measure: 'compared',
    limit: 150,
  },
];

/** Rows of target, figure now and whether it is met ("not measured" when no published figure has that name). */
export function targetRows(figures: BenchResult[]): string[][] {
  return TARGETS.map(({ target, figure, measure, limit }) => {
    const found = figures.find((f) => figure.test(f.name));
    if (!found) return [target, 'not measured', ''];
    const compared = found.comparedTo?.value ?? Number.NaN;
    const now = { value: found.value, ratio: found.value / compared, compared }[measure];
    const shown =
      measure === 'ratio'
        ? `${now.toFixed(2)}× (${Math.round(found.value)} vs ${Math.round(compared)} ${found.unit})`
        : `${Number(now.toPrecision(4))} ${measure === 'compared' ? found.comparedTo?.unit : found.unit}`;
    return [target, shown, now <= limit ? 'yes' : 'no'];
  });
}
