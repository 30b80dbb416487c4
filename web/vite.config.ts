import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { messageBundles } from './build/message-bundles-plugin.ts';

const apiPort = process.env.SERAMBI_API_PORT ?? 3000;
/** livekit-client itself, whether pnpm links it from its store or not. */
const LIVEKIT_CLIENT = /node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?livekit-client[\\/]/;

/** Text assets worth compressing; pictures and fonts in the build are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|txt|webmanifest)$/;

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every text asset of the build, at the
 * highest levels, once: the server sends them to browsers that accept them (serveStatic's
 * `precompressed`), so a phone on a slow link downloads about a third of the bytes and no
 * request pays for compressing. Files under 1 KiB are left alone (headers would eat the gain).
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'serambi-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
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

export default defineConfig({
  plugins: [solid(), messageBundles(), precompress()],
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
      // The shared modules define their zod schemas at the top level; a page that reads one
      // constant of such a module must not carry, nor run, the schemas nobody uses. Every
      // `z.…` call builds a schema and changes nothing else (validateWithoutEval calls zod's
      // `config` by its own name for that reason).
      treeshake: { manualPureFunctions: ['z'] },
      output: {
        codeSplitting: {
          // LiveKit is large and only pages that use media need it; its own chunk keeps the
          // home page small and lets the browser cache it across app releases.
          groups: [{ name: 'livekit', test: LIVEKIT_CLIENT }],
        },
      },
    },
  },
});
