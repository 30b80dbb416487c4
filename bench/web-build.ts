/**
 * The web build the browser benchmarks (bench/web.bench.ts, bench/browser.bench.ts) measure:
 * the server serves web/dist, so it must be a build of the sources being measured.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webDistDir } from '../server/src/web/static.ts';

const repository = fileURLToPath(new URL('..', import.meta.url));
/** What the build is made of: a file here newer than web/dist/index.html means the build is stale. */
const BUILD_SOURCES = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'shared/src'];

/**
 * Fails unless web/dist holds a build of the current sources: figures of a missing or stale
 * build would be recorded as this commit's. BENCH_WEB_STALE_OK=1 accepts a stale one when a
 * bench runs alone, never under `pnpm bench` (BENCH_RESULTS_FILE set), which publishes.
 */
export function assertFreshBuild(): void {
  const index = path.join(webDistDir, 'index.html');
  if (!existsSync(index)) throw new Error('web/dist is not built: run `pnpm build` before this benchmark');
  const builtAt = statSync(index).mtimeMs;
  const newer = BUILD_SOURCES.flatMap((source) => filesUnder(path.join(repository, source))).filter(
    (file) => statSync(file).mtimeMs > builtAt,
  );
  const staleAccepted = process.env.BENCH_WEB_STALE_OK === '1' && !process.env.BENCH_RESULTS_FILE;
  if (newer.length > 0 && !staleAccepted) {
    throw new Error(
      `web/dist is older than ${newer.length} source file(s), e.g. ${path.relative(repository, newer[0] ?? '')}: ` +
        'run `pnpm build` before this benchmark (or, running it alone, set BENCH_WEB_STALE_OK=1)',
    );
  }
}

function filesUnder(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry, { recursive: true, withFileTypes: true })
    .filter((dirent) => dirent.isFile())
    .map((dirent) => path.join(dirent.parentPath, dirent.name));
}
