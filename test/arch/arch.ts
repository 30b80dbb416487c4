/**
 * `pnpm arch`: the import graph of server/src against the capability map
 * (docs/capabilities.md#rules), with dependency-cruiser. Prints
 *   - the cycles between capability folders,
 *   - the files that read another capability's tables (import its schema.ts tables),
 *   - every rule violation, known exceptions apart, and who reads process.env,
 *   - and those figures on one line, to compare two states of the code (docs/capabilities.md#rules).
 * `pnpm arch --check` (part of `pnpm lint`) exits 1 on a cycle, an unknown violation, an env
 * reader outside the list, or a known exception that no longer happens.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IModule } from 'dependency-cruiser';
import { CAPABILITIES, ENV_READERS, KNOWN_CYCLES, KNOWN_EXCEPTIONS, RULES } from './import-map.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
process.chdir(root);

const check = process.argv.includes('--check');

async function cruiseServer(): Promise<ICruiseResult> {
  const result = await cruise(
    ['server/src', 'shared/src'],
    {
      parser: 'swc',
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      // Tests may import what they prove and what they arrange with (rule 9): the map is the code's.
      exclude: { path: '\\.test\\.ts$' },
      validate: true,
      ruleSet: { forbidden: RULES },
    },
    { extensions: ['.ts', '.js', '.mjs', '.json'] },
  );
  if (typeof result.output === 'string') throw new Error('dependency-cruiser answered text, not a graph');
  return result.output;
}

const folderOf = (path: string) => path.match(/^server\/src\/([^/]+)\//)?.[1];
const isCapability = (folder: string | undefined): folder is string =>
  folder !== undefined && CAPABILITIES.includes(folder);

/** Strongly connected sets of capability folders (Tarjan), each a cycle when it has two or more. */
function folderCycles(modules: IModule[]): { folders: string[]; edges: string[] }[] {
  const edges = new Map<string, Map<string, string[]>>();
  for (const module of modules) {
    const from = folderOf(module.source);
    if (!isCapability(from)) continue;
    for (const dependency of module.dependencies) {
      const to = folderOf(dependency.resolved);
      if (!isCapability(to) || to === from) continue;
      const targets = edges.get(from) ?? new Map<string, string[]>();
      edges.set(from, targets);
      targets.set(to, [...(targets.get(to) ?? []), `${module.source} → ${dependency.resolved}`]);
    }
  }
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const sets: string[][] = [];
  const visit = (folder: string) => {
    index.set(folder, next);
    low.set(folder, next++);
    stack.push(folder);
    for (const to of edges.get(folder)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(folder, Math.min(low.get(folder) as number, low.get(to) as number));
      } else if (stack.includes(to)) low.set(folder, Math.min(low.get(folder) as number, index.get(to) as number));
    }
    if (low.get(folder) === index.get(folder)) {
      const set: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        set.push(member);
        if (member === folder) break;
      }
      if (set.length > 1) sets.push(set.sort());
    }
  };
  for (const folder of CAPABILITIES) if (!index.has(folder)) visit(folder);
  return sets.map((set) => ({
    folders: set,
    edges: set.flatMap((from) =>
      [...(edges.get(from) ?? [])]
        .filter(([to]) => set.includes(to))
        .map(([to, files]) => `${from} → ${to} (${files.length}: ${files[0]}${files.length > 1 ? ', …' : ''})`),
    ),
  }));
}

/** Files outside a capability's folder that import its tables (not only their row types) from its schema.ts. */
function foreignTableReads(modules: IModule[]): Map<string, string[]> {
  const reads = new Map<string, string[]>();
  for (const module of modules) {
    const from = folderOf(module.source);
    if (!isCapability(from) || module.source.endsWith('/schema.ts')) continue;
    for (const dependency of module.dependencies) {
      const to = folderOf(dependency.resolved);
      if (!isCapability(to) || to === from || !dependency.resolved.endsWith('/schema.ts')) continue;
      if (dependency.dependencyTypes.includes('type-only')) continue;
      reads.set(module.source, [...(reads.get(module.source) ?? []), to]);
    }
  }
  return reads;
}

