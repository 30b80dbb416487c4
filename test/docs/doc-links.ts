import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString as textOf } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';

/**
 * Finds the links of a repository's documentation that lead nowhere: every link of its Markdown
 * files, and every mention of a Markdown file or of a path into the docs folder in its other
 * files (code comments, scripts, configuration) and in the prose of its Markdown. Each must name
 * a file inside the repository and, with `#anchor`, a heading of that file (GitHub's slugs).
 * Addresses with a scheme (https:, mailto:) are not fetched.
 */

/** One link or mention, where it was written and what it names. */
export interface DocReference {
  /** Relative to the repository, with `/`. */
  file: string;
  line: number;
  target: string;
  /** A Markdown link resolves from its file's folder only; a mention, from there or the repository's root. */
  kind: 'link' | 'mention';
}

export interface DeadLink extends DocReference {
  reason: string;
}

/** Folders that are not the repository's own writing: .gitignore's, and git's own. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', 'dist', '.tools', 'data', 'coverage', 'test-results', 'tmp']);
/** Files whose text is data, or dead links on purpose (the examples this check is tested on). */
const SKIPPED_FILES = new Set(['pnpm-lock.yaml', 'test/docs/dead-link-examples.ts']);
const BINARY = /\.(png|jpe?g|gif|webp|ico|woff2?|ttf|otf|pdf|mp4|webm|wav|y4m|gz|tgz|zip)$/i;

/** Every file of the repository that is its own writing, relative to `root` with `/`. */
export function repositoryFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(relative);
      } else if (entry.isFile() && !SKIPPED_FILES.has(entry.name) && !SKIPPED_FILES.has(relative)) {
        if (!BINARY.test(entry.name)) found.push(relative);
      }
    }
  };
  walk('');
  return found.sort();
}

const parse = (markdown: string): Root =>
  fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

function visit(node: Nodes, each: (node: Nodes) => void): void {
  each(node);
  if ('children' in node) for (const child of node.children) visit(child, each);
}

/**
 * The anchors GitHub gives a Markdown file's headings: the heading's text, lower-cased, spaces
 * as hyphens, punctuation dropped, and `-1`, `-2` … for a text met again.
 */
export function headingAnchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  visit(parse(markdown), (node) => {
    if (node.type === 'heading') anchors.add(slugger.slug(textOf(node)));
  });
  return anchors;
}

/**
 * A path to a Markdown file (`docs/livekit.md#permission-updates`, `../../SECURITY.md`) or into
 * the docs folder, not part of a longer path or address (`/api/docs/init.js` is a URL path, not ours).
 */
const MENTION = /(?<![\w./-])((?:\.{1,2}\/|\/)?(?:[\w.-]+\/)*[\w.-]+\.md\b|docs\/(?:[\w.-]+\/?)*)(#[\w-]*)?/g;
const ADDRESS = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;

/** The mentions in a text, with their lines counted from `firstLine`. */
function mentionsIn(file: string, text: string, firstLine = 1): DocReference[] {
  // Addresses keep their length, so positions (and lines) stay right.
  const withoutAddresses = text.replace(ADDRESS, (address) => ' '.repeat(address.length));
  return [...withoutAddresses.matchAll(MENTION)].map((match) => ({
    file,
    line: firstLine + (text.slice(0, match.index).match(/\n/g)?.length ?? 0),
    target: `${match[1]}${match[2] ?? ''}`,
    kind: 'mention' as const,
  }));
}

/** The links (and images, and reference definitions) of a Markdown file, and the files its prose mentions. */
export function markdownReferences(file: string, markdown: string): DocReference[] {
  const found: DocReference[] = [];
  const read = (node: Nodes) => {
    const line = node.position?.start.line ?? 0;
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      // A link's own text names where it goes at most: the link is what is checked.
      found.push({ file, line, target: node.url, kind: 'link' });
      return;
    }
    if (node.type === 'text' || node.type === 'inlineCode') found.push(...mentionsIn(file, node.value, line));
    if ('children' in node) for (const child of node.children) read(child);
  };
  read(parse(markdown));
  return found;
}

/** The files a non-Markdown file (code, script, configuration) mentions. */
export function sourceReferences(file: string, text: string): DocReference[] {
  return mentionsIn(file, text);
}

/** Why a reference leads nowhere, or null when it leads to something that is there. */
function whyDead(root: string, reference: DocReference, anchorsOf: (file: string) => Set<string>): string | null {
  const { target } = reference;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    return /^file:/i.test(target) ? 'a file: address points outside the repository' : null;
  }
  const hash = target.indexOf('#');
  const rawPath = (hash === -1 ? target : target.slice(0, hash)).replace(/\?.*$/, '');
  const anchor = hash === -1 ? undefined : target.slice(hash + 1);
  let filePath: string;
  try {
    filePath = decodeURIComponent(rawPath);
  } catch {
    return 'the path is not valid percent-encoding';
  }

  const from = path.posix.dirname(reference.file);
  const candidates =
    filePath === ''
      ? [reference.file]
      : filePath.startsWith('/')
        ? [path.posix.normalize(filePath.slice(1))]
        : reference.kind === 'link'
          ? [path.posix.join(from, filePath)]
          : [path.posix.join(from, filePath), path.posix.normalize(filePath)];
  const inside = candidates.filter((candidate) => candidate !== '..' && !candidate.startsWith('../'));
  if (inside.length === 0) return 'it points outside the repository';
  const resolved = inside.find((candidate) => existsSync(path.join(root, candidate)));
  if (resolved === undefined) return 'no such file in the repository';
  if (anchor === undefined || anchor === '') return null;

  if (statSync(path.join(root, resolved)).isDirectory()) return `#${anchor}: a folder has no headings`;
  if (!resolved.endsWith('.md')) {
    return /^L\d+(-L\d+)?$/.test(anchor) ? null : `#${anchor}: only Markdown files have headings to link to`;
  }
  return anchorsOf(resolved).has(anchor) ? null : `#${anchor}: no such heading in ${resolved}`;
}

/** Every link and mention in the repository at `root` that leads nowhere, in file order. */
export function deadLinks(root: string): DeadLink[] {
  const anchors = new Map<string, Set<string>>();
  const anchorsOf = (file: string) => {
    let known = anchors.get(file);
    if (!known) {
      known = headingAnchors(readFileSync(path.join(root, file), 'utf8'));
      anchors.set(file, known);
    }
    return known;
  };
  const dead: DeadLink[] = [];
  for (const file of repositoryFiles(root)) {
    const bytes = readFileSync(path.join(root, file));
    if (bytes.subarray(0, 8_000).includes(0)) continue;
    const text = bytes.toString('utf8');
    const references = file.endsWith('.md') ? markdownReferences(file, text) : sourceReferences(file, text);
    for (const reference of references) {
      const reason = whyDead(root, reference, anchorsOf);
      if (reason) dead.push({ ...reference, reason });
    }
  }
  return dead;
}

/** One line per dead link: where it is, what it names, why it leads nowhere. */
export function describeDeadLink(link: DeadLink): string {
  return `${link.file}:${link.line}: ${link.target} (${link.reason})`;
}
