import { appendFileSync } from 'node:fs';

/** One figure of a benchmark, optionally next to the figure it is measured against. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  comparedTo: { name: string; value: number; unit: string } | null;
}

/**
 * Prints a benchmark's figures and, when run by bench/run.ts (BENCH_RESULTS_FILE set), hands
 * them over as JSON lines.
 */
export function report(results: BenchResult[]): void {
  for (const r of results) {
    const against = r.comparedTo
      ? `  (vs ${r.comparedTo.name}: ${round(r.comparedTo.value)} ${r.comparedTo.unit})`
      : '';
    console.log(`${r.name}: ${round(r.value)} ${r.unit}${against}`);
  }
  const file = process.env.BENCH_RESULTS_FILE;
  if (file) appendFileSync(file, results.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

export const round = (value: number) => (Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10);
