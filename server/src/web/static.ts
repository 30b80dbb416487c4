import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
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
  // Set on the way out: serveStatic's onFound runs after its response is made, too late for headers.
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok && c.res.headers.has('Last-Modified')) {
      c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    }
  });
  // The build writes .br and .gz beside each text asset (web/vite.config.ts).
  app.use('/assets/*', serveStatic({ root, precompressed: true }));
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

function page(c: Context<AppEnv>, html: string) {
  c.header('Cache-Control', 'no-cache');
  return c.html(html);
}
