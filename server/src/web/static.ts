import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import type { AppEnv } from '../http/env.ts';
import { type LinkPreview, withLinkPreview } from './head-tags.ts';
import type { LinkPreviews } from './unfurl.ts';

export const webDistDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * Serves the built web app: hashed assets cached for a year (Brotli or gzip copies when the
 * browser accepts them), every other path answered with
 * index.html so the client router can take it. Without a build it says how to make one.
 * Pages people share (session, community, series) get their link preview in the head.
 */
export function webAppRoutes(distDir = webDistDir, previews?: LinkPreviews) {
  const app = new Hono<AppEnv>();
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    return app.get('*', (c) =>
      c.text('The web app is not built. Run `pnpm build` (or `pnpm start`, which builds it).', 503),
    );
  }
  const root = path.relative(process.cwd(), distDir);
  app.get('/assets/:name', hashedAssets(path.join(distDir, 'assets')));
  // Whatever is not a hashed asset (index.html as `/`, the favicon) is asked again each time,
  // so that a release never leaves a browser on a page pointing at assets that are gone.
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-cache');
  });
  app.use('*', serveStatic({ root }));
  // Read per request (a small, OS-cached file) so a rebuild never leaves a stale index pointing at deleted assets.
  const indexHtml = () => readFileSync(indexFile, 'utf8');
  // A link into the room gets index.html with the room's code preloaded (web/vite.config.ts, roomEntryPage).
  const roomFile = path.join(distDir, 'room.html');
  const roomHtml = () => (existsSync(roomFile) ? readFileSync(roomFile, 'utf8') : indexHtml());
  app.get('/j/:secret/live', (c) => page(c, roomHtml()));
  app.get('/live/:ref', (c) => page(c, roomHtml()));
  if (previews) {
    // The preview depends on the reader's language, so caches must keep one copy per language.
    const sharedPage = async (c: Context<AppEnv>, preview: Promise<LinkPreview | null>) => {
      c.header('Vary', 'Accept-Language');
      return page(c, withLinkPreview(indexHtml(), await preview));
    };
    app.get('/s/:slug', (c) => sharedPage(c, previews.session(c.req.param('slug'), c.get('locale'))));
    app.get('/c/:slug', (c) => sharedPage(c, previews.community(c.req.param('slug'), c.get('locale'))));
    app.get('/series/:id', (c) => sharedPage(c, previews.series(c.req.param('id'), c.get('locale'))));
  }
  app.get('*', (c) => page(c, indexHtml()));
  return app;
}

/** The encodings the build writes beside each text asset (web/vite.config.ts), best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

type Encoding = (typeof PRECOMPRESSED)[number]['encoding'];

/** One asset in memory: its bytes as built, and the compressed copies the build wrote. */
interface HeldAsset {
  type: string;
  plain: Uint8Array<ArrayBuffer>;
  compressed: Map<Encoding, Uint8Array<ArrayBuffer>>;
}

/** A file name the build makes (`RoomPage-Cy3DSVQT.js`): nothing that could leave the folder. */
const ASSET_NAME = /^[\w-]+(\.[\w-]+)*$/;

/**
 * The build's hashed assets, answered from memory: an asset and its compressed copies are read
 * the first time a browser asks for it and kept, since a hashed file never changes. A room page
 * asks for about twenty of them at once, beside the join; read from disk through serveStatic's
 * streams, each cost the server about 0.8 ms more. What a rebuild adds is read when first asked
 * for; a name that is not there goes on to the next handler (index.html's fallback answers a
 * person who typed it) and is looked for again next time.
 */
function hashedAssets(assetsDir: string): MiddlewareHandler<AppEnv> {
  const held = new Map<string, HeldAsset>();
  // Copied into a buffer of its own (readFile's may share a pooled one).
  const readIfThere = (file: string) =>
    readFile(path.join(assetsDir, file)).then(
      (bytes) => new Uint8Array(bytes),
      () => undefined,
    );
  const load = async (name: string, type: string): Promise<HeldAsset | undefined> => {
    const plain = await readIfThere(name);
    if (!plain) return undefined;
    const compressed = new Map<Encoding, Uint8Array<ArrayBuffer>>();
    for (const { encoding, suffix } of PRECOMPRESSED) {
      const copy = await readIfThere(name + suffix);
      if (copy) compressed.set(encoding, copy);
    }
    const asset = { type, plain, compressed };
    held.set(name, asset);
    return asset;
  };
  return async (c, next) => {
    const name = c.req.param('name') ?? '';
    const type = getMimeType(name);
    if (!ASSET_NAME.test(name) || !type) return next();
    const asset = held.get(name) ?? (await load(name, type));
    if (!asset) return next();
    const accepted = acceptedEncodings(c.req.header('Accept-Encoding'));
    const best = PRECOMPRESSED.find(({ encoding }) => accepted.has(encoding) && asset.compressed.has(encoding));
    c.header('Vary', 'Accept-Encoding');
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    if (!best) return c.body(asset.plain);
    c.header('Content-Encoding', best.encoding);
    return c.body(asset.compressed.get(best.encoding) ?? asset.plain);
  };
}

/** The encodings an Accept-Encoding header allows (one with `q=0` is refused, not accepted). */
function acceptedEncodings(header: string | undefined): Set<Encoding> {
  const accepted = new Set<Encoding>();
  for (const part of (header ?? '').split(',')) {
    const [token = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const refused = params.some((param) => /^q=0(\.0*)?$/.test(param));
    if (!refused && (token === 'br' || token === 'gzip')) accepted.add(token);
  }
  return accepted;
}

function page(c: Context<AppEnv>, html: string) {
  c.header('Cache-Control', 'no-cache');
  return c.html(html);
}
