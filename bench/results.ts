import { appendFileSync } from 'node:fs';

/** One figure of a benchmark, optionally next to the figure it is measured against. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  comparedTo: { name: string; value: number; unit: string } | null;
  /** The bench that measured it (set by bench/run.ts when it publishes the figure). */
  bench?: string;
}

/**
 * Prints a benchmark's figures and, when run by bench/run.ts (BENCH_RESULTS_FILE set), hands
 * them over as JSON lines. Call it last, once every check of the run has passed: whatever it
 * hands over is what the benchmark vouches for. A figure that is not a number (NaN from a
 * measurement that never happened) is refused here, before anything is written.
 */
export function report(results: BenchResult[]): void {
  const problems = results.flatMap(problemsOf);
  if (results.length === 0) problems.push('no figures');
  if (problems.length > 0) throw new Error(`figures not reported: ${problems.join('; ')}`);
  for (const r of results) {
    const against = r.comparedTo
      ? `  (vs ${r.comparedTo.name}: ${round(r.comparedTo.value)} ${r.comparedTo.unit})`
      : '';
    console.log(`${r.name}: ${round(r.value)} ${r.unit}${against}`);
  }
  const file = process.env.BENCH_RESULTS_FILE;
  if (file) appendFileSync(file, results.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

/** What is wrong with a figure (or a line of JSON claiming to be one): nothing, for a name, a finite value and a unit. */
export function problemsOf(figure: unknown): string[] {
  const f = figure as Partial<BenchResult> | null;
  if (typeof f !== 'object' || f === null) return [`not a figure: ${JSON.stringify(figure)}`];
  const label = typeof f.name === 'string' && f.name !== '' ? f.name : JSON.stringify(figure);
  const problems: string[] = [];
  if (typeof f.name !== 'string' || f.name === '') problems.push(`${label}: no name`);
  if (typeof f.unit !== 'string') problems.push(`${label}: no unit`);
  if (!Number.isFinite(f.value)) problems.push(`${label}: value ${f.value} is not a number`);
  if (f.comparedTo !== null) {
    const against = f.comparedTo;
    if (typeof against !== 'object' || typeof against.name !== 'string' || typeof against.unit !== 'string') {
      problems.push(`${label}: comparedTo is neither null nor a named figure`);
    } else if (!Number.isFinite(against.value)) {
      problems.push(`${label}: compared value ${against.value} (${against.name}) is not a number`);
    }
  }
  return problems;
}

/** Throws `message` unless `condition` holds: a benchmark's check that what it measured happened as it should. */
export function check(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new Error(typeof message === 'string' ? message : message());
}

export const round = (value: number) => (Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10);
