/**
 * `pnpm bench`: runs every bench/*.bench.ts in its own process, then writes bench/results.json,
 * the table in bench/README.md, and one line of bench/history.jsonl (commit, date, figures).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readme } from './readme.ts';
import type { BenchResult } from './results.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'serambi-bench-'));
const results: BenchResult[] = [];
const failed: string[] = [];
try {
  for (const file of files) {
    await untilIdle();
    const out = path.join(scratch, `${file}.jsonl`);
    writeFileSync(out, '');
    console.log(`\n▶ ${file}`);
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file)], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_RESULTS_FILE: out, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    });
    console.log(`◀ ${file}: ${Math.round((performance.now() - started) / 1000)} s`);
    if (run.status !== 0) failed.push(file);
    for (const line of readFileSync(out, 'utf8').split('\n')) {
      if (line.trim()) results.push(JSON.parse(line) as BenchResult);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * Waits until the machine's CPUs are nearly idle (or a minute has passed): a benchmark that
 * leaves LiveKit and its clients winding down must not slow the next one's figures.
 */
async function untilIdle(): Promise<void> {
  if (!existsSync('/proc/stat')) return;
  const busyShare = async () => {
    const read = () => {
      const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
      const ticks = fields.map(Number);
      const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
      return { idle, total: ticks.reduce((sum, t) => sum + t, 0) };
    };
    const before = read();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = read();
    return 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
  };
  const deadline = Date.now() + 60_000;
  for (let busy = await busyShare(); busy > 0.1 && Date.now() < deadline; busy = await busyShare()) {
    console.log(`waiting for the machine to settle (CPU ${Math.round(busy * 100)}% busy)`);
  }
}

const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
const date = new Date().toISOString();
writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(here, 'README.md'), readme(results, { commit, date }));
appendFileSync(path.join(here, 'history.jsonl'), `${JSON.stringify({ commit, date, results })}\n`);
console.log(`\nbench/results.json, bench/README.md and bench/history.jsonl written (${results.length} figures).`);
if (failed.length > 0) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exit(1);
}
