import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { messageBundles } from './build/message-bundles-plugin.ts';

const apiPort = process.env.SERAMBI_API_PORT ?? 3000;
/** livekit-client itself, whether pnpm links it from its store or not. */
const LIVEKIT_CLIENT = /node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?livekit-client[\\/]/;

/** What a link into the room connects with before the speaker's first picture: the early connection (and LiveKit's client). */
const EARLY_CONNECTION = /[\\/]web[\\/]src[\\/]features[\\/]room[\\/]early-live-room\.ts$/;
/** room.html's first script: it starts the join and the early connection before the app's entry has arrived. */
const EARLY_ROOM_ENTRY = /[\\/]web[\\/]src[\\/]early-room\.ts$/;
/** The room's page, drawn around that picture. */
const ROOM_PAGE = /[\\/]web[\\/]src[\\/]pages[\\/]RoomPage\.tsx$/;

/** Solid itself (its reactive core, its DOM renderer and its stores), which every page runs. */
const SOLID = /node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?solid-js[\\/]/;

/** Text assets worth compressing; pictures and fonts in the build are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|txt|webmanifest)$/;

/** Where the build writes (the output's `dir`, which Vite always sets). */
function outputDir(dir: string | undefined): string {
  if (!dir) throw new Error('the build has no output directory');
  return dir;
}

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every text asset of the build, at the
 * highest levels, once: the server sends them to browsers that accept them (serveStatic's
 * `precompressed`), so a phone on a slow link downloads about a third of the bytes and no
 * request pays for compressing. Files under 1 KiB are left alone (headers would eat the gain).
 */
function precompress(): Plugin {
  return {
    name: 'serambi-precompress',
    apply: 'build',
    writeBundle({ dir }, bundle) {
      const outDir = outputDir(dir);
      for (const fileName of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(fileName)) continue;
        const file = path.join(outDir, fileName);
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

/**
 * Writes `room.html` beside index.html: the same page and styles, with early-room.ts as its only
 * script (an `async` module: it runs as soon as its few hundred bytes are in and asks for the
 * join) and `modulepreload` links for the early connection with all it imports (LiveKit's client,
 * by far the largest). The app's entry is not on the page: early-room.ts imports it once LiveKit's
 * code is in (early-entry.ts, `appCodeMayLoad`), first listing the room page and what it and the
 * entry import, which this writes into `<meta name="serambi-room-app">`. On a phone's link the
 * app's 90 kB would otherwise share the bandwidth and the connections with the join and LiveKit's
 * code, and the connection would open half a second later (bench/README.md). The server answers
 * links into the room with this page (server/src/web/static.ts).
 */
function roomEntryPage(): Plugin {
  return {
    name: 'serambi-room-entry-page',
    apply: 'build',
    writeBundle({ dir }, bundle) {
      const outDir = outputDir(dir);
      const chunks = [...Object.values(bundle)].flatMap((item) => (item.type === 'chunk' ? [item] : []));
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const facade = (test: RegExp) => chunks.find((chunk) => chunk.facadeModuleId && test.test(chunk.facadeModuleId));
      /** `fileName` and every chunk it imports statically, into `into`. */
      const withImports = (fileName: string, into: Set<string>) => {
        if (into.has(fileName)) return;
        into.add(fileName);
        for (const imported of byName.get(fileName)?.imports ?? []) withImports(imported, into);
      };
      const early = facade(EARLY_CONNECTION);
      const room = facade(ROOM_PAGE);
      const earlyEntry = facade(EARLY_ROOM_ENTRY);
      const appEntry = chunks.find((chunk) => chunk.isEntry && chunk.facadeModuleId?.endsWith('index.html'));
      if (!early || !room || !earlyEntry || !appEntry)
        throw new Error(
          'room.html: the early entry, the early connection, the app or the room page is not a chunk of its own',
        );
      const index = readFileSync(path.join(outDir, 'index.html'), 'utf8');
      const preloadLinks = (fileNames: Iterable<string>) =>
        [...fileNames]
          // Largest first: LiveKit's client takes longest to arrive.
          .sort((a, b) => (byName.get(b)?.code.length ?? 0) - (byName.get(a)?.code.length ?? 0))
          .map((fileName) => `<link rel="modulepreload" crossorigin href="/${fileName}">`)
          .join('\n    ');
      // What the early script imports (the join waits for it), then the early connection with what
      // that imports: all asked for at once, as the head is read (not one import after the other).
      const joining = new Set<string>();
      withImports(earlyEntry.fileName, joining);
      joining.delete(earlyEntry.fileName);
      const connecting = new Set<string>();
      withImports(early.fileName, connecting);
      for (const fileName of joining) connecting.delete(fileName);
      // The app's entry (first), its imports and the room page with its imports, for early-room.ts.
      const app = new Set<string>();
      withImports(appEntry.fileName, app);
      withImports(room.fileName, app);
      app.delete(appEntry.fileName);
      const appList = [appEntry.fileName, ...[...app].filter((f) => !joining.has(f) && !connecting.has(f))].map(
        (fileName) => `/${fileName}`,
      );
      // index.html's own scripts go (its entry and the links to what the entry imports).
      const scriptless = index
        .replace(/\n\s*<script type="module"[^>]*><\/script>/g, '')
        .replace(/\n\s*<link rel="modulepreload"[^>]*>/g, '');
      if (scriptless.includes('<script')) throw new Error('room.html: index.html has a script this does not know');
      const head = [
        `<script type="module" async crossorigin src="/${earlyEntry.fileName}"></script>`,
        preloadLinks(joining),
        preloadLinks(connecting),
        `<meta name="serambi-room-app" content="${appList.join(' ')}">`,
      ].join('\n    ');
      // Until the app draws (after LiveKit's code, which on a phone takes a second or more), a line
      // in both languages: the reader's is not known before the app's code is in.
      const connectingLine =
        '<div id="root"><p class="page-connecting" role="status">Menyambungkan ke ruang sesi… · ' +
        '<span lang="en">Connecting to the session room…</span></p></div>';
      const page = scriptless
        .replace(/\s*<\/head>/, `\n    ${head}\n  </head>`)
        .replace('<div id="root"></div>', connectingLine);
      if (!page.includes(head) || !page.includes(connectingLine))
        throw new Error('room.html: index.html has no </head> or no empty #root');
      writeFileSync(path.join(outDir, 'room.html'), page);
    },
  };
}

export default defineConfig({
  plugins: [solid(), messageBundles(), precompress(), roomEntryPage()],
  server: {
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // livekit-client alone is about 530 kB minified and loads only with the pages that use media.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // room.html's early script is an entry of its own (roomEntryPage); index.html does not load it.
      input: { index: 'index.html', 'early-room': 'src/early-room.ts' },
      // The shared modules define their zod schemas at the top level; a page that reads one
      // constant of such a module must not carry, nor run, the schemas nobody uses. Every
      // `z.…` call builds a schema and changes nothing else (validateWithoutEval calls zod's
      // `config` by its own name for that reason).
      treeshake: { manualPureFunctions: ['z'] },
      output: {
        codeSplitting: {
          // LiveKit is large and only pages that use media need it; its own chunk keeps the
          // home page small and lets the browser cache it across app releases.
          groups: [
            { name: 'livekit', test: LIVEKIT_CLIENT },
            // Every page needs all of Solid before it draws: one file compresses better than the
            // two or three the automatic split would cut it into, whichever pages share which part.
            { name: 'solid', test: SOLID },
          ],
        },
      },
    },
  },
});
