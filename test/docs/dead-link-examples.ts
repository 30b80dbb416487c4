/**
 * Small repositories the dead-link check is tried on, as file path → text. Many of their links
 * lead nowhere on purpose, so the check of the real repository leaves this one file out.
 */

/** Markdown files: links that lead somewhere, and links that do not. */
export const markdownRepository: Record<string, string> = {
  'README.md': [
    '# Example',
    '',
    'See [the architecture](docs/architecture.md#realtime-events), [its parts](docs/architecture.md#the-parts),',
    '[the second "Notes"](docs/architecture.md#notes-1) and [the rule of `caller`](docs/conventions.md#caller-me-and-actor).',
    '[Gone](docs/gone.md), [no such heading](docs/architecture.md#principles), [a folder](docs/) and',
    '[the root](/SECURITY.md#reporting).',
    '',
    '| part | where |',
    '| --- | --- |',
    '| jobs | [jobs](docs/architecture.md#jobs-and-retention), [missing](docs/jobs.md) |',
    '',
    '[Down here][below], [on the web](https://example.id/DESIGN.md), [mail](mailto:team@example.id),',
    '[this file](#example), [not here](#nowhere), [a local file](file:///etc/passwd).',
    '',
    '[below]: docs/below.md',
    '',
    '```sh',
    'cat docs/in-a-code-block.md',
    '```',
  ].join('\n'),
  'SECURITY.md': '# Security\n\n## Reporting\n',
  'docs/architecture.md': [
    '# Architecture',
    '',
    '## The parts',
    '',
    '## Realtime events',
    '',
    '## Jobs and retention',
    '',
    '## Notes',
    '',
    '## Notes',
    '',
    '[Back](../README.md#example), [out of the repository](../../elsewhere/README.md).',
  ].join('\n'),
  'docs/conventions.md': '# Conventions\n\n## `caller`, `me` and `actor`\n',
  'node_modules/some-package/README.md': '[Not ours](../../nowhere.md)\n',
};

/** What the check says of `markdownRepository`. */
export const deadInMarkdownRepository = [
  'README.md:5: docs/gone.md (no such file in the repository)',
  'README.md:5: docs/architecture.md#principles (#principles: no such heading in docs/architecture.md)',
  'README.md:10: docs/jobs.md (no such file in the repository)',
  'README.md:13: #nowhere (#nowhere: no such heading in README.md)',
  'README.md:13: file:///etc/passwd (a file: address points outside the repository)',
  'README.md:15: docs/below.md (no such file in the repository)',
  'docs/architecture.md:13: ../../elsewhere/README.md (it points outside the repository)',
];

/**
 * The team's folder beside a clone, as old comments named it: written from its parts, so no file
 * of the repository carries a path out of it that a search for such paths would find.
 */
const BESIDE = ['..', 'shared'].join('/');

/** Mentions of documentation in code comments, scripts and configuration. */
export const sourceRepository: Record<string, string> = {
  'docs/livekit.md': '# LiveKit\n\n## Permission updates\n',
  'server/src/gateway.ts': [
    '/**',
    ' * The complete permission set (docs/livekit.md#permission-updates): LiveKit replaces every field',
    ' * (LIVEKIT.md §2), so this is always sent whole. See DESIGN.md principle 3.',
    ' */',
    "export const docsPage = '/api/docs/init.js';",
  ].join('\n'),
  'server/src/room.ts': '// Bans on participant_joined (docs/livekit.md#kicked-clients-rejoin).\n',
  'deploy/Caddyfile': `# How it is put together: docs/deploy/ and ${BESIDE}/LIVEKIT.md\n`,
  setup: '#!/usr/bin/env bash\n# see docs/livekit.md (the pinned server)\n',
  'README.md': '# Example\n\nThe pieces: docs/livekit.md, `docs/missing.md` and STYLE.md.\n',
};

/** What the check says of `sourceRepository`. */
export const deadInSourceRepository = [
  'README.md:3: docs/missing.md (no such file in the repository)',
  'README.md:3: STYLE.md (no such file in the repository)',
  'deploy/Caddyfile:1: docs/deploy/ (no such file in the repository)',
  `deploy/Caddyfile:1: ${BESIDE}/LIVEKIT.md (no such file in the repository)`,
  'server/src/gateway.ts:3: LIVEKIT.md (no such file in the repository)',
  'server/src/gateway.ts:3: DESIGN.md (no such file in the repository)',
  'server/src/room.ts:1: docs/livekit.md#kicked-clients-rejoin (#kicked-clients-rejoin: no such heading in docs/livekit.md)',
];

/** A repository (`repo/`) beside a folder it must not link into, though the file is there. */
export const besideSharedFolder: Record<string, string> = {
  'repo/README.md': `Architecture: [DESIGN](${BESIDE}/DESIGN.md).\n`,
  'shared/DESIGN.md': '# Design\n',
};

/** What the check says of `besideSharedFolder`'s repository. */
export const deadBesideSharedFolder = [`README.md:1: ${BESIDE}/DESIGN.md (it points outside the repository)`];
