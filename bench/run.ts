/**
 * `pnpm bench`: runs every bench/*.bench.ts in its own process, then writes bench/results.json,
 * the table in bench/README.md, and one line of bench/history.jsonl (commit, date, figures).
 * `pnpm bench certificates room` runs those benches alone (their figures replace theirs; the
 * other benches' published figures stay).
 *
 * Nothing is written unless every bench that ran passed: exited 0 (a bench checks what it
 * measured before it reports, and exits non-zero when a check fails) and handed over at least
 * one figure, each with a finite value. One failed bench means no figure of the run is
 * published: the files keep the last run that passed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readme } from './readme.ts';
import { type BenchResult, problemsOf } from './results.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** What a run writes, relative to the repository. */
const OUTPUTS = ['bench/results.json', 'bench/README.md', 'bench/history.jsonl'];

const available = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort();
const files = selected(process.argv.slice(2));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'serambi-bench-'));
const results: BenchResult[] = [];
const failed: Array<{ file: string; why: string }> = [];
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
    const handedOver = figuresIn(readFileSync(out, 'utf8'));
    const why =
      run.status !== 0
        ? `exited with ${run.status ?? run.signal ?? run.error?.message}`
        : handedOver.problems.length > 0
          ? handedOver.problems.join('; ')
          : handedOver.figures.length === 0
            ? 'exited 0 without a figure'
            : null;
    if (why) failed.push({ file, why });
    else results.push(...handedOver.figures.map((figure) => ({ ...figure, bench: file.replace(/\.bench\.ts$/, '') })));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (failed.length > 0) {
  console.error(`\nfailed: ${failed.map(({ file, why }) => `${file} (${why})`).join(', ')}`);
  console.error(`nothing written: ${OUTPUTS.join(', ')} still hold the last run that passed.`);
  process.exit(1);
}

const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
const uncommitted = uncommittedChanges();
const date = new Date().toISOString();
const benches = files.length === available.length ? null : files;
const published = benches ? [...keptFromEarlierRuns(results, benches), ...results] : results;
writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(published, null, 2)}\n`);
writeFileSync(path.join(here, 'README.md'), readme(published, { commit, uncommitted, date, benches }));
appendFileSync(
  path.join(here, 'history.jsonl'),
  `${JSON.stringify({ commit, ...(uncommitted ? { uncommitted } : {}), date, ...(benches ? { benches } : {}), results })}\n`,
);
console.log(`\n${OUTPUTS.join(', ')} written (${results.length} figures).`);

/**
 * A run of some benches replaces their figures only: the published figures of the others stay
 * (results.json), except one with the name of a figure measured now. Figures published before
 * they were tagged with their bench are kept the same way, by name.
 */
function keptFromEarlierRuns(fresh: BenchResult[], benches: string[]): BenchResult[] {
  const file = path.join(here, 'results.json');
  if (!existsSync(file)) return [];
  const ran = new Set(benches.map((b) => b.replace(/\.bench\.ts$/, '')));
  const names = new Set(fresh.map((figure) => figure.name));
  const earlier = JSON.parse(readFileSync(file, 'utf8')) as BenchResult[];
  return earlier.filter((figure) => !(figure.bench && ran.has(figure.bench)) && !names.has(figure.name));
}

/**
 * The bench files named on the command line (`certificates` or `certificates.bench.ts`), in
 * the order given; every bench when none is named. An unknown name stops the run before any
 * bench starts.
 */
function selected(names: string[]): string[] {
  if (names.length === 0) return available;
  const fileOf = (name: string) => `${path.basename(name).replace(/\.bench\.ts$/, '')}.bench.ts`;
  const unknown = names.filter((name) => !available.includes(fileOf(name)));
  if (unknown.length > 0) {
    console.error(
      `no bench named ${unknown.join(', ')}; there are ${available.map((f) => f.replace(/\.bench\.ts$/, '')).join(', ')}`,
    );
    process.exit(2);
  }
  return [...new Set(names.map(fileOf))];
}

/** The figures a bench handed over (one JSON line each), and what is wrong with any of them. */
function figuresIn(lines: string): { figures: BenchResult[]; problems: string[] } {
  const figures: BenchResult[] = [];
  const problems: string[] = [];
  for (const line of lines.split('\n')) {
    if (!line.trim()) continue;
    let figure: unknown;
    try {
      figure = JSON.parse(line);
    } catch {
      problems.push(`not JSON: ${line.slice(0, 80)}`);
      continue;
    }
    const wrong = problemsOf(figure);
    if (wrong.length > 0) problems.push(...wrong);
    else figures.push(figure as BenchResult);
  }
  return { figures, problems };
}

/**
 * Files changed since the commit (besides what this run writes): the figures are of the work
 * tree, so the commit alone would not name what was measured.
 */
function uncommittedChanges(): string[] | null {
  const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: here,
    encoding: 'utf8',
  });
  const changed = status
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .filter((file) => !OUTPUTS.includes(file));
  return changed.length > 0 ? changed : null;
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
