/**
 * What each route downloads, gzipped: the initial JS (entry and its static imports) and, per
 * lazy page, what it adds on top. Run after `pnpm --filter @serambi/web build`:
 *
 *   node --import tsx web/scripts/bundle-report.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const assets = path.join(dist, 'assets');
const gzipped = (file: string) => gzipSync(readFileSync(path.join(assets, file))).length;
const staticImports = (file: string) =>
  [...readFileSync(path.join(assets, file), 'utf8').matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  );
const dynamicImports = (file: string) =>
  [...readFileSync(path.join(assets, file), 'utf8').matchAll(/import\([`"]\.\/([^`"]+\.js)[`"]\)/g)].map(
    (m) => m[1] ?? '',
  );

function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imported of staticImports(file)) closure(imported, seen);
  return seen;
}

const entry = /src="\/assets\/([^"]+\.js)"/.exec(readFileSync(path.join(dist, 'index.html'), 'utf8'))?.[1];
if (!entry) throw new Error('no entry script in dist/index.html');
const initial = closure(entry);
const css = readdirSync(assets).filter((f) => f.startsWith('index-') && f.endsWith('.css'));
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzipped(file), 0);

console.log(`initial JS: ${kB(sum(initial))} gz (${[...initial].join(', ')}); CSS ${kB(sum(css))} gz`);
const pages = dynamicImports(entry).filter((file) => /Page-/.test(file));
const rows = pages.map((page) => {
  const extra = [...closure(page)].filter((file) => !initial.has(file));
  const lazy = [...new Set(extra.flatMap(dynamicImports))].filter(
    (file) => !initial.has(file) && !extra.includes(file),
  );
  return { page: page.replace(/-[\w-]{8}\.js$/, ''), added: sum(extra), later: sum(lazy) };
});
for (const row of rows.sort((a, b) => b.added - a.added)) {
  const later = row.later ? `, then ${kB(row.later)} on demand` : '';
  console.log(`${row.page.padEnd(26)} +${kB(row.added)} gz${later}`);
}
