import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  besideSharedFolder,
  deadBesideSharedFolder,
  deadInMarkdownRepository,
  deadInSourceRepository,
  markdownRepository,
  sourceRepository,
} from './dead-link-examples.ts';
import { deadLinks, describeDeadLink, headingAnchors } from './doc-links.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('the documentation', () => {
  it('has no link or mention of a document that leads nowhere: every file is in the repository, every anchor a heading of it', () => {
    expect(deadLinks(repoRoot).map(describeDeadLink)).toEqual([]);
  });
});

describe('the dead-link check', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  /** A folder holding `files` (path → text); the repository is `root` inside it. */
  function aFolder(files: Record<string, string>, root = ''): string {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'serambi-doc-links-'));
    folders.push(folder);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      writeFileSync(path.join(folder, file), text);
    }
    return path.join(folder, root);
  }

  const deadIn = (root: string) => deadLinks(root).map(describeDeadLink);

  it('reports Markdown links to missing files and headings, in tables and reference definitions too, and nothing else', () => {
    expect(deadIn(aFolder(markdownRepository))).toEqual(deadInMarkdownRepository);
  });

  it('reports a link into the folder beside the repository even where the file is there', () => {
    expect(deadIn(aFolder(besideSharedFolder, 'repo'))).toEqual(deadBesideSharedFolder);
  });

  it('reports the documents code comments, scripts, configuration and prose mention but the repository lacks', () => {
    expect(deadIn(aFolder(sourceRepository))).toEqual(deadInSourceRepository);
  });

  it('names headings as GitHub does: lower case, hyphens, punctuation and code marks dropped, repeats numbered', () => {
    const markdown = '# Serambi\n\n## The room’s events: `v` & gaps\n\n## Notes\n\n### Notes\n\n## WHIP (not used)\n';
    expect([...headingAnchors(markdown)]).toEqual([
      'serambi',
      'the-rooms-events-v--gaps',
      'notes',
      'notes-1',
      'whip-not-used',
    ]);
  });
});