function envReaders(modules: IModule[]): string[] {
  return modules
    .map((module) => module.source)
    .filter((source) => source.startsWith('server/src/') && !source.endsWith('.test.ts'))
    .filter((source) => /\bprocess\.env\b/.test(readFileSync(source, 'utf8')));
}

const graph = await cruiseServer();
const modules = graph.modules.filter((module) => !module.coreModule && !module.source.includes('node_modules'));
let failed = false;

const cycles = folderCycles(modules);
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((folder) => b.includes(folder));
const knownCycle = (folders: string[]) => KNOWN_CYCLES.some((known) => sameSet(known.folders, folders));
console.log(
  `Cycles between capability folders: ${cycles.length} (${cycles.filter((c) => knownCycle(c.folders)).length} known)`,
);
for (const cycle of cycles) {
  console.log(`  ${knownCycle(cycle.folders) ? 'known ' : ''}${cycle.folders.join(' ↔ ')}`);
  for (const edge of cycle.edges) console.log(`      ${edge}`);
}
if (cycles.some((cycle) => !knownCycle(cycle.folders))) failed = true;
const staleCycles = KNOWN_CYCLES.filter((known) => !cycles.some((cycle) => sameSet(known.folders, cycle.folders)));

const reads = foreignTableReads(modules);
console.log(`\nFiles reading another capability's tables: ${reads.size}`);
for (const [file, owners] of [...reads].sort()) console.log(`  ${file} → ${[...new Set(owners)].join(', ')}`);

const violations = graph.summary.violations.filter((violation) => violation.rule.severity !== 'ignore');
const isKnown = (v: { rule: { name: string }; from: string; to: string }) =>
  KNOWN_EXCEPTIONS.some((known) => known.rule === v.rule.name && known.from === v.from && known.to === v.to);
const unknown = violations.filter((violation) => !isKnown(violation));
const stale = KNOWN_EXCEPTIONS.filter(
  (known) => !violations.some((v) => known.rule === v.rule.name && known.from === v.from && known.to === v.to),
);
const byRule = new Map<string, typeof violations>();
for (const violation of violations)
  byRule.set(violation.rule.name, [...(byRule.get(violation.rule.name) ?? []), violation]);
console.log(`\nImports against the map: ${violations.length} (${violations.length - unknown.length} known exceptions)`);
for (const [rule, list] of byRule) {
  console.log(`  ${rule}: ${list.length}`);
  for (const v of list) console.log(`      ${isKnown(v) ? 'known ' : ''}${v.from} → ${v.to}`);
}
if (unknown.length > 0) failed = true;
if (stale.length > 0 || staleCycles.length > 0) {
  failed = true;
  console.log('\nKnown exceptions that no longer happen (remove them from test/arch/import-map.ts):');
  for (const known of stale) console.log(`  ${known.rule}: ${known.from} → ${known.to}`);
  for (const known of staleCycles) console.log(`  cycle: ${known.folders.join(' ↔ ')}`);
}

const readers = envReaders(modules);
const strayReaders = readers.filter((file) => !(file in ENV_READERS));
console.log(
  `\nFiles reading process.env: ${readers.length} (${strayReaders.length} outside config.ts and its exceptions)`,
);
for (const file of strayReaders) console.log(`  ${file}`);
if (strayReaders.length > 0) failed = true;

console.log(
  `\nFigures: ${cycles.length} cycles between capability folders, ${reads.size} files reading another capability's tables, ` +
    `${violations.length} imports against the map (${violations.length - unknown.length} known exceptions), ` +
    `${strayReaders.length} process.env readers outside config.ts and its exceptions`,
);

if (check && failed) {
  console.error('\nThe import map (docs/capabilities.md#rules) is broken: see above.');
  process.exit(1);
}
