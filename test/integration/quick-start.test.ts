import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The command lines of the README's quick start: its ```sh block, without comment-only lines. */
function quickStartLines(readme: string): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Quick start\n')) ?? '';
  const blocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
  return blocks.flatMap((block) => block.split('\n').filter((line) => line.trim() && !line.startsWith('#')));
}

describe('the README’s quick start', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const lines = quickStartLines(readme);

  it('is two lines, each starting with ./setup, which a bare Debian machine can run', () => {
    expect(lines).toHaveLength(2);
    const [start, test] = lines;
    expect(start).toMatch(/^\.\/setup && pnpm start(\s+#.*)?$/);
    expect(test).toMatch(/^\.\/setup --test && pnpm test(\s+#.*)?$/);
    // A bash script, executable as cloned: nothing needs installing before the first command.
    accessSync(path.join(repoRoot, 'setup'), constants.X_OK);
    expect(readFileSync(path.join(repoRoot, 'setup'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env bash');
  });

  it('is what CI runs: .ci/run runs the second line as the README writes it', () => {
    const ci = spawnSync(path.join(repoRoot, '.ci/run'), ['--print-test-line'], { cwd: repoRoot, encoding: 'utf8' });
    expect(ci.stderr).toBe('');
    expect(ci.status).toBe(0);
    expect(ci.stdout).toBe(`${lines[1]}\n`);
  });
});
